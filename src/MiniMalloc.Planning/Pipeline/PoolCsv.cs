using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// The CSV of a pool plan: the reference's columns with the offset (<c>id,lower,upper,size,...,offset</c>, as
/// <see cref="CsvProblemWriter"/> writes them), then <c>pool</c> (the buffer's pool's name), then <c>pools</c> (the
/// pools it may go to, separated by spaces) when some buffer may not go to every pool, so that the file reads back
/// as the same problem with <c>--pool</c> options.
/// </summary>
internal static class PoolCsv
{
    /// <summary>The text of the CSV ("\n" line ends, deterministic).</summary>
    public static string Write(PoolProblem problem, PlanPools pools, PoolSolution solution)
    {
        string plain = CsvProblemWriter.Write(new Problem(problem.Buffers, 0), new Solution(solution.Offsets, solution.Heights.Count == 0 ? 0 : solution.Heights.Max()));
        ulong every = PlanPools.AllPools(pools.Pools.Count);
        bool restricted = pools.Allowed.Any(mask => mask != every);
        var text = new StringBuilder(plain.Length + 16 * problem.Buffers.Count);
        string[] lines = plain.Split('\n');
        for (int row = 0; row < lines.Length; row++)
        {
            if (lines[row].Length == 0) continue;
            text.Append(lines[row]);
            if (row == 0)
            {
                text.Append(",pool");
                if (restricted) text.Append(',').Append(CsvPools.Column);
            }
            else
            {
                int i = row - 1;
                text.Append(',').Append(Field(problem.Pools[solution.PoolOf[i]].Name));
                if (restricted) text.Append(',').Append(Field(pools.Names(pools.Allowed[i])));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    // Names may hold a comma or a quote (any text is a name); such fields are quoted as RFC 4180 says.
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
