using System.Globalization;

namespace MiniMalloc;

/// <summary>
/// Turns one data record into a <see cref="Buffer"/>, adding a positioned error for every field that is wrong
/// (so one pass reports them all) and returning null when any was.
/// </summary>
internal sealed class CsvRowParser
{
    private readonly string _file;
    private readonly CsvColumns _columns;
    private readonly long? _capacity;
    private readonly List<CsvError> _errors;
    private readonly long _addend;
    private readonly Dictionary<string, int> _lineOfId = new(StringComparer.Ordinal);

    public CsvRowParser(string file, CsvColumns columns, long? capacity, List<CsvError> errors)
    {
        _file = file;
        _columns = columns;
        _capacity = capacity;
        _errors = errors;
        _addend = columns.InclusiveEnd ? 1 : 0;
    }

    /// <summary>Where a parsed buffer's fields are, for the checks across rows (aliases).</summary>
    public readonly record struct Positions(CsvField Row, CsvField? Alias, CsvField? Offset, CsvField? Hint, CsvField? Alignment);

    public Buffer? Parse(CsvRecord record) => Parse(record, out _);

    public Buffer? Parse(CsvRecord record, out Positions positions)
    {
        positions = default;
        var fields = record.Fields;
        if (fields.Count != _columns.Count)
        {
            var at = fields.Count > _columns.Count ? fields[_columns.Count] : fields[^1];
            Error(CsvErrorKind.Malformed, record.Line, at.Column, $"expected {_columns.Count} fields as in the header, found {fields.Count}");
            return null;
        }
        int errorsBefore = _errors.Count;

        var idField = Field(record, CsvColumns.Id);
        string id = idField.Text;
        if (id.Length == 0) Error(CsvErrorKind.EmptyId, idField, $"the {Name(CsvColumns.Id)} is empty; every buffer needs one");
        else if (!_lineOfId.TryAdd(id, record.Line))
        {
            Error(CsvErrorKind.DuplicateId, idField, $"duplicate {Name(CsvColumns.Id)} '{id}': already used on line {_lineOfId[id]}");
        }

        bool hasLower = Integer(Field(record, CsvColumns.Lower), CsvColumns.Lower, out long lower);
        bool hasUpper = Integer(Field(record, CsvColumns.Upper), CsvColumns.Upper, out long given, _addend);
        long upper = given + _addend;
        if (hasLower && hasUpper && upper <= lower)
        {
            Error(CsvErrorKind.EmptyLifespan, Field(record, CsvColumns.Upper), _columns.InclusiveEnd
                ? $"{Name(CsvColumns.Upper)} {given} is less than {Name(CsvColumns.Lower)} {lower} ('{Name(CsvColumns.Upper)}' is inclusive: the buffer is live from {lower} through {given})"
                : $"{Name(CsvColumns.Upper)} {given} is not greater than {Name(CsvColumns.Lower)} {lower}: the lifespan [lower, upper) would be empty");
            hasUpper = false;
        }

        var sizeField = Field(record, CsvColumns.Size);
        bool hasSize = Integer(sizeField, CsvColumns.Size, out long size);
        if (hasSize && size <= 0)
        {
            Error(CsvErrorKind.InvalidSize, sizeField, $"{Name(CsvColumns.Size)} {size} must be positive");
            hasSize = false;
        }
        else if (hasSize && _capacity is { } capacity && size > capacity)
        {
            Error(CsvErrorKind.ExceedsCapacity, sizeField, $"{Name(CsvColumns.Size)} {size} of buffer '{id}' exceeds the capacity {capacity}");
        }

        long alignment = 1;
        if (Optional(record, CsvColumns.Alignment) is { } alignmentField && Integer(alignmentField, CsvColumns.Alignment, out long alignmentValue))
        {
            if (alignmentValue <= 0) Error(CsvErrorKind.InvalidAlignment, alignmentField, $"{Name(CsvColumns.Alignment)} {alignmentValue} must be positive (1 means none)");
            else alignment = alignmentValue;
        }

        long? hint = null;
        if (Optional(record, CsvColumns.Hint) is { } hintField && Integer(hintField, CsvColumns.Hint, out long hintValue))
        {
            // As in the reference, a negative hint means "no hint" (its writer prints -1 for none).
            if (hintValue >= 0) hint = hintValue;
        }

        long? offset = null;
        if (Optional(record, CsvColumns.Offset) is { } offsetField && Integer(offsetField, CsvColumns.Offset, out long offsetValue))
        {
            if (offsetValue < 0) Error(CsvErrorKind.InvalidOffset, offsetField, $"{Name(CsvColumns.Offset)} {offsetValue} must not be negative");
            else if (offsetValue % alignment != 0)
            {
                Error(CsvErrorKind.MisalignedOffset, offsetField, $"{Name(CsvColumns.Offset)} {offsetValue} is not a multiple of the alignment {alignment}");
            }
            else if (hasSize && _capacity is { } capacity && offsetValue + size > capacity)
            {
                Error(CsvErrorKind.ExceedsCapacity, offsetField, $"{Name(CsvColumns.Offset)} {offsetValue} + size {size} exceeds the capacity {capacity}");
            }
            offset = offsetValue;
        }

        IReadOnlyList<Gap> gaps = [];
        if (Optional(record, CsvColumns.Gaps) is { } gapsField)
        {
            gaps = ParseGaps(gapsField, new Lifespan(lower, upper), hasLower && hasUpper, hasSize ? size : null);
        }

        BufferAlias? alias = null;
        var aliasField = Optional(record, CsvColumns.Alias);
        if (aliasField is { } aliasText) alias = ParseAlias(aliasText);

        if (_errors.Count > errorsBefore) return null;
        positions = new Positions(idField, aliasField, Optional(record, CsvColumns.Offset), Optional(record, CsvColumns.Hint), Optional(record, CsvColumns.Alignment));
        return new Buffer(id, lower, upper, size) { Alignment = alignment, Hint = hint, Offset = offset, Gaps = gaps, Alias = alias };
    }

