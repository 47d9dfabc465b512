using System.Text;
using System.Text.Json;

namespace MiniMalloc.Planning;

/// <summary>
/// One pass over a lifetimes file with <see cref="Utf8JsonReader"/>, so that every value keeps its exact
/// position. It reports every error it can (up to <see cref="MaxErrors"/>) instead of stopping at the first,
/// and stops at once on malformed JSON, too many buffers or too deep nesting.
/// </summary>
internal sealed partial class LifetimesParser
{
    /// <summary>Reading stops after this many errors.</summary>
    public const int MaxErrors = 100;

    private static readonly string[] TopLevelProperties = ["$schema", "version", "name", "capacity", "alignment", "pools", "buffers"];
    private static readonly string[] BufferProperties = ["id", "start", "end", "size", "alignment", "gaps", "offset", "hint", "alias", "pools", "weight"];
    private static readonly string[] GapProperties = ["start", "end", "window"];
    private static readonly string[] AliasProperties = ["of", "offset"];

    private readonly string _path;
    private readonly byte[] _data;
    private readonly int _start;
    private readonly LineMap _lines;
    private readonly LifetimesReaderOptions _options;
    private readonly List<Diagnostic> _diagnostics = [];
    private int _errorCount;
    private string _lastPath = "$";

    private LifetimesParser(string path, byte[] data, LifetimesReaderOptions options)
    {
        _path = path;
        _data = data;
        _options = options;
        // A UTF-8 byte order mark is not JSON, but editors on Windows write one; it is not a column either.
        _start = data.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        _lines = new LineMap(data, _start);
    }

    /// <summary>Raised to stop reading (malformed JSON, limits); the diagnostic has been recorded.</summary>
    private sealed class StopReading : Exception;

    public static LifetimesReadResult Parse(string path, byte[] data, LifetimesReaderOptions options) =>
        new LifetimesParser(path, data, options).Parse();

