namespace MiniMalloc;

/// <summary>
/// Which field of a record holds which value, from the header line. Names and aliases follow the reference
/// converter: <c>buffer</c>/<c>buffer_id</c> mean <c>id</c>, <c>start</c>/<c>begin</c> mean <c>lower</c>, and <c>end</c>
/// means <c>upper</c> given inclusively (so 1 is added to it and to the upper bound of every gap). Names are
/// matched ignoring case; other columns are ignored, as the reference does.
/// </summary>
internal sealed class CsvColumns
{
    public const string Id = "id", Lower = "lower", Upper = "upper", Size = "size";
    public const string Alignment = "alignment", Hint = "hint", Gaps = "gaps", Offset = "offset", Alias = "alias";

    private static readonly string[] Required = [Id, Lower, Upper, Size];

    private readonly Dictionary<string, int> _indexOf;
    private readonly string[] _headerNames;

    private CsvColumns(Dictionary<string, int> indexOf, string[] headerNames, bool inclusiveEnd)
    {
        _indexOf = indexOf;
        _headerNames = headerNames;
        InclusiveEnd = inclusiveEnd;
    }

    /// <summary>The number of fields every record must have.</summary>
    public int Count => _headerNames.Length;

    /// <summary>True when the upper bound came from an <c>end</c> column (inclusive, as in the reference).</summary>
    public bool InclusiveEnd { get; }

    /// <summary>The field index of a canonical column, or -1 when the file lacks it.</summary>
    public int IndexOf(string canonical) => _indexOf.TryGetValue(canonical, out int index) ? index : -1;

    /// <summary>The column's name as the header spells it (for messages).</summary>
    public string HeaderName(string canonical) => _headerNames[_indexOf[canonical]];

    /// <summary>Reads the header; returns null (after adding errors) when it is unusable.</summary>
    public static CsvColumns? FromHeader(CsvRecord header, string file, List<CsvError> errors)
    {
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[header.Fields.Count];
        bool inclusiveEnd = false, ok = true;
        for (int i = 0; i < header.Fields.Count; i++)
        {
            var field = header.Fields[i];
            names[i] = field.Text;
            string canonical = Canonical(field.Text, out bool isEnd);
            if (canonical.Length == 0)
            {
                errors.Add(new CsvError(file, field.Line, field.Column, $"header field {i + 1} is empty; every column needs a name", CsvErrorKind.BadHeader));
                ok = false;
                continue;
            }
            if (indexOf.TryGetValue(canonical, out int first))
            {
                string same = string.Equals(names[first], field.Text, StringComparison.OrdinalIgnoreCase)
                    ? "" : $" (both mean '{canonical}')";
                errors.Add(new CsvError(file, field.Line, field.Column,
                    $"duplicate column '{field.Text}': column {first + 1} is already '{names[first]}'{same}", CsvErrorKind.BadHeader));
                ok = false;
                continue;
            }
            indexOf[canonical] = i;
            inclusiveEnd |= isEnd;
        }
        foreach (var required in Required)
        {
            if (!indexOf.ContainsKey(required))
            {
                errors.Add(new CsvError(file, header.Line, 1,
                    $"missing required column '{required}'{AliasHint(required)}; the header is '{string.Join(",", names)}' "
                    + "(required: id, lower, upper, size; optional: alignment, hint, gaps, offset, alias)", CsvErrorKind.MissingColumn));
                ok = false;
            }
        }
        return ok ? new CsvColumns(indexOf, names, inclusiveEnd) : null;
    }

    private static string Canonical(string name, out bool isEnd)
    {
        isEnd = false;
        string lower = name.Trim().ToLowerInvariant();
        switch (lower)
        {
            case "buffer":
            case "buffer_id":
                return Id;
            case "start":
            case "begin":
                return Lower;
            case "end":
                isEnd = true;
                return Upper;
            default:
                return lower;
        }
    }

    private static string AliasHint(string required) => required switch
    {
        Id => " (or 'buffer', 'buffer_id')",
        Lower => " (or 'start', 'begin')",
        Upper => " (or 'end', inclusive)",
        _ => "",
    };
}
