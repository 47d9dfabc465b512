using System.Globalization;
using System.Text;

namespace MiniMalloc.Fuzz;

/// <summary>
/// Reads a pool plan back from the pipeline's CSV (<c>id,lower,upper,size,...,offset,pool[,pools]</c>, one row per
/// buffer in the problem's order, fields quoted as RFC 4180 says), so that the plan checked is the one a user gets.
/// </summary>
internal static class PoolPlanCsv
{
    /// <summary>The plan the CSV states for <paramref name="problem"/>; throws when the CSV does not state one.</summary>
    public static PoolSolution Read(string csv, PoolProblem problem)
    {
        var rows = Records(csv);
        if (rows.Count != problem.Buffers.Count + 1) throw new InvalidOperationException($"the plan's CSV has {rows.Count - 1} rows for {problem.Buffers.Count} buffers");
        int offsetColumn = rows[0].IndexOf("offset"), poolColumn = rows[0].IndexOf("pool");
        if (offsetColumn < 0 || poolColumn < 0) throw new InvalidOperationException("the plan's CSV has no offset or pool column: " + string.Join(",", rows[0]));
        var poolOf = new int[problem.Buffers.Count];
        var offsets = new long[problem.Buffers.Count];
        for (int i = 0; i < poolOf.Length; i++)
        {
            var row = rows[i + 1];
            if (row.Count != rows[0].Count) throw new InvalidOperationException($"row {i + 1} of the plan's CSV has {row.Count} fields");
            if (row[0] != problem.Buffers[i].Id) throw new InvalidOperationException($"row {i + 1} of the plan's CSV is '{row[0]}', not buffer '{problem.Buffers[i].Id}'");
            offsets[i] = long.Parse(row[offsetColumn], NumberStyles.None, CultureInfo.InvariantCulture);
            poolOf[i] = problem.Pools.Select(p => p.Name).ToList().IndexOf(row[poolColumn]);
            if (poolOf[i] < 0) throw new InvalidOperationException($"row {i + 1} of the plan's CSV names no pool of the problem: '{row[poolColumn]}'");
        }
        return PoolSolution.From(problem, poolOf, offsets);
    }

    // The records of the text: a field in quotes may hold commas, line breaks and doubled quotes.
    private static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0) throw new InvalidOperationException("the plan's CSV does not end with a line break");
        return records;
    }
}
