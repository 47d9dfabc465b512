using System.Text;

namespace MiniMalloc.Planning.Tests;

public class PlanCacheTests
{
    private static Problem Problem(long capacity = 100) => new(
    [
        new Buffer("a", 0, 4, 10),
        new Buffer("b", 2, 6, 20) { Alignment = 4 },
        new Buffer("c", 5, 9, 30) { Gaps = [new Gap(new Lifespan(6, 7), new Window(0, 5))] },
    ], capacity);

    private static PlanCacheEntry Entry(params long[] offsets) => new()
    {
        Offsets = offsets,
        Height = offsets.Select((o, i) => o + Problem().Buffers[i].Size).Max(),
        LowerBound = 30,
        Minimized = true,
        Warnings = [new Diagnostic(DiagnosticCodes.FallbackPlanUsed, DiagnosticSeverity.Warning, "fallback used", "x.json")],
    };

    private static readonly SolverOptions Options = new();

    [Fact]
    public void Keys_are_stable_and_depend_on_every_input()
    {
        string key = PlanCache.ComputeKey(Problem(), minimize: false, Options, toolVersion: "1.0");

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, PlanCache.ComputeKey(Problem(), false, new SolverOptions(), toolVersion: "1.0"));
        var different = new[]
        {
            PlanCache.ComputeKey(Problem(), true, Options, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem(), false, Options, toolVersion: "1.1"),
            PlanCache.ComputeKey(Problem(101), false, Options, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem(), false, Options with { CheckDominance = false }, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem(), false, Options with { Timeout = TimeSpan.FromSeconds(3) }, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem(), false, Options with { PreorderingHeuristics = ["WAT"] }, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem() with { Buffers = [.. Problem().Buffers.Take(2), Problem().Buffers[2] with { Id = "d" }] }, false, Options, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem() with { Buffers = [.. Problem().Buffers.Take(2), Problem().Buffers[2] with { Gaps = [] }] }, false, Options, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem() with { Buffers = [Problem().Buffers[0] with { Offset = 0 }, .. Problem().Buffers.Skip(1)] }, false, Options, toolVersion: "1.0"),
            PlanCache.ComputeKey(Problem() with { Buffers = [Problem().Buffers[0] with { Hint = 0 }, .. Problem().Buffers.Skip(1)] }, false, Options, toolVersion: "1.0"),
        };
        Assert.DoesNotContain(key, different);
        Assert.Equal(different.Length, different.Distinct().Count());
    }

    public static TheoryData<string> OptionVariants => new() { "default", "switches", "heuristics", "timeout", "threads" };

    private static SolverOptions Variant(string name) => name switch
    {
        "switches" => new SolverOptions { CanonicalOnly = false, HatlessPruning = false, LargeProblemHeuristic = false },
        "heuristics" => new SolverOptions { PreorderingHeuristics = ["TWA", "Z"] },
        "timeout" => new SolverOptions { Timeout = TimeSpan.FromMilliseconds(2500) },
        "threads" => new SolverOptions { Parallelism = 3 },
        _ => new SolverOptions(),
    };

    /// <summary>
    /// The key records every public solver option, as a reading of the type by reflection finds them (names in
    /// ordinal order, values as text): an option added to the solver and not to the record fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(OptionVariants))]
    public void The_key_records_every_public_solver_option(string variant)
    {
        var options = Variant(variant);
        var byReflection = typeof(SolverOptions).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (p.Name, ReflectedText(p.GetValue(options))));
        Assert.Equal(byReflection, SolverOptionsRecord.Of(options));
    }

    private static string ReflectedText(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        TimeSpan t => t.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join("\u001f", list) + "\u001e" + list.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    [Fact]
    public void The_node_budget_changes_the_key_of_a_minimized_plan_only()
    {
        string minimized = PlanCache.ComputeKey(Problem(), true, Options);
        string fitted = PlanCache.ComputeKey(Problem(), false, Options);
        var budgets = new[] { NodeBudget.Of(0), NodeBudget.Of(1000), NodeBudget.Of(5_000_000) };
        var keys = budgets.Select(b => PlanCache.ComputeKey(Problem(), true, Options, b)).ToList();
        Assert.Equal(budgets.Length, keys.Distinct().Count());
        Assert.DoesNotContain(minimized, keys);
        Assert.Equal(keys[1], PlanCache.ComputeKey(Problem(), true, Options, NodeBudget.Of(1000)));
        // Fitting a capacity never runs the minimizer: its budget leaves the key (and the cached plan) alone.
        Assert.All(budgets, b => Assert.Equal(fitted, PlanCache.ComputeKey(Problem(), false, Options, b)));
    }

    [Fact]
    public void Length_prefixes_keep_ids_apart()
    {
        var ab = new Problem([new Buffer("ab", 0, 1, 1), new Buffer("c", 0, 1, 1)], 10);
        var a = new Problem([new Buffer("a", 0, 1, 1), new Buffer("bc", 0, 1, 1)], 10);
        Assert.NotEqual(PlanCache.ComputeKey(ab, false, Options), PlanCache.ComputeKey(a, false, Options));
    }

    [Fact]
    public void Stores_and_finds_an_entry_with_its_warnings()
    {
        using var temp = new TempDirectory();
        var cache = new PlanCache(Path.Combine(temp.Path, "cache"));
        string key = PlanCache.ComputeKey(Problem(), false, Options);

        Assert.False(cache.TryGet(key, Problem(), Capacity.Of(100)).Hit);
        Assert.Empty(cache.Store(key, Entry(0, 12, 40)));
        var lookup = cache.TryGet(key, Problem(), Capacity.Of(100));

        Assert.True(lookup.Hit);
        Assert.Empty(lookup.Diagnostics);
        Assert.Equal([0L, 12, 40], lookup.Entry!.Offsets);
        Assert.Equal(70, lookup.Entry.Height);
        Assert.Equal(30, lookup.Entry.LowerBound);
        Assert.True(lookup.Entry.Minimized);
        var warning = Assert.Single(lookup.Entry.Warnings);
        Assert.Equal((DiagnosticCodes.FallbackPlanUsed, DiagnosticSeverity.Warning, "fallback used"), (warning.Code, warning.Severity, warning.Message));
        Assert.Equal(["cache"], Directory.GetDirectories(temp.Path).Select(Path.GetFileName));
        Assert.Single(Directory.GetFiles(cache.Directory));
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "truncated", DiagnosticCodes.CacheEntryCorrupt },
        { "empty", DiagnosticCodes.CacheEntryCorrupt },
        { "garbage", DiagnosticCodes.CacheEntryCorrupt },
        { "wrong version", DiagnosticCodes.CacheEntryCorrupt },
        { "flipped byte", DiagnosticCodes.CacheEntryCorrupt },
        { "other key", DiagnosticCodes.CacheEntryCorrupt },
        { "too few offsets", DiagnosticCodes.CacheEntryCorrupt },
        { "overlapping offsets", DiagnosticCodes.CacheEntryInvalidPlan },
        { "beyond the capacity", DiagnosticCodes.CacheEntryInvalidPlan },
        { "misaligned", DiagnosticCodes.CacheEntryInvalidPlan },
        { "wrong height", DiagnosticCodes.CacheEntryInvalidPlan },
        { "bad json with a good checksum", DiagnosticCodes.CacheEntryCorrupt },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_or_invalid_entry_is_a_miss_with_an_info(string corruption, string code)
    {
        using var temp = new TempDirectory();
        var cache = new PlanCache(temp.Path);
        string key = PlanCache.ComputeKey(Problem(), false, Options);
        byte[] good = PlanCache.Encode(key, Entry(0, 12, 40));
        byte[] bytes = corruption switch
        {
            "truncated" => good[..(good.Length / 2)],
            "empty" => [],
            "garbage" => Enumerable.Range(0, 300).Select(i => (byte)(i * 37)).ToArray(),
            "wrong version" => Encoding.ASCII.GetBytes("MMBPLAN 0").Concat(good.SkipWhile(b => b != (byte)'\n')).ToArray(),
            "flipped byte" => Flip(good, good.Length - 5),
            "other key" => PlanCache.Encode(new string('0', 64), Entry(0, 12, 40)),
            "too few offsets" => PlanCache.Encode(key, Entry(0, 12) with { Height = 32 }),
            "overlapping offsets" => PlanCache.Encode(key, Entry(0, 8, 40)),
            "beyond the capacity" => PlanCache.Encode(key, Entry(0, 12, 80)),
            "misaligned" => PlanCache.Encode(key, Entry(0, 14, 40)),
            "wrong height" => PlanCache.Encode(key, Entry(0, 12, 40) with { Height = 99 }),
            "bad json with a good checksum" => Reseal("{\"key\": 5}"),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        File.WriteAllBytes(cache.EntryPath(key), bytes);

        var lookup = cache.TryGet(key, Problem(), Capacity.Of(100));

        Assert.False(lookup.Hit);
        var info = Assert.Single(lookup.Diagnostics);
        Assert.Equal((code, DiagnosticSeverity.Info), (info.Code, info.Severity));
        Assert.Equal(cache.EntryPath(key), info.File);

        // A fresh entry replaces it and is found.
        Assert.Empty(cache.Store(key, Entry(0, 12, 40)));
        Assert.True(cache.TryGet(key, Problem(), Capacity.Of(100)).Hit);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static byte[] Reseal(string body)
    {
        byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
        string head = $"MMBPLAN 1\nsha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bodyBytes))}\n";
        return [.. Encoding.ASCII.GetBytes(head), .. bodyBytes];
    }

    [Fact]
    public void An_unwritable_cache_folder_is_an_info_not_an_exception()
    {
        using var temp = new TempDirectory();
        string blocker = temp.File("file");
        File.WriteAllText(blocker, "x");
        var cache = new PlanCache(Path.Combine(blocker, "cache"));
        string key = PlanCache.ComputeKey(Problem(), false, Options);

        var diagnostics = cache.Store(key, Entry(0, 12, 40));

        var info = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.CacheUnavailable, DiagnosticSeverity.Info), (info.Code, info.Severity));
        Assert.False(cache.TryGet(key, Problem(), Capacity.Of(100)).Hit);
    }

    [Fact]
    public void Parallel_stores_of_one_key_leave_one_intact_entry()
    {
        using var temp = new TempDirectory();
        var cache = new PlanCache(temp.Path);
        string key = PlanCache.ComputeKey(Problem(), false, Options);

        Parallel.For(0, 16, _ => Assert.Empty(cache.Store(key, Entry(0, 12, 40))));

        Assert.True(cache.TryGet(key, Problem(), Capacity.Of(100)).Hit);
        Assert.Single(Directory.GetFiles(temp.Path));
    }
}
