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
        // The writer adds the columns row by row: an id or a name may be quoted with a line break in it, so the
        // text's lines are not its rows.
        var columns = new List<CsvExtraColumn> { new(CsvPools.PlannedColumn, i => problem.Pools[solution.PoolOf[i]].Name) };
        ulong every = PlanPools.AllPools(pools.Pools.Count);
        if (pools.Allowed.Any(mask => mask != every)) columns.Add(new(CsvPools.Column, i => pools.Names(pools.Allowed[i])));
        var plan = new Solution(solution.Offsets, solution.Heights.Count == 0 ? 0 : solution.Heights.Max());
        return CsvProblemWriter.Write(new Problem(problem.Buffers, 0), plan, columns);
    }
}
