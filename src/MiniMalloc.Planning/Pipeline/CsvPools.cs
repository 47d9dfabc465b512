namespace MiniMalloc.Planning;

/// <summary>
/// The pools of a CSV problem: the pools set for the plan (<c>--pool</c>, in order of preference), the optional
/// <c>pools</c> column (names separated by spaces; empty or absent: every pool), and the optional <c>pool</c> column
/// of a plan written before (a buffer with a value there is held in that pool, as its offset column fixes its
/// offset: the plan reads back as itself). Read with the same tokenizer as the problem, so that row numbers and
/// quoting agree with the library's reader.
/// </summary>
internal static class CsvPools
{
    /// <summary>The column's name (matched ignoring case, as every CSV column).</summary>
    public const string Column = "pools";

    /// <summary>The output's column: the pool a plan put the buffer in.</summary>
    public const string PlannedColumn = "pool";

    /// <summary>True when the CSV text's header has a <c>pools</c> column.</summary>
    public static bool HasColumn(string text, string path)
    {
        // The header only: every CSV input is asked, and a large one is not tokenized twice for it.
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        var records = CsvTokenizer.Tokenize(end < 0 ? text : text[..end], path, []);
        return ColumnIndex(records, Column) >= 0 || ColumnIndex(records, PlannedColumn) >= 0;
    }

    // A plain loop: this runs for every CSV input, and generic LINQ over the tokenizer's structs would be compiled at run time.
    private static int ColumnIndex(List<CsvRecord> records, string name)
    {
        if (records.Count == 0) return -1;
        var fields = records[0].Fields;
        for (int i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Text.Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>The pools of <paramref name="problem"/> read from <paramref name="text"/>, or null with errors added.</summary>
    public static PlanPools? Read(string text, string path, Problem problem, IReadOnlyList<PoolSpec> pools, List<Diagnostic> diagnostics)
    {
        var records = CsvTokenizer.Tokenize(text, path, []).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Text.Length == 0)).ToList();
        int column = ColumnIndex(records, Column), planned = ColumnIndex(records, PlannedColumn);
        ulong every = PlanPools.AllPools(pools.Count);
        var allowed = new List<ulong>(problem.Buffers.Count);
        var weights = new List<long>(problem.Buffers.Count);
        string known = string.Join(", ", pools.Select(p => "'" + p.Name + "'"));
        int errors = 0;
        for (int i = 0; i < problem.Buffers.Count && errors < LifetimesParser.MaxErrors; i++)
        {
            var buffer = problem.Buffers[i];
            ulong mask = every;
            // Records and buffers are in the same order (the reader keeps every data row, one buffer each). The
            // row is needed for either column: a plan's CSV has a pool column and a pools column only when some
            // buffer may not go everywhere.
            var record = i + 1 < records.Count ? records[i + 1] : null;
            if (record is not null && column >= 0 && column < record.Fields.Count && record.Fields[column].Text.Trim() is { Length: > 0 } names)
            {
                var field = record.Fields[column];
                mask = 0;
                foreach (string name in names.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    int index = pools.ToList().FindIndex(p => p.Name == name);
                    if (index < 0)
                    {
                        errors++;
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.UnknownPool, DiagnosticSeverity.Error,
                            $"buffer {JsonText.Quote(buffer.Id)} names pool {JsonText.Quote(name)}, which is not among the pools set for this plan ({known})", path, field.Line, field.Column));
                    }
                    else if ((mask >> index & 1) != 0)
                    {
                        errors++;
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicatePool, DiagnosticSeverity.Error,
                            $"buffer {JsonText.Quote(buffer.Id)} lists pool {JsonText.Quote(name)} twice", path, field.Line, field.Column));
                    }
                    else
                    {
                        mask |= 1UL << index;
                    }
                }
            }
            if (record is not null && planned >= 0 && planned < record.Fields.Count && record.Fields[planned].Text.Trim() is { Length: > 0 } held)
            {
                var field = record.Fields[planned];
                int index = pools.ToList().FindIndex(p => p.Name == held);
                if (index < 0 || (mask >> index & 1) == 0)
                {
                    errors++;
                    string why = index < 0 ? $"which is not among the pools set for this plan ({known})" : "which its pools column does not allow";
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.UnknownPool, DiagnosticSeverity.Error,
                        $"buffer {JsonText.Quote(buffer.Id)} is held in pool {JsonText.Quote(held)}, {why}", path, field.Line, field.Column));
                }
                else
                {
                    mask = 1UL << index;
                }
            }
            allowed.Add(mask);
            weights.Add(buffer.Size);
            if (mask != 0 && buffer.Alias is null && PoolRules.PlacementError(buffer.Id, buffer.Size, buffer.Offset, buffer.Alignment, mask, pools) is { } broken)
            {
                errors++;
                // At the value to change, as in a lifetimes file: the row's size or offset field.
                int at = ColumnIndex(records, broken.Property);
                var (line, col) = record is null ? (0, 0) : at >= 0 && at < record.Fields.Count ? (record.Fields[at].Line, record.Fields[at].Column) : (record.Line, 1);
                diagnostics.Add(new Diagnostic(broken.Code, DiagnosticSeverity.Error, broken.Message, path, line, col));
            }
        }
        if (errors > 0) return null;
        if (PoolRules.TotalCostTooLarge(weights, pools) is { } totals)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.TotalsTooLarge, DiagnosticSeverity.Error, totals, path));
            return null;
        }
        return new PlanPools(pools, allowed, weights);
    }
}