    // OWNER@OFFSET, split at the last '@' so that an owner id may hold one.
    private BufferAlias? ParseAlias(CsvField field)
    {
        string text = field.Text;
        int at = text.LastIndexOf('@');
        if (at <= 0 || !TryInteger(text[(at + 1)..], out long offset))
        {
            Error(CsvErrorKind.InvalidAlias, field,
                $"{Name(CsvColumns.Alias)} '{text}' is malformed: expected OWNER@OFFSET, the owner's id and where this buffer's bytes begin in it (a non-negative integer), e.g. 'conv3.out@0'");
            return null;
        }
        return new BufferAlias(text[..at], offset);
    }

    private List<Gap> ParseGaps(CsvField field, Lifespan lifespan, bool checkLifespan, long? size)
    {
        var gaps = new List<Gap>();
        string text = field.Text;
        int i = 0;
        string? previous = null;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && text[i] != ' ') i++;
            string token = text[start..i];
            var at = field with { Column = field.Column + start };
            if (ParseGap(token, at, lifespan, checkLifespan, size) is not { } gap) continue;
            if (gaps.Count > 0 && gap.Lifespan.Lower < gaps[^1].Lifespan.Upper)
            {
                Error(CsvErrorKind.InvalidGap, at, $"gap '{token}' overlaps or precedes the gap '{previous}' before it; list gaps in increasing order");
                continue;
            }
            gaps.Add(gap);
            previous = token;
        }
        return gaps;
    }

    private Gap? ParseGap(string token, CsvField at, Lifespan lifespan, bool checkLifespan, long? size)
    {
        string malformed = $"gap '{token}' is malformed: expected 'lo-hi' or 'lo-hi@wlo:whi' (non-negative integers)";
        string[] parts = token.Split('@');
        string[] steps = parts[0].Split('-');
        if (parts.Length > 2 || steps.Length != 2 || !TryInteger(steps[0], out long lo) || !TryInteger(steps[1], out long hi))
        {
            Error(CsvErrorKind.InvalidGap, at, malformed);
            return null;
        }
        Window? window = null;
        if (parts.Length == 2)
        {
            string[] bytes = parts[1].Split(':');
            if (bytes.Length != 2 || !TryInteger(bytes[0], out long wlo) || !TryInteger(bytes[1], out long whi))
            {
                Error(CsvErrorKind.InvalidGap, at, malformed);
                return null;
            }
            if (wlo > whi || (size is { } s && whi > s))
            {
                Error(CsvErrorKind.InvalidWindow, at, $"the window {wlo}:{whi} of gap '{token}' must lie within the buffer's bytes [0, {(size is { } z ? z.ToString(CultureInfo.InvariantCulture) : "size")}]");
                return null;
            }
            window = new Window(wlo, whi);
        }
        var gapSteps = new Lifespan(lo, hi + _addend);
        if (gapSteps.Upper <= gapSteps.Lower)
        {
            Error(CsvErrorKind.InvalidGap, at, $"gap '{token}' is empty: its upper bound must exceed its lower bound");
            return null;
        }
        if (checkLifespan && (gapSteps.Lower < lifespan.Lower || gapSteps.Upper > lifespan.Upper))
        {
            Error(CsvErrorKind.GapOutsideLifespan, at, $"gap '{token}' lies outside the buffer's lifespan {lifespan}");
            return null;
        }
        return new Gap(gapSteps, window);
    }

    private CsvField Field(CsvRecord record, string canonical) => record.Fields[_columns.IndexOf(canonical)];

    // An optional column's field, or null when the file has no such column or the field is empty (the default).
    private CsvField? Optional(CsvRecord record, string canonical)
    {
        int index = _columns.IndexOf(canonical);
        if (index < 0) return null;
        var field = record.Fields[index];
        return field.Text.Length == 0 ? null : field;
    }

    private string Name(string canonical) => _columns.HeaderName(canonical);

    // Values are limited to 2^53 in magnitude (see ProblemChecker.MaxValue), less the inclusive end's addend.
    private bool Integer(CsvField field, string canonical, out long value, long addend = 0)
    {
        string text = field.Text;
        if (text.Length == 0)
        {
            Error(CsvErrorKind.NotAnInteger, field, $"{Name(canonical)} is empty; expected an integer");
            value = 0;
            return false;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            bool digits = text.TrimStart('+', '-').All(char.IsAsciiDigit) && text.TrimStart('+', '-').Length > 0;
            if (digits) Error(CsvErrorKind.OutOfRange, field, $"{Name(canonical)} {text} is out of range (at most {ProblemChecker.MaxValue} in magnitude)");
            else Error(CsvErrorKind.NotAnInteger, field, $"{Name(canonical)} '{text}' is not an integer");
            return false;
        }
        if (value > ProblemChecker.MaxValue - addend || value < -ProblemChecker.MaxValue)
        {
            Error(CsvErrorKind.OutOfRange, field, $"{Name(canonical)} {text} is out of range (at most {ProblemChecker.MaxValue - addend} in magnitude)");
            return false;
        }
        return true;
    }

    private static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= ProblemChecker.MaxValue;

    private void Error(CsvErrorKind kind, CsvField field, string message) => Error(kind, field.Line, field.Column, message);

    private void Error(CsvErrorKind kind, int line, int column, string message) =>
        _errors.Add(new CsvError(_file, line, column, message, kind));
}
