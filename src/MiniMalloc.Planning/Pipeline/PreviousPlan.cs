using System.Text.Json;

namespace MiniMalloc.Planning;

/// <summary>
/// The warm-start file: the last plan's offset per buffer id, read before a solve (as hints) and written after
/// a successful one. A small JSON object: <c>{"format": "minimalloc-previous-plan", "version": 1, "offsets": {"id": 0, ...}}</c>.
/// </summary>
internal static class PreviousPlan
{
    private const string Format = "minimalloc-previous-plan";
    private const int Version = 1;
    private const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Reads the offsets by id; null (with an info) when the file is missing, unreadable or malformed.</summary>
    public static Dictionary<string, long>? Read(string path, List<Diagnostic> diagnostics)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return null;
            if (info.Length > MaxBytes)
            {
                diagnostics.Add(Unusable(path, "the file is larger than any plan"));
                return null;
            }
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format || root.GetProperty("version").GetInt32() != Version)
            {
                diagnostics.Add(Unusable(path, "not a previous-plan file of this version"));
                return null;
            }
            var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty("offsets").EnumerateObject())
            {
                offsets[property.Name] = property.Value.GetInt64();
            }
            return offsets;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException
                                       or KeyNotFoundException or FormatException)
        {
            diagnostics.Add(Unusable(path, e.Message));
            return null;
        }
    }

    /// <summary>
    /// Hints from the previous offsets for buffers that have neither a fixed offset nor a hint of their own, when
    /// the old offset is still aligned and within the capacity. Aliases take none: they go where their owners go.
    /// </summary>
    public static Problem WithHints(Problem problem, IReadOnlyDictionary<string, long> previous, Capacity? capacity)
    {
        var buffers = new List<Buffer>(problem.Buffers.Count);
        foreach (var buffer in problem.Buffers)
        {
            bool usable = buffer.Offset is null && buffer.Hint is null && buffer.Alias is null
                && previous.TryGetValue(buffer.Id, out long offset)
                && offset >= 0 && offset <= LifetimesLimits.MaxValue && offset % buffer.Alignment == 0
                && (capacity is not { } c || offset <= c.Bytes - buffer.Size);
            buffers.Add(usable ? buffer with { Hint = previous[buffer.Id] } : buffer);
        }
        return problem with { Buffers = buffers };
    }

    /// <summary>How many buffers had a previous offset, and how many of those now have another one.</summary>
    public static (int Previous, int Moved) CountMoved(Problem problem, Solution solution, IReadOnlyDictionary<string, long> previous)
    {
        int matched = 0, moved = 0;
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            if (!previous.TryGetValue(problem.Buffers[i].Id, out long offset)) continue;
            matched++;
            if (offset != solution.Offsets[i]) moved++;
        }
        return (matched, moved);
    }

    /// <summary>
    /// True when <paramref name="previous"/> (as read from the file) records exactly this plan: the problem's ids and
    /// no other, each at the solution's offset. Then the file needs no rewrite, which a cache hit of an unchanged
    /// model would otherwise pay for (encoding and comparing the whole plan) on every build.
    /// </summary>
    public static bool Records(IReadOnlyDictionary<string, long>? previous, Problem problem, Solution solution)
    {
        if (previous is null || previous.Count != problem.Buffers.Count) return false;
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            if (!previous.TryGetValue(problem.Buffers[i].Id, out long offset) || offset != solution.Offsets[i]) return false;
        }
        return true;
    }

    /// <summary>The file's bytes for a plan (deterministic: buffers in problem order).</summary>
    public static byte[] Encode(Problem problem, Solution solution)
    {
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteStartObject("offsets");
            for (int i = 0; i < problem.Buffers.Count; i++) json.WriteNumber(problem.Buffers[i].Id, solution.Offsets[i]);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static Diagnostic Unusable(string path, string reason) =>
        new(DiagnosticCodes.PreviousPlanUnusable, DiagnosticSeverity.Info, $"the previous plan cannot be used for a warm start ({reason}); solving cold", path);
}