    private LifetimesReadResult Parse()
    {
        DocumentDraft? draft = null;
        try
        {
            var reader = new Utf8JsonReader(_data.AsSpan(_start), new JsonReaderOptions
            {
                // The parser enforces LifetimesLimits.MaxDepth itself (with a coded error); this is a backstop.
                MaxDepth = LifetimesLimits.MaxDepth + 4,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
            if (!reader.Read())
            {
                Error(DiagnosticCodes.MalformedJson, new SourceLocation(1, 1, "$"), $"the file is empty; expected a JSON object such as {{\"version\": 1, \"buffers\": []}}");
                throw new StopReading();
            }
            draft = ReadDocument(ref reader);
            if (reader.Read())
            {
                Error(DiagnosticCodes.MalformedJson, Here(ref reader, "$"), $"unexpected content after the document's closing brace");
            }
        }
        catch (JsonException e)
        {
            var (line, column) = e.LineNumber is { } l && e.BytePositionInLine is { } b
                ? _lines.Locate(l, b)
                : _lines.Locate(_data.Length - _start);
            RecordError(DiagnosticCodes.MalformedJson, new SourceLocation(line, column, _lastPath), $"malformed JSON: {TrimPosition(e.Message)}");
        }
        catch (StopReading)
        {
            // The reason is already among the diagnostics.
        }

        if (draft is { UnsupportedVersion: { } versionError })
        {
            // A file of another version is not read further: its other "errors" would only be noise.
            var kept = _diagnostics.Where(d => d.Code == DiagnosticCodes.MalformedJson).Prepend(versionError).ToList();
            return new LifetimesReadResult { Diagnostics = kept };
        }
        if (_errorCount > 0 || draft is null) return new LifetimesReadResult { Diagnostics = _diagnostics };

        var document = draft.ToDocument(_path, new ContentDigest(_data));
        var alignment = _options.Alignment ?? document.Alignment;
        if (PoolRules.EffectivePools(document, _options) is { } pools)
        {
            if (PoolRules.ToProblem(document, pools, alignment, _diagnostics) is not { } pooled) return new LifetimesReadResult { Diagnostics = _diagnostics };
            return new LifetimesReadResult { Document = document, Problem = pooled.Problem, Pools = pooled.Pools, Alignment = alignment, Diagnostics = _diagnostics };
        }
        var capacity = _options.Capacity ?? document.Capacity;
        var problem = LifetimesRules.ToProblem(document, capacity, alignment, _options.Capacity is not null, _diagnostics);
        if (problem is null) return new LifetimesReadResult { Diagnostics = _diagnostics };
        return new LifetimesReadResult { Document = document, Problem = problem, Capacity = capacity, Alignment = alignment, Diagnostics = _diagnostics };
    }

    // ---- document ------------------------------------------------------------------------------------------

    private DocumentDraft? ReadDocument(ref Utf8JsonReader reader)
    {
        var rootLocation = Here(ref reader, "$");
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Error(DiagnosticCodes.WrongType, rootLocation, $"the document must be a JSON object, not {Describe(ref reader)}");
            throw new StopReading();
        }
        var draft = new DocumentDraft { Location = rootLocation };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (ReadProperty(ref reader, "$", TopLevelProperties, seen, out string? name, out var location))
        {
            if (name is null) continue;
            draft.Locations[name] = location;
            switch (name)
            {
                case "$schema":
                    ReadString(ref reader, location, out _);
                    break;
                case "version":
                    if (ReadInteger(ref reader, location, out long version))
                    {
                        if (version is >= LifetimesDocument.CurrentVersion and <= PoolsVersion)
                        {
                            draft.Version = (int)version;
                            draft.VersionKnown = true;
                        }
                        else
                        {
                            draft.UnsupportedVersion = Make(DiagnosticCodes.UnsupportedVersion, DiagnosticSeverity.Error, location,
                                $"format version {RawValue(ref reader)} is not supported; this tool reads versions {LifetimesDocument.CurrentVersion} and {PoolsVersion}");
                        }
                    }
                    draft.HasVersion = true;
                    break;
                case "name":
                    if (ReadString(ref reader, location, out string? modelName))
                    {
                        if (modelName.Length > LifetimesLimits.MaxIdLength)
                        {
                            Error(DiagnosticCodes.IdTooLong, location, $"the name is {modelName.Length} characters long; the limit is {LifetimesLimits.MaxIdLength}");
                        }
                        else
                        {
                            draft.Name = modelName;
                        }
                    }
                    break;
                case "capacity":
                    // A file's capacity is at least 1: a file that leaves no room at all is a mistake, not a plan.
                    if (ReadInRange(ref reader, location, "capacity", 1, LifetimesLimits.MaxValue) is { } capacity)
                    {
                        draft.Capacity = Capacity.Of(capacity);
                    }
                    break;
                case "alignment":
                    if (ReadAlignment(ref reader, location) is { } alignment) draft.Alignment = alignment;
                    break;
                case "pools":
                    draft.Pools = ReadPools(ref reader, location);
                    break;
                case "buffers":
                    draft.Buffers = ReadBuffers(ref reader, location);
                    break;
            }
        }
        // Only a version that was read says what the file may hold: "2" or 2.0 is reported once, as its own error.
        if (draft.VersionKnown) CheckVersionRules(draft);
        if (!draft.HasVersion) Missing(rootLocation, "$", "version", "the format version (1, or 2 for pools)");
        if (!draft.Locations.ContainsKey("buffers")) Missing(rootLocation, "$", "buffers", "an array of buffers");
        if (draft.Buffers is { } buffers) CheckAcrossBuffers(buffers, draft.Locations["buffers"]);
        return draft;
    }

    private List<LifetimesBuffer>? ReadBuffers(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected an array of buffers, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        var buffers = new List<LifetimesBuffer>();
        int index = 0;
        while (NextElement(ref reader, JsonText.Element(location.JsonPath, index)))
        {
            string path = JsonText.Element(location.JsonPath, index);
            var elementLocation = Here(ref reader, path);
            if (index >= LifetimesLimits.MaxBuffers)
            {
                Error(DiagnosticCodes.TooManyBuffers, elementLocation, $"more than {LifetimesLimits.MaxBuffers} buffers; the limit is {LifetimesLimits.MaxBuffers}");
                throw new StopReading();
            }
            // Buffers with errors are left out; the rest still get the checks across buffers (duplicate ids...).
            if (ReadBuffer(ref reader, elementLocation) is { } buffer) buffers.Add(buffer);
            index++;
        }
        return buffers;
    }

    private LifetimesBuffer? ReadBuffer(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected a buffer object, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        int errorsBefore = _errorCount;
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? id = null;
        long? start = null, end = null, size = null, offset = null, hint = null, weight = null;
        List<(string Name, SourceLocation Location)>? poolNames = null;
        Alignment? alignment = null;
        List<(LifetimesGap Gap, SourceLocation WindowLocation)>? gaps = null;
        LifetimesAlias? alias = null;
        while (ReadProperty(ref reader, location.JsonPath, BufferProperties, seen, out string? name, out var valueLocation))
        {
            if (name is null) continue;
            locations[name] = valueLocation;
            switch (name)
            {
                case "id":
                    if (ReadString(ref reader, valueLocation, out string? text) && CheckId(text, valueLocation)) id = text;
                    break;
                case "start":
                    start = ReadInRange(ref reader, valueLocation, "start", 0, LifetimesLimits.MaxValue);
                    break;
                case "end":
                    end = ReadInRange(ref reader, valueLocation, "end", 0, LifetimesLimits.MaxValue);
                    break;
                case "size":
                    // A size of zero or less has a code of its own: it is a mistake in the model, not a number out of range.
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long sizeValue) && sizeValue <= 0)
                    {
                        Error(DiagnosticCodes.InvalidSize, valueLocation, $"size {sizeValue} must be positive");
                    }
                    else
                    {
                        size = ReadInRange(ref reader, valueLocation, "size", 1, LifetimesLimits.MaxValue);
                    }
                    break;
                case "alignment":
                    alignment = ReadAlignment(ref reader, valueLocation);
                    break;
                case "offset":
                    offset = ReadInRange(ref reader, valueLocation, "offset", 0, LifetimesLimits.MaxValue);
                    break;
                case "hint":
                    hint = ReadInRange(ref reader, valueLocation, "hint", 0, LifetimesLimits.MaxValue);
                    break;
                case "gaps":
                    gaps = ReadGaps(ref reader, valueLocation);
                    break;
                case "alias":
                    alias = ReadAlias(ref reader, valueLocation);
                    break;
                case "pools":
                    poolNames = ReadPoolNames(ref reader, valueLocation);
                    break;
                case "weight":
                    weight = ReadWeight(ref reader, valueLocation, "weight", LifetimesLimits.MaxValue);
                    break;
            }
        }
        if (!locations.ContainsKey("id")) Missing(location, location.JsonPath, "id", "a string that names the buffer");
        if (!locations.ContainsKey("start")) Missing(location, location.JsonPath, "start", "the first step at which the buffer is live");
        if (!locations.ContainsKey("end")) Missing(location, location.JsonPath, "end", "the first step at which the buffer is no longer live");
        if (!locations.ContainsKey("size")) Missing(location, location.JsonPath, "size", "the buffer's size in bytes");

