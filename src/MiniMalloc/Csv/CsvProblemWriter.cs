using System.Globalization;
using System.Text;

namespace MiniMalloc;

/// <summary>
/// Writes a problem, and optionally its solution, as CSV with the reference converter's columns:
/// <c>id,lower,upper,size</c>, then <c>alignment</c> when some buffer's alignment is not 1, <c>hint</c> when some
/// buffer has one (-1 for those without), <c>gaps</c> when some buffer has gaps, <c>alias</c> (<c>OWNER@OFFSET</c>)
/// when some buffer is an alias, and <c>offset</c> (the solution) when a solution is given: for an alias, its
/// absolute offset. Deterministic: invariant culture and "\n" line ends.
/// </summary>
/// <remarks>
/// Fixed offsets of the problem are not written as such: with a solution, the offset column holds every
/// buffer's offset (a fixed one included), and reading the file back fixes them all (except aliases, which
/// take no offset of their own: a reader refuses an alias with one). Ids that hold a comma, a
/// quote, a line break or blanks at either end are quoted (RFC 4180); the reference reader cannot read those.
/// </remarks>
public static class CsvProblemWriter
{
    /// <summary>Returns the CSV text of <paramref name="problem"/> with, when given, an offset column from <paramref name="solution"/>.</summary>
    public static string Write(Problem problem, Solution? solution = null)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(text, problem, solution);
        return text.ToString();
    }

    /// <summary>
    /// Returns the CSV text of <paramref name="problem"/> with, when given, an offset column from
    /// <paramref name="solution"/>, then <paramref name="columns"/> (quoted as ids are).
    /// </summary>
    public static string Write(Problem problem, Solution? solution, IReadOnlyList<CsvExtraColumn> columns)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(text, problem, solution, columns);
        return text.ToString();
    }

    /// <summary>Writes the CSV text of <paramref name="problem"/> (and <paramref name="solution"/>) to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, Problem problem, Solution? solution = null) => Write(writer, problem, solution, []);

    /// <summary>
    /// Writes the CSV text of <paramref name="problem"/> (and <paramref name="solution"/>), then <paramref name="columns"/>
    /// after the offset, to <paramref name="writer"/>. A caller that needs more columns passes them here rather than
    /// editing the text afterwards: a quoted id may hold a line break, so the text's lines are not its rows.
    /// </summary>
    public static void Write(TextWriter writer, Problem problem, Solution? solution, IReadOnlyList<CsvExtraColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(columns);
        var buffers = problem.Buffers;
        if (solution is not null && solution.Offsets.Count != buffers.Count)
        {
            throw new ArgumentException($"the solution has {solution.Offsets.Count} offsets for {buffers.Count} buffers", nameof(solution));
        }
        bool alignment = buffers.Any(b => b.Alignment != 1);
        bool hint = buffers.Any(b => b.Hint is not null);
        bool gaps = buffers.Any(b => b.Gaps.Count > 0);
        bool alias = buffers.Any(b => b.Alias is not null);

        var line = new StringBuilder("id,lower,upper,size");
        if (alignment) line.Append(",alignment");
        if (hint) line.Append(",hint");
        if (gaps) line.Append(",gaps");
        if (alias) line.Append(",alias");
        if (solution is not null) line.Append(",offset");
        foreach (var column in columns) AppendField(line.Append(','), column.Name);
        WriteLine(writer, line);

        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            line.Clear();
            AppendField(line, b.Id);
            line.Append(',').Append(Invariant(b.Lifespan.Lower));
            line.Append(',').Append(Invariant(b.Lifespan.Upper));
            line.Append(',').Append(Invariant(b.Size));
            if (alignment) line.Append(',').Append(Invariant(b.Alignment));
            if (hint) line.Append(',').Append(Invariant(b.Hint ?? -1));
            if (gaps)
            {
                line.Append(',');
                for (int g = 0; g < b.Gaps.Count; g++)
                {
                    var gap = b.Gaps[g];
                    if (g > 0) line.Append(' ');
                    line.Append(Invariant(gap.Lifespan.Lower)).Append('-').Append(Invariant(gap.Lifespan.Upper));
                    if (gap.Window is { } w) line.Append('@').Append(Invariant(w.Lower)).Append(':').Append(Invariant(w.Upper));
                }
            }
            if (alias)
            {
                line.Append(',');
                if (b.Alias is { } a) AppendField(line, a.Owner + "@" + Invariant(a.Offset));
            }
            if (solution is not null) line.Append(',').Append(Invariant(solution.Offsets[i]));
            foreach (var column in columns) AppendField(line.Append(','), column.Value(i));
            WriteLine(writer, line);
        }
    }

    private static void WriteLine(TextWriter writer, StringBuilder line)
    {
        writer.Write(line);
        writer.Write('\n');
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Ids, and any text field: quoted (RFC 4180) when it holds a comma, a quote or a line break, or blanks at either end.
    private static void AppendField(StringBuilder line, string id)
    {
        bool quote = id.Length > 0 && (char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]) || id[0] == '"')
            || id.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            line.Append(id);
            return;
        }
        line.Append('"').Append(id.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
