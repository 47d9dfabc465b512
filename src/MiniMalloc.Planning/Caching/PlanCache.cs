using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiniMalloc.Planning;

/// <summary>
/// A content-addressed cache of plans in a folder that builds (and machines) may share. Keys are SHA-256 over a
/// versioned, length-delimited record of the entry format, the tool version, the solver settings and the
/// problem's content, so a timestamp change alone never misses. Entries are published atomically; a corrupt,
/// truncated, foreign or invalid entry is ignored (an info) and the problem re-solved. Never throws to callers.
/// </summary>
/// <remarks>
/// An entry is a text file: the line <c>MMBPLAN 1</c>, the line <c>sha256:</c> + the hash of the rest, then a JSON
/// body with the key, the offsets, the bounds and the warnings. The hash catches truncation and stray bytes; the
/// key inside catches an entry copied to the wrong name; validation against the problem catches everything else.
/// </remarks>
internal sealed class PlanCache
{
    /// <summary>The entry format's version; part of every key and every entry.</summary>
    public const int FormatVersion = 1;

    /// <summary>Entries larger than this are not read (a plan of 100,000 buffers takes about 2 MB).</summary>
    public const long MaxEntryBytes = 64L * 1024 * 1024;

    private const string Magic = "MMBPLAN";
    private const string ChecksumPrefix = "sha256:";

    /// <summary>Creates a cache in <paramref name="directory"/> (created on first store).</summary>
    public PlanCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>The key (64 lower-case hex digits) of a problem planned with these settings.</summary>
    /// <param name="problem">The problem as solved (its capacity included; warm-start hints excluded by the caller).</param>
    /// <param name="minimize">True when the height is minimized rather than only fitted in the capacity.</param>
    /// <param name="options">The solver settings (every public property takes part, the timeout included).</param>
    /// <param name="minimizeNodes">The minimizer's node budget (null: its default); part of the key only when minimizing, the one case it can change the plan.</param>
    /// <param name="toolVersion">The tool version; null: <see cref="ToolInfo.Version"/>.</param>
    /// <param name="pools">The pools, allowed pools and weights of a pool problem (null: one arena); appended only when set, so one-arena keys stay as they were.</param>
    public static string ComputeKey(Problem problem, bool minimize, SolverOptions options, NodeBudget? minimizeNodes = null, string? toolVersion = null,
        PlanPools? pools = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        using var record = new KeyRecord();
        record.Text("minimalloc-plan-cache-key");
        record.Number(FormatVersion);
        record.Text(toolVersion ?? ToolInfo.Version);
        record.Number(LifetimesDocument.CurrentVersion);
        record.Flag(minimize);
        foreach (var (name, value) in SolverOptionsRecord.Of(options))
        {
            record.Text(name);
            record.Text(value);
        }
        // Appended only when set, so that every other key stays what it was before the budget became a setting.
        if (minimize && minimizeNodes is { } budget)
        {
            record.Text("MinimizeNodes");
            record.Number(budget.Nodes);
        }
        if (pools is not null)
        {
            // The pool planner's node budget bounds its search whether or not it minimizes heights.
            if (!minimize && minimizeNodes is { } poolBudget)
            {
                record.Text("PoolNodes");
                record.Number(poolBudget.Nodes);
            }
            record.Text("pools");
            record.Number(pools.Pools.Count);
            for (int p = 0; p < pools.Pools.Count; p++)
            {
                record.Text(pools.Pools[p].Name);
                record.Number(pools.Pools[p].Capacity.Bytes);
                record.Number(pools.Pools[p].Alignment.Bytes);
                record.Number(pools.CostOf(p));
            }
            for (int i = 0; i < pools.Allowed.Count; i++)
            {
                record.Number(unchecked((long)pools.Allowed[i]));
                record.Number(pools.Weights[i]);
            }
        }
        record.Number(problem.Capacity);
        record.Number(problem.Buffers.Count);
        foreach (var buffer in problem.Buffers)
        {
            record.Text(buffer.Id);
            record.Number(buffer.Lifespan.Lower);
            record.Number(buffer.Lifespan.Upper);
            record.Number(buffer.Size);
            record.Number(buffer.Alignment);
            record.Optional(buffer.Offset);
            record.Optional(buffer.Hint);
            record.Number(buffer.Gaps.Count);
            foreach (var gap in buffer.Gaps)
            {
                record.Number(gap.Lifespan.Lower);
                record.Number(gap.Lifespan.Upper);
                record.Optional(gap.Window?.Lower);
                record.Optional(gap.Window?.Upper);
            }
            record.Flag(buffer.Alias is not null);
            if (buffer.Alias is { } alias)
            {
                record.Text(alias.Owner);
                record.Number(alias.Offset);
            }
        }
        return record.Finish();
    }

