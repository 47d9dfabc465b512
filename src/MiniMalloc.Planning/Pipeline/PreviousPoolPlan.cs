using System.Text.Json;

namespace MiniMalloc.Planning;

/// <summary>
/// The warm start of a pool problem: the previous plan's pool and offset per buffer id. Kept in the same file as a
/// one-arena plan's offsets (<see cref="PreviousPlan"/>), with a <c>pools</c> object beside <c>offsets</c>:
/// <c>{"format": "minimalloc-previous-plan", "version": 1, "offsets": {"id": 0}, "pools": {"id": "sram"}}</c>.
/// </summary>
internal sealed class PreviousPoolPlan
{
    private readonly IReadOnlyDictionary<string, long> _offsets;
    private readonly IReadOnlyDictionary<string, string> _pools;

    private PreviousPoolPlan(IReadOnlyDictionary<string, long> offsets, IReadOnlyDictionary<string, string> pools)
    {
        _offsets = offsets;
        _pools = pools;
    }

    /// <summary>Buffers with a previous pool and offset.</summary>
    public int Count => _pools.Count;

    /// <summary>The previous plan, or null (with an info) when the file is missing, unreadable or has no pools.</summary>
    public static PreviousPoolPlan? Read(string path, List<Diagnostic> diagnostics)
    {
        if (PreviousPlan.Read(path, diagnostics) is not { } offsets) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 8 });
            var pools = new Dictionary<string, string>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("pools", out var element))
            {
                foreach (var property in element.EnumerateObject()) pools[property.Name] = property.Value.GetString() ?? string.Empty;
            }
            return new PreviousPoolPlan(offsets, pools);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.PreviousPlanUnusable, DiagnosticSeverity.Info,
                $"the previous plan cannot be used for a warm start ({e.Message}); solving cold", path));
            return null;
        }
    }

    /// <summary>
    /// The problem with hints: per buffer its previous pool when it is still allowed, and its previous offset there
    /// when it is still aligned and within that pool (buffers with a fixed offset, a hint or an owner keep theirs).
    /// </summary>
    public PoolProblem Hint(PoolProblem problem)
    {
        var hints = new int[problem.Buffers.Count];
        var buffers = new List<Buffer>(problem.Buffers.Count);
        for (int i = 0; i < hints.Length; i++)
        {
            var buffer = problem.Buffers[i];
            hints[i] = -1;
            int pool = _pools.TryGetValue(buffer.Id, out string? name) ? IndexOf(problem.Pools, name) : -1;
            bool usable = pool >= 0 && (problem.AllowedPools[i] >> pool & 1) != 0 && buffer.Offset is null && buffer.Alias is null;
            if (usable) hints[i] = pool;
            bool offsetUsable = usable && buffer.Hint is null && _offsets.TryGetValue(buffer.Id, out long offset)
                && offset >= 0 && offset % Math.Max(buffer.Alignment, problem.Pools[pool].Alignment) == 0
                && offset <= problem.Pools[pool].Capacity - buffer.Size;
            buffers.Add(offsetUsable ? buffer with { Hint = _offsets[buffer.Id] } : buffer);
        }
        return problem with { Buffers = buffers, PoolHints = hints };
    }

    /// <summary>How many buffers had a previous pool and offset, and how many of those now have another pool or offset.</summary>
    public (int Previous, int Moved) CountMoved(PoolProblem problem, PoolSolution solution)
    {
        int matched = 0, moved = 0;
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            string id = problem.Buffers[i].Id;
            if (!_pools.TryGetValue(id, out string? pool) || !_offsets.TryGetValue(id, out long offset)) continue;
            matched++;
            if (pool != problem.Pools[solution.PoolOf[i]].Name || offset != solution.Offsets[i]) moved++;
        }
        return (matched, moved);
    }

    /// <summary>The file's bytes for a pool plan (deterministic: buffers in problem order).</summary>
    public static byte[] Encode(PoolProblem problem, PoolSolution solution)
    {
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("format", "minimalloc-previous-plan");
            json.WriteNumber("version", 1);
            json.WriteStartObject("offsets");
            for (int i = 0; i < problem.Buffers.Count; i++) json.WriteNumber(problem.Buffers[i].Id, solution.Offsets[i]);
            json.WriteEndObject();
            json.WriteStartObject("pools");
            for (int i = 0; i < problem.Buffers.Count; i++) json.WriteString(problem.Buffers[i].Id, problem.Pools[solution.PoolOf[i]].Name);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static int IndexOf(IReadOnlyList<Pool> pools, string name)
    {
        for (int p = 0; p < pools.Count; p++)
        {
            if (pools[p].Name == name) return p;
        }
        return -1;
    }
}
