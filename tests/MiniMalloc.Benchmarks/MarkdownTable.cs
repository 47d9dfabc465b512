using System.Globalization;
using System.Text;

namespace MiniMalloc.Benchmarks;

/// <summary>A Markdown table with right-aligned number columns, padded so that it also reads well as plain text.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly bool[] _numeric = new bool[headers.Length];

    /// <summary>Marks the columns whose cells are numbers (right-aligned).</summary>
    public MarkdownTable Numeric(params int[] columns)
    {
        foreach (int c in columns) _numeric[c] = true;
        return this;
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}");
        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((h, c) => Math.Max(3, _rows.Select(r => r[c].Length).DefaultIfEmpty(0).Max())).ToArray();
        for (int c = 0; c < headers.Length; c++) widths[c] = Math.Max(widths[c], headers[c].Length);
        var text = new StringBuilder();
        Line(text, headers, widths);
        text.Append('|');
        for (int c = 0; c < headers.Length; c++) text.Append(' ').Append(new string('-', widths[c] - 1)).Append(_numeric[c] ? ':' : '-').Append(" |");
        text.Append('\n');
        foreach (var row in _rows) Line(text, row, widths);
        return text.ToString();
    }

    private void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (int c = 0; c < cells.Length; c++)
        {
            text.Append(' ').Append(_numeric[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c])).Append(" |");
        }
        text.Append('\n');
    }

    /// <summary>Seconds with three decimals, four below a tenth of a second (whole-process start-up times), one from ten.</summary>
    public static string Seconds(double seconds) =>
        seconds.ToString(seconds switch { < 0.1 => "0.0000", < 10 => "0.000", _ => "0.0" }, CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>How far a height lies above its lower bound: "38912 (3.95 %)".</summary>
    public static string Gap(long height, long lowerBound) =>
        string.Create(CultureInfo.InvariantCulture, $"{height - lowerBound} ({(height - lowerBound) * 100.0 / Math.Max(1, lowerBound):0.00} %)");

    /// <summary>"ok", or the validator's complaint.</summary>
    public static string Verdict(ValidationResult verdict) => verdict.IsValid ? "ok" : $"INVALID: {verdict.Kind}: {verdict.Message}";
}