    /// <summary>The file an entry is stored in.</summary>
    public string EntryPath(string key) => Path.Combine(Directory, key + ".mmplan");

    /// <summary>
    /// Looks <paramref name="key"/> up. The entry's plan must pass <see cref="Validator.Validate(Problem, Solution)"/>
    /// against <paramref name="problem"/> within <paramref name="capacity"/> (null: no capacity, so only its own
    /// height bounds it); otherwise it is discarded.
    /// </summary>
    public PlanCacheLookup TryGet(string key, Problem problem, Capacity? capacity)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var lookup = Load(key, problem.Buffers.Count);
        if (lookup.Entry is not { } entry) return lookup;
        string? fault = entry.Pools is not null
            ? "a pool plan where a one-arena plan was expected"
            : PlanValidation.Validate(problem, capacity, new Solution(entry.Offsets, entry.Height)) is { IsValid: false } verdict ? verdict.Message : null;
        if (fault is null) return lookup;
        TryDelete(EntryPath(key));
        return Ignored(EntryPath(key), DiagnosticCodes.CacheEntryInvalidPlan, $"the cached plan is invalid ({fault}); discarded and re-solved");
    }

    /// <summary>
    /// Looks <paramref name="key"/> up for a pool problem: the entry's pools and offsets must pass
    /// <see cref="PoolValidator"/> against <paramref name="problem"/>; otherwise the entry is discarded.
    /// </summary>
    public PlanCacheLookup TryGetPooled(string key, PoolProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var lookup = Load(key, problem.Buffers.Count);
        if (lookup.Entry is not { } entry) return lookup;
        string? fault = entry.Pools is not { } pools
            ? "a one-arena plan where a pool plan was expected"
            : PoolValidator.Validate(problem, PoolSolution.From(problem, pools, entry.Offsets)).FirstOrDefault()?.Message;
        if (fault is null) return lookup;
        TryDelete(EntryPath(key));
        return Ignored(EntryPath(key), DiagnosticCodes.CacheEntryInvalidPlan, $"the cached plan is invalid ({fault}); discarded and re-solved");
    }

    /// <summary>The entry stored under <paramref name="key"/>, decoded but not yet validated against the problem.</summary>
    private PlanCacheLookup Load(string key, int bufferCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        string path = EntryPath(key);
        byte[] data;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return new PlanCacheLookup();
            if (info.Length > MaxEntryBytes) return Ignored(path, DiagnosticCodes.CacheEntryCorrupt, $"the entry has {info.Length} bytes, more than any plan needs; ignored");
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Ignored(path, DiagnosticCodes.CacheUnavailable, $"cannot read the cache entry ({e.Message}); solving instead");
        }

        PlanCacheEntry entry;
        try
        {
            if (Decode(data, key, bufferCount, out string? problemText) is not { } decoded)
            {
                return Ignored(path, DiagnosticCodes.CacheEntryCorrupt, $"the cache entry is corrupt ({problemText}); ignored and re-solved");
            }
            entry = decoded;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException or ArgumentException)
        {
            return Ignored(path, DiagnosticCodes.CacheEntryCorrupt, $"the cache entry is corrupt ({e.GetType().Name}); ignored and re-solved");
        }
        return new PlanCacheLookup { Entry = entry };
    }

    /// <summary>Publishes an entry atomically (unique temp file, then rename); returns infos about failures (never throws).</summary>
    public IReadOnlyList<Diagnostic> Store(string key, PlanCacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entry);
        string path = EntryPath(key);
        try
        {
            AtomicFile.Write(path, Encode(key, entry));
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Ignored(path, DiagnosticCodes.CacheUnavailable, $"cannot store the plan in the cache ({e.Message}); the next build solves again").Diagnostics;
        }
    }

    /// <summary>The bytes of an entry: magic line, checksum line, JSON body.</summary>
    internal static byte[] Encode(string key, PlanCacheEntry entry)
    {
        var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteString("tool", ToolInfo.Version);
            json.WriteNumber("bufferCount", entry.Offsets.Count);
            json.WriteNumber("height", entry.Height);
            json.WriteNumber("lowerBound", entry.LowerBound);
            json.WriteBoolean("minimized", entry.Minimized);
            json.WriteBoolean("provenOptimal", entry.ProvenOptimal);
            json.WriteStartArray("offsets");
            foreach (long offset in entry.Offsets) json.WriteNumberValue(offset);
            json.WriteEndArray();
            if (entry.Pools is { } pools)
            {
                json.WriteStartArray("pools");
                foreach (int pool in pools) json.WriteNumberValue(pool);
                json.WriteEndArray();
            }
            json.WriteStartArray("warnings");
            foreach (var warning in entry.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("code", warning.Code);
                json.WriteString("severity", Diagnostic.SeverityText(warning.Severity));
                json.WriteString("message", warning.Message);
                json.WriteNumber("line", warning.Line);
                json.WriteNumber("column", warning.Column);
                if (warning.JsonPath is not null) json.WriteString("jsonPath", warning.JsonPath);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        byte[] bodyBytes = body.ToArray();
        string head = string.Create(CultureInfo.InvariantCulture,
            $"{Magic} {FormatVersion}\n{ChecksumPrefix}{Convert.ToHexStringLower(SHA256.HashData(bodyBytes))}\n");
        return [.. Encoding.ASCII.GetBytes(head), .. bodyBytes];
    }

    /// <summary>Decodes an entry; null with the reason when it is not a well-formed entry for <paramref name="key"/>.</summary>
    internal static PlanCacheEntry? Decode(byte[] data, string key, int bufferCount, out string? problem)
    {
        int firstNewline = Array.IndexOf(data, (byte)'\n');
        int secondNewline = firstNewline < 0 ? -1 : Array.IndexOf(data, (byte)'\n', firstNewline + 1);
        if (secondNewline < 0)
        {
            problem = "truncated header";
            return null;
        }
        string magic = Encoding.ASCII.GetString(data, 0, firstNewline);
        if (magic != $"{Magic} {FormatVersion}")
        {
            problem = magic.StartsWith(Magic + " ", StringComparison.Ordinal) ? "written in another format version" : "not a plan cache entry";
            return null;
        }
        string checksum = Encoding.ASCII.GetString(data, firstNewline + 1, secondNewline - firstNewline - 1);
        var body = data.AsSpan(secondNewline + 1);
        if (checksum != ChecksumPrefix + Convert.ToHexStringLower(SHA256.HashData(body)))
        {
            problem = "checksum mismatch: truncated or altered";
            return null;
        }
        using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        var root = document.RootElement;
        if (root.GetProperty("key").GetString() != key)
        {
            problem = "stored under the wrong key";
            return null;
        }
        var offsets = new List<long>(bufferCount);
        foreach (var offset in root.GetProperty("offsets").EnumerateArray()) offsets.Add(offset.GetInt64());
        if (offsets.Count != bufferCount || root.GetProperty("bufferCount").GetInt32() != bufferCount)
        {
            problem = $"{offsets.Count} offsets for {bufferCount} buffers";
            return null;
        }
        List<int>? pools = null;
        if (root.TryGetProperty("pools", out var poolsElement))
        {
            pools = new List<int>(bufferCount);
            foreach (var pool in poolsElement.EnumerateArray()) pools.Add(pool.GetInt32());
            if (pools.Count != bufferCount)
            {
                problem = $"{pools.Count} pools for {bufferCount} buffers";
                return null;
            }
        }
        var warnings = new List<Diagnostic>();
        foreach (var warning in root.GetProperty("warnings").EnumerateArray())
        {
            string code = warning.GetProperty("code").GetString() ?? throw new FormatException();
            var severity = warning.GetProperty("severity").GetString() switch
            {
                "warning" => DiagnosticSeverity.Warning,
                "info" => DiagnosticSeverity.Info,
                _ => throw new FormatException("only warnings and infos are cached"),
            };
            warnings.Add(new Diagnostic(code, severity, warning.GetProperty("message").GetString() ?? string.Empty, null,
                warning.GetProperty("line").GetInt32(), warning.GetProperty("column").GetInt32(),
                warning.TryGetProperty("jsonPath", out var jsonPath) ? jsonPath.GetString() : null));
        }
        problem = null;
        return new PlanCacheEntry
        {
            Offsets = offsets,
            Pools = pools,
            Height = root.GetProperty("height").GetInt64(),
            LowerBound = root.GetProperty("lowerBound").GetInt64(),
            Minimized = root.GetProperty("minimized").GetBoolean(),
            ProvenOptimal = root.GetProperty("provenOptimal").GetBoolean(),
            Warnings = warnings,
        };
    }

    private static PlanCacheLookup Ignored(string path, string code, FormattableString message) =>
        new() { Diagnostics = [new Diagnostic(code, DiagnosticSeverity.Info, FormattableString.Invariant(message), path)] };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another build may be replacing it right now; the fresh entry stored after the re-solve wins anyway.
        }
    }

    /// <summary>
    /// The key's input: fixed-width little-endian numbers and length-prefixed UTF-8 strings, so that no two
    /// different records give the same bytes.
    /// </summary>
    private sealed class KeyRecord : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _number = new byte[8];

        public void Number(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_number, value);
            _hash.AppendData(_number);
        }

        public void Flag(bool value) => Number(value ? 1 : 0);

        public void Optional(long? value)
        {
            Flag(value.HasValue);
            Number(value ?? 0);
        }

        public void Text(string value)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            Number(bytes.Length);
            _hash.AppendData(bytes);
        }

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }
}
