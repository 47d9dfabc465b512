using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MiniMalloc.Planning;

/// <summary>
/// The lifetimes parser's token level: properties, typed values with their positions, skipping, nesting limits,
/// and how a fault becomes a positioned diagnostic.
/// </summary>
internal sealed partial class LifetimesParser
{
    // ---- tokens --------------------------------------------------------------------------------------------

    /// <summary>
    /// Moves to the next property of the current object and onto its value. Unknown and repeated properties are
    /// reported and skipped (<paramref name="name"/> is then null). False at the end of the object.
    /// </summary>
    private bool ReadProperty(ref Utf8JsonReader reader, string objectPath, string[] known, HashSet<string> seen,
        out string? name, out SourceLocation valueLocation)
    {
        name = null;
        valueLocation = default;
        _lastPath = objectPath;
        if (Next(ref reader) == JsonTokenType.EndObject) return false;
        var nameLocation = Here(ref reader, objectPath);
        string propertyName = GetString(ref reader, nameLocation) ?? "\uFFFD";
        string path = JsonText.Property(objectPath, propertyName);
        nameLocation = nameLocation with { JsonPath = path };
        _lastPath = path;
        Next(ref reader);
        valueLocation = Here(ref reader, path);
        if (Array.IndexOf(known, propertyName) < 0)
        {
            Error(DiagnosticCodes.UnknownProperty, nameLocation, $"unknown property {JsonText.Quote(propertyName)}{Suggest(propertyName, known)}");
            SkipValue(ref reader, path);
            return true;
        }
        if (!seen.Add(propertyName))
        {
            Error(DiagnosticCodes.DuplicateProperty, nameLocation, $"property {JsonText.Quote(propertyName)} appears more than once");
            SkipValue(ref reader, path);
            return true;
        }
        name = propertyName;
        return true;
    }

    private static string Suggest(string name, string[] known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            int distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : EditDistance(candidate, name);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        string list = string.Join(", ", known.Select(k => "'" + k + "'"));
        return best is not null && bestDistance <= 2
            ? $"; did you mean '{best}'? (properties here: {list})"
            : $" (properties here: {list})";
    }

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || b.Length > 64) return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private bool ReadInteger(ref Utf8JsonReader reader, SourceLocation location, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected an integer, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return false;
        }
        if (reader.TryGetInt64(out value)) return true;
        string raw = RawValue(ref reader);
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected an integer, found the number {raw} (write integers without a fraction or exponent)");
        }
        else
        {
            Error(DiagnosticCodes.ValueOutOfRange, location, $"{raw} does not fit in a 64-bit integer (values are limited to 2^53)");
        }
        return false;
    }

    private long? ReadInRange(ref Utf8JsonReader reader, SourceLocation location, string what, long min, long max)
    {
        if (!ReadInteger(ref reader, location, out long value)) return null;
        if (value >= min && value <= max) return value;
        Error(DiagnosticCodes.ValueOutOfRange, location, $"{what} {value} must lie in [{min}, 2^53]");
        return null;
    }

    private Alignment? ReadAlignment(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (!ReadInteger(ref reader, location, out long bytes)) return null;
        if (Alignment.TryCreate(bytes, out var alignment)) return alignment;
        Error(DiagnosticCodes.InvalidAlignment, location, $"alignment {bytes} must be {Alignment.Expected}");
        return null;
    }

    private bool ReadString(ref Utf8JsonReader reader, SourceLocation location, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected a string, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return false;
        }
        value = GetString(ref reader, location);
        return value is not null;
    }

    private string? GetString(ref Utf8JsonReader reader, SourceLocation location)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8, or an escaped lone surrogate (\ud800): not text that an id or name can be.
            Error(DiagnosticCodes.InvalidId, location, $"the string is not valid Unicode text (invalid UTF-8 or a lone surrogate escape)");
            return null;
        }
    }

    /// <summary>Skips the current value; nesting beyond <see cref="LifetimesLimits.MaxDepth"/> stops reading.</summary>
    private void SkipValue(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        int depth = reader.CurrentDepth;
        CheckDepth(ref reader, path);
        while (true)
        {
            var token = Next(ref reader);
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray) CheckDepth(ref reader, path);
            else if (token is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth) return;
        }
    }

    private void CheckDepth(ref Utf8JsonReader reader, string path)
    {
        if (reader.CurrentDepth + 1 > LifetimesLimits.MaxDepth)
        {
            Error(DiagnosticCodes.NestingTooDeep, Here(ref reader, path), $"the JSON nests deeper than {LifetimesLimits.MaxDepth} levels");
            throw new StopReading();
        }
    }

    /// <summary>Moves to the next element of an array; false at its end. A syntax error is reported at <paramref name="path"/>.</summary>
    private bool NextElement(ref Utf8JsonReader reader, string path)
    {
        _lastPath = path;
        return Next(ref reader) != JsonTokenType.EndArray;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        // The input is one complete block, so running out of tokens inside a value is a JsonException already.
        if (!reader.Read()) throw new JsonException("unexpected end of the file");
        return reader.TokenType;
    }

    private SourceLocation Here(ref Utf8JsonReader reader, string path)
    {
        _lastPath = path;
        var (line, column) = _lines.Locate(reader.TokenStartIndex);
        return new SourceLocation(line, column, path);
    }

    private static string RawValue(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        string text = Encoding.UTF8.GetString(raw);
        return text.Length > 40 ? text[..40] + "..." : text;
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "the string " + QuoteRaw(ref reader),
        JsonTokenType.Number => "the number " + RawValue(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };

    private static string QuoteRaw(ref Utf8JsonReader reader)
    {
        try
        {
            return JsonText.Quote(reader.GetString() ?? string.Empty);
        }
        catch (InvalidOperationException)
        {
            return "(not valid Unicode)";
        }
    }

    private static string TrimPosition(string message)
    {
        int index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message;
    }

    // ---- diagnostics ---------------------------------------------------------------------------------------

    private void Missing(SourceLocation objectLocation, string objectPath, string property, string what) =>
        Error(DiagnosticCodes.MissingProperty, objectLocation with { JsonPath = JsonText.Property(objectPath, property) },
            $"missing required property '{property}' ({what})");

    // Messages are FormattableStrings so that numbers are formatted with the invariant culture (a Swedish
    // machine writes U+2212 for a minus sign otherwise).
    private void Error(string code, SourceLocation location, FormattableString message)
    {
        RecordError(code, location, message);
        if (_errorCount >= MaxErrors) throw new StopReading();
    }

    private void RecordError(string code, SourceLocation location, FormattableString message)
    {
        _diagnostics.Add(Make(code, DiagnosticSeverity.Error, location, message));
        _errorCount++;
    }

    private Diagnostic Make(string code, DiagnosticSeverity severity, SourceLocation location, FormattableString message) =>
        new(code, severity, location.JsonPath + ": " + FormattableString.Invariant(message), _path, location.Line, location.Column, location.JsonPath);
}