        if (start is { } s && end is { } e && e <= s)
        {
            Error(DiagnosticCodes.EmptyLifespan, locations["end"], $"end {e} must be greater than start {s} (lifespans are half-open: [start, end))");
            end = null;
        }
        if (gaps is not null && start is { } lower && end is { } upper && size is { } bytes) CheckGaps(gaps, lower, upper, bytes);

        if (_errorCount > errorsBefore || id is null || start is null || end is null || size is null || gaps is null && locations.ContainsKey("gaps"))
        {
            return null;
        }
        return new LifetimesBuffer
        {
            Id = id,
            Start = start.Value,
            End = end.Value,
            Size = size.Value,
            Alignment = alignment,
            Offset = offset,
            Hint = hint,
            Alias = alias,
            PoolNames = poolNames,
            Weight = weight,
            Gaps = gaps?.Select(g => g.Gap).ToList() ?? [],
            Location = location,
            PropertyLocations = locations,
        };
    }

    private List<(LifetimesGap Gap, SourceLocation WindowLocation)>? ReadGaps(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected an array of gaps, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        var gaps = new List<(LifetimesGap, SourceLocation)>();
        bool complete = true;
        int index = 0;
        while (NextElement(ref reader, JsonText.Element(location.JsonPath, index)))
        {
            string path = JsonText.Element(location.JsonPath, index);
            var gapLocation = Here(ref reader, path);
            if (index == LifetimesLimits.MaxGapsPerBuffer)
            {
                Error(DiagnosticCodes.TooManyGaps, gapLocation, $"more than {LifetimesLimits.MaxGapsPerBuffer} gaps; the limit is {LifetimesLimits.MaxGapsPerBuffer}");
                complete = false;
            }
            if (index >= LifetimesLimits.MaxGapsPerBuffer)
            {
                SkipValue(ref reader, path);
            }
            else if (ReadGap(ref reader, gapLocation, out var windowLocation) is { } gap)
            {
                gaps.Add((gap, windowLocation));
            }
            else
            {
                complete = false;
            }
            index++;
        }
        return complete ? gaps : null;
    }

    private LifetimesGap? ReadGap(ref Utf8JsonReader reader, SourceLocation location, out SourceLocation windowLocation)
    {
        windowLocation = location;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected a gap object such as {{\"start\": 3, \"end\": 5}}, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        int errorsBefore = _errorCount;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long? start = null, end = null;
        Window? window = null;
        while (ReadProperty(ref reader, location.JsonPath, GapProperties, seen, out string? name, out var valueLocation))
        {
            switch (name)
            {
                case "start":
                    start = ReadInRange(ref reader, valueLocation, "start", 0, LifetimesLimits.MaxValue);
                    break;
                case "end":
                    end = ReadInRange(ref reader, valueLocation, "end", 0, LifetimesLimits.MaxValue);
                    break;
                case "window":
                    windowLocation = valueLocation;
                    window = ReadWindow(ref reader, valueLocation);
                    break;
            }
        }
        if (!seen.Contains("start")) Missing(location, location.JsonPath, "start", "the gap's first step");
        if (!seen.Contains("end")) Missing(location, location.JsonPath, "end", "the first step after the gap");
        if (_errorCount > errorsBefore || start is null || end is null) return null;
        return new LifetimesGap(start.Value, end.Value, window, location);
    }

    /// <summary>
    /// <c>{"of": OWNER, "offset": N}</c>: the owner's id (its existence, cycles and the offset's range are checked
    /// with every buffer read, by <see cref="LifetimesRules"/>) and a non-negative offset, 0 by default.
    /// </summary>
    private LifetimesAlias? ReadAlias(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected an alias object such as {{\"of\": \"conv3.out\", \"offset\": 0}}, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        int errorsBefore = _errorCount;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? owner = null;
        long offset = 0;
        SourceLocation ofLocation = location, offsetLocation = location;
        while (ReadProperty(ref reader, location.JsonPath, AliasProperties, seen, out string? name, out var valueLocation))
        {
            switch (name)
            {
                case "of":
                    ofLocation = valueLocation;
                    if (ReadString(ref reader, valueLocation, out string? text))
                    {
                        if (text.Length == 0) Error(DiagnosticCodes.UnknownAliasOwner, valueLocation, $"the owner's id is empty; name the buffer whose bytes this one lives in");
                        else owner = text;
                    }
                    break;
                case "offset":
                    offsetLocation = valueLocation;
                    offset = ReadInRange(ref reader, valueLocation, "alias offset", 0, LifetimesLimits.MaxValue) ?? 0;
                    break;
            }
        }
        if (!seen.Contains("of")) Missing(location, location.JsonPath, "of", "the id of the buffer whose bytes this one lives in");
        if (_errorCount > errorsBefore || owner is null) return null;
        return new LifetimesAlias(owner, offset, location, ofLocation, offsetLocation);
    }

    private Window? ReadWindow(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Error(DiagnosticCodes.InvalidWindow, location, $"a window must be an array of two integers [lower, upper], not {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        var values = new List<long>(2);
        bool ok = true;
        int count = 0;
        while (NextElement(ref reader, JsonText.Element(location.JsonPath, count)))
        {
            var elementLocation = Here(ref reader, JsonText.Element(location.JsonPath, count));
            if (ReadInteger(ref reader, elementLocation, out long value)) values.Add(value);
            else ok = false;
            count++;
        }
        if (!ok) return null;
        if (count != 2)
        {
            Error(DiagnosticCodes.InvalidWindow, location, $"a window must be an array of two integers [lower, upper], not {count}");
            return null;
        }
        if (values[0] < 0 || values[1] < values[0] || values[1] > LifetimesLimits.MaxValue)
        {
            Error(DiagnosticCodes.InvalidWindow, location, $"window [{values[0]}, {values[1]}] must satisfy 0 <= lower <= upper");
            return null;
        }
        return new Window(values[0], values[1]);
    }

    /// <summary>What has been read of the document so far.</summary>
    private sealed class DocumentDraft
    {
        public SourceLocation Location { get; init; }
        public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);
        public bool HasVersion { get; set; }
        // True when "version" was read as a version this tool reads (then Version is it).
        public bool VersionKnown { get; set; }
        public int Version { get; set; } = LifetimesDocument.CurrentVersion;
        public List<LifetimesPool>? Pools { get; set; }
        public Diagnostic? UnsupportedVersion { get; set; }
        public string? Name { get; set; }
        public Capacity? Capacity { get; set; }
        public Alignment Alignment { get; set; }
        public List<LifetimesBuffer>? Buffers { get; set; }

        public LifetimesDocument ToDocument(string path, ContentDigest digest) => new()
        {
            FilePath = path,
            Version = Version,
            Name = Name,
            Capacity = Capacity,
            Pools = Pools,
            Alignment = Alignment,
            Buffers = Buffers ?? [],
            Digest = digest,
            PropertyLocations = Locations,
        };
    }
}
