using System.Text;
using System.Text.RegularExpressions;

namespace MiniMalloc.Planning.Tests;

/// <summary>
/// Pool problems through the whole pipeline: a version-2 file (or pools set for the plan) planned by the pool
/// planner, checked by the pool validator, written as a header per pool, a CSV with a pool column, a report per
/// pool; the cache and the warm start keyed by the pools. Expected values come from the plan itself and the
/// problem's rules, never from a particular planner's answer.
/// </summary>
public class PoolPlannerTests
{
    /// <summary>
    /// A small model whose buffers do not all fit in the fast pool: a chain of layers, each output read by the next
    /// two, the sizes chosen so that the live bytes pass SRAM's capacity at the middle steps.
    /// </summary>
    private static string Model(long sram = 4096, string extraTop = "", string version = "2", bool pools = true)
    {
        var json = new StringBuilder($"{{\n  \"version\": {version},\n  \"name\": \"kws\",\n{extraTop}");
        if (pools)
        {
            json.Append($"  \"pools\": [\n    {{ \"name\": \"sram\", \"capacity\": {sram}, \"alignment\": 16 }},\n    {{ \"name\": \"dram\", \"capacity\": 1048576, \"alignment\": 64 }}\n  ],\n");
        }
        json.Append("  \"buffers\": [\n");
        json.Append("    { \"id\": \"input\", \"start\": 0, \"end\": 12, \"size\": 512, \"pools\": [\"sram\"], \"offset\": 0 },\n");
        for (int i = 0; i < 8; i++)
        {
            long size = 1024 + (i * 37 % 5) * 256;
            json.Append($"    {{ \"id\": \"layer{i}/out\", \"start\": {i + 1}, \"end\": {i + 4}, \"size\": {size}, \"weight\": {size * (i % 2 + 1)} }},\n");
        }
        json.Append("    { \"id\": \"log\", \"start\": 2, \"end\": 9, \"size\": 256, \"pools\": [\"dram\"] }\n  ]\n}\n");
        string text = json.ToString();
        return pools ? text : text.Replace(", \"pools\": [\"sram\"], \"offset\": 0", "").Replace(", \"pools\": [\"dram\"]", "");
    }

    private static string Write(TempDirectory temp, string json, string name = "kws.json")
    {
        File.WriteAllText(temp.File(name), json);
        return temp.File(name);
    }

    private static PoolSpec Pool(string text) => PoolSpec.TryParse(text, "test", out var pool, out var error) ? pool : throw new InvalidOperationException(error.Message);

    /// <summary>The pools and offsets the header says, by buffer id: parsed from its macros.</summary>
    private static Dictionary<string, (string Pool, long Offset)> HeaderPlan(string header)
    {
        var pools = Regex.Matches(header, @"#define KWS_POOL_(\w+) (\d+)u").ToDictionary(m => m.Groups[1].Value, m => m.Groups[1].Value);
        var result = new Dictionary<string, (string, long)>();
        foreach (Match m in Regex.Matches(header, @"#define KWS_(\w+)_POOL KWS_POOL_(\w+)\n#define KWS_\1_OFFSET (\d+)u"))
        {
            result[m.Groups[1].Value] = (pools[m.Groups[2].Value], long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return result;
    }

    [Fact]
    public void A_version_2_file_gets_a_valid_plan_in_its_pools_and_every_output_agrees()
    {
        using var temp = new TempDirectory();
        var request = new PlanRequest { InputPath = Write(temp, Model()), HeaderPath = temp.File("kws.h"), CsvPath = temp.File("kws.csv"), ReportPath = temp.File("kws.html") };
        var outcome = Planner.Run(request);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var read = LifetimesReader.Read(request.InputPath);
        var problem = PoolSearch.ToPoolProblem(read.Problem!, read.Pools!);
        var csv = File.ReadAllLines(temp.File("kws.csv"));
        Assert.StartsWith("id,lower,upper,size,offset,pool", csv[0], StringComparison.Ordinal);
        var poolOf = new int[problem.Buffers.Count];
        var offsets = new long[problem.Buffers.Count];
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            var fields = csv[i + 1].Split(',');
            Assert.Equal(problem.Buffers[i].Id, fields[0]);
            offsets[i] = long.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture);
            poolOf[i] = problem.Pools.ToList().FindIndex(p => p.Name == fields[5]);
            Assert.True(poolOf[i] >= 0, $"unknown pool {fields[5]}");
        }
        // The CSV's plan is valid for the problem read independently from the file...
        var solution = PoolSolution.From(problem, poolOf, offsets);
        Assert.Empty(PoolValidator.Validate(problem, solution));
        // ...the fixed buffer kept its pool and offset, the restricted one its pool...
        Assert.Equal((0, 0L), (poolOf[0], offsets[0]));
        Assert.Equal(1, poolOf[^1]);
        // ...and the header says the same pool and offset for every buffer.
        var header = HeaderPlan(File.ReadAllText(temp.File("kws.h")));
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            string fragment = CIdentifier.Fragment(problem.Buffers[i].Id)!;
            Assert.Equal((PoolHeaderNames.Fragment(problem.Pools[poolOf[i]].Name), offsets[i]), header[fragment]);
        }
        // The summary line: cost, its lower bound, each pool's height of its capacity.
        var figures = outcome.Summary!.Pools!;
        Assert.Equal(solution.Cost, figures.Cost);
        Assert.True(figures.CostLowerBound <= solution.Cost);
        Assert.Contains($"cost {solution.Cost} (lower bound {figures.CostLowerBound}", outcome.SummaryLine, StringComparison.Ordinal);
        Assert.Contains($"sram {solution.Heights[0]}/4096, dram {solution.Heights[1]}/1048576", outcome.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_draws_one_chart_per_pool_and_says_why_each_spilled_buffer_left_the_fast_pool()
    {
        using var temp = new TempDirectory();
        var request = new PlanRequest { InputPath = Write(temp, Model()), ReportPath = temp.File("kws.html"), CsvPath = temp.File("kws.csv") };
        var outcome = Planner.Run(request);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));

        string html = File.ReadAllText(temp.File("kws.html"));
        Assert.Contains("<h2>Pool sram</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Pool dram</h2>", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "<svg id=\"pool-").Count);
        // The buffers the plan put in dram though they may go to sram: each listed as spilled.
        var spilled = File.ReadAllLines(temp.File("kws.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[5] == "dram" && f[0] != "log").Select(f => f[0]).ToList();
        Assert.NotEmpty(spilled);
        Assert.Contains($"Spilled: {spilled.Count} buffer", html, StringComparison.Ordinal);
        foreach (string id in spilled) Assert.Contains($"<tr><td>{id}</td>", html, StringComparison.Ordinal);
        // The log buffer may only go to dram: it was not spilled.
        Assert.DoesNotContain("<tr><td>log</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Busy_steps_are_those_where_the_pool_has_no_room_for_the_buffer()
    {
        var live = LiveProfile.Of(new List<Buffer> { new("a", 0, 4, 600), new("b", 2, 6, 300) });
        var busy = PoolReportWriter.BusySteps(live, new Buffer("x", 1, 5, 200), capacity: 1000);
        // Steps 2 and 3 hold 900 bytes: 200 more would pass 1000; steps 1 and 4 hold 600 and 300.
        Assert.Equal([(2L, 900L)], busy);
    }

    [GccFact]
    public void The_pool_header_compiles_warning_free_as_c99_and_cpp_and_its_tables_match()
    {
        using var temp = new TempDirectory();
        var request = new PlanRequest { InputPath = Write(temp, Model()), HeaderPath = temp.File("kws.h") };
        Assert.True(Planner.Run(request).Succeeded);
        var plan = HeaderPlan(File.ReadAllText(temp.File("kws.h")));

        var program = new StringBuilder("#include <stdio.h>\n#include <string.h>\n#define KWS_DEFINE_BUFFER_TABLE\n#include \"kws.h\"\n#include \"kws.h\"\n");
        program.Append("int main(void)\n{\n    int failures = 0;\n    unsigned i, j;\n");
        // At run time: every buffer within its pool's arena, and no two buffers of one pool live together and overlapping.
        program.Append("    for (i = 0; i < KWS_BUFFER_COUNT; i++) {\n");
        program.Append("        const kws_buffer_info *b = &kws_buffers[i];\n");
        program.Append("        if (b->pool >= KWS_POOL_COUNT || b->offset + b->size > kws_pools[b->pool].size || b->offset % kws_pools[b->pool].alignment != 0) { printf(\"outside: %s\\n\", b->name); failures++; }\n");
        program.Append("        for (j = i + 1; j < KWS_BUFFER_COUNT; j++) {\n");
        program.Append("            const kws_buffer_info *c = &kws_buffers[j];\n");
        program.Append("            if (b->pool == c->pool && b->start < c->end && c->start < b->end && b->offset < c->offset + c->size && c->offset < b->offset + b->size) { printf(\"overlap: %s %s\\n\", b->name, c->name); failures++; }\n");
        program.Append("        }\n    }\n");
        foreach (var (fragment, (pool, offset)) in plan)
        {
            program.Append($"    if (KWS_{fragment}_POOL != KWS_POOL_{pool} || KWS_{fragment}_OFFSET != {offset}u) {{ printf(\"macro: {fragment}\\n\"); failures++; }}\n");
        }
        program.Append("    if (strcmp(kws_pools[KWS_POOL_SRAM].name, \"sram\") != 0 || kws_pools[KWS_POOL_DRAM].capacity != KWS_DRAM_ARENA_CAPACITY) failures++;\n");
        program.Append("    printf(\"checked %u buffers\\n\", (unsigned)KWS_BUFFER_COUNT);\n    return failures == 0 ? 0 : 1;\n}\n");
        File.WriteAllText(temp.File("main.c"), program.ToString());
        File.Copy(temp.File("main.c"), temp.File("main.cpp"));

        const string warnings = "-Wall -Wextra -Werror";
        CCompiler.Compile(CCompiler.Gcc!, $"-std=c99 {warnings} -o c99 main.c", temp.Path);
        CCompiler.Compile(CCompiler.Gcc!, $"-std=c11 -pedantic {warnings} -o c11 main.c", temp.Path);
        CCompiler.Compile(CCompiler.Gxx!, $"{warnings} -o cpp main.cpp", temp.Path);
        foreach (var exe in new[] { "c99", "c11", "cpp" })
        {
            var (exitCode, output) = CCompiler.Run(Path.Combine(temp.Path, exe), "", temp.Path);
            Assert.True(exitCode == 0, $"{exe}: {output}");
            Assert.Contains($"checked {plan.Count} buffers", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_pool_name_that_generates_a_buffer_macro_is_a_coded_error()
    {
        using var temp = new TempDirectory();
        // Buffer "sram_arena" would define KWS_SRAM_ARENA_SIZE, the sram pool's arena size macro.
        string json = Model().Replace("\"id\": \"log\"", "\"id\": \"sram_arena\"");
        var outcome = Planner.Run(new PlanRequest { InputPath = Write(temp, json), HeaderPath = temp.File("kws.h") });
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.PoolIdentifierCollision, error.Code);
        Assert.Contains("KWS_SRAM_ARENA_SIZE".Replace("KWS", "PREFIX"), error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("kws.h")));
        // Without a header there are no C names: the same file plans.
        Assert.True(Planner.Run(new PlanRequest { InputPath = temp.File("kws.json"), CsvPath = temp.File("kws.csv") }).Succeeded);
    }

    [Fact]
    public void A_capacity_set_for_the_plan_is_the_first_pools()
    {
        using var temp = new TempDirectory();
        var outcome = Planner.Run(new PlanRequest { InputPath = Write(temp, Model()), HeaderPath = temp.File("kws.h"), Capacity = Capacity.Of(8192) });
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Contains("#define KWS_SRAM_ARENA_CAPACITY 8192u", File.ReadAllText(temp.File("kws.h")), StringComparison.Ordinal);
        Assert.Contains("/8192, dram", outcome.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Pools_set_for_the_plan_replace_the_files_and_a_capacity_beside_them_means_nothing()
    {
        using var temp = new TempDirectory();
        string input = Write(temp, Model());
        var pools = new[] { Pool("sram:16384:16"), Pool("dram:1048576:64") };
        var outcome = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = temp.File("kws.h"), Pools = pools });
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Contains("#define KWS_SRAM_ARENA_CAPACITY 16384u", File.ReadAllText(temp.File("kws.h")), StringComparison.Ordinal);

        var conflict = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = temp.File("kws.h"), Pools = pools, Capacity = Capacity.Of(100) });
        Assert.Equal(DiagnosticCodes.PoolSettingConflict, Assert.Single(conflict.Diagnostics, d => d.IsError).Code);

        // A pool the file's buffers name is missing from the pools set: the buffer is named at its position.
        var missing = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = temp.File("kws.h"), Pools = [Pool("sram:16384")] });
        var unknown = Assert.Single(missing.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.UnknownPool, unknown.Code);
        Assert.Equal("$.buffers[9].pools[0]", unknown.JsonPath);

        var duplicate = Planner.Run(new PlanRequest { InputPath = input, Pools = [Pool("a:10"), Pool("a:20")] });
        Assert.Equal(DiagnosticCodes.DuplicatePoolSetting, Assert.Single(duplicate.Diagnostics, d => d.IsError).Code);
    }

    [Fact]
    public void Pools_set_for_a_version_1_file_make_it_a_pool_problem_and_its_header_stays_one_arena_without_them()
    {
        using var temp = new TempDirectory();
        string input = Write(temp, Model(version: "1", pools: false, extraTop: "  \"capacity\": 1048576,\n").Replace(", \"weight\": ", ", \"w\": "), "v1.json");
        input = Write(temp, Regex.Replace(File.ReadAllText(input), @", ""w"": \d+", ""), "v1.json");
        var onePool = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = temp.File("one.h") });
        Assert.True(onePool.Succeeded, string.Join("\n", onePool.Diagnostics));
        Assert.Null(onePool.Summary!.Pools);
        Assert.Contains("_ARENA_SIZE", File.ReadAllText(temp.File("one.h")), StringComparison.Ordinal);
        Assert.DoesNotContain("_POOL_COUNT", File.ReadAllText(temp.File("one.h")), StringComparison.Ordinal);

        var pooled = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = temp.File("two.h"), Pools = [Pool("sram:4096:16"), Pool("dram:1048576:64")] });
        Assert.True(pooled.Succeeded, string.Join("\n", pooled.Diagnostics));
        Assert.NotNull(pooled.Summary!.Pools);
        Assert.Contains("#define KWS_POOL_COUNT 2u", File.ReadAllText(temp.File("two.h")), StringComparison.Ordinal);
    }

    [Fact]
    public void Buffers_that_cannot_share_their_only_pool_fail_with_a_coded_error_naming_them()
    {
        using var temp = new TempDirectory();
        string json = """
            {
              "version": 2,
              "pools": [ { "name": "sram", "capacity": 1024 }, { "name": "dram", "capacity": 65536 } ],
              "buffers": [
                { "id": "a", "start": 0, "end": 4, "size": 600, "pools": ["sram"] },
                { "id": "b", "start": 2, "end": 6, "size": 600, "pools": ["sram"] },
                { "id": "c", "start": 0, "end": 6, "size": 100 }
              ]
            }
            """;
        var outcome = Planner.Run(new PlanRequest { InputPath = Write(temp, json), HeaderPath = temp.File("x.h"), ReportPath = temp.File("x.html") });
        Assert.Equal(PlanStatus.Infeasible, outcome.Status);
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.PoolsInfeasible, error.Code);
        Assert.Contains("'a'", error.Message.Replace('"', '\''), StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message.Replace('"', '\''), StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("x.h")));
        Assert.Contains("No plan:", File.ReadAllText(temp.File("x.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_of_a_pool_plan_reads_back_with_the_same_pools_as_the_same_problem()
    {
        using var temp = new TempDirectory();
        var first = Planner.Run(new PlanRequest { InputPath = Write(temp, Model()), CsvPath = temp.File("out.csv") });
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        string csv = File.ReadAllText(temp.File("out.csv"));
        Assert.Contains(",pool,pools\n", csv, StringComparison.Ordinal);

        // The CSV, with its offsets fixed, read with --pool: the same pools per buffer, a plan that keeps every offset.
        var pools = new[] { Pool("sram:4096:16"), Pool("dram:1048576:64") };
        var again = Planner.Run(new PlanRequest { InputPath = temp.File("out.csv"), Pools = pools, ReturnCsv = true });
        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics));
        var before = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).Select(f => (f[0], f[^3], f[^2])).ToList();
        var after = again.Csv!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).Select(f => (f[0], f[^3], f[^2])).ToList();
        Assert.Equal(before, after);
    }

    [Fact]
    public void The_csv_of_a_pool_plan_keeps_one_row_per_buffer_when_an_id_holds_a_line_break()
    {
        // Found by the pools fuzz target: the pool and pools columns were appended to the text's lines, and a quoted
        // id with a line break is two lines, so the plan's CSV threw (or would have given a buffer another's pool). A
        // pool's name holds no white space (MMB2043), but it may hold a comma, which is quoted too.
        const string json = """
            { "version": 2, "pools": [ { "name": "s", "capacity": 64 }, { "name": "d,x", "capacity": 640 } ],
              "buffers": [ { "id": "a\nb", "start": 0, "end": 2, "size": 48 }, { "id": " c", "start": 1, "end": 3, "size": 32, "pools": ["d,x"] } ] }
            """;
        using var temp = new TempDirectory();
        var first = Planner.Run(new PlanRequest { InputPath = Write(temp, json), CsvPath = temp.File("out.csv") });
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        string csv = File.ReadAllText(temp.File("out.csv"));
        Assert.Equal("id,lower,upper,size,offset,pool,pools\n\"a\nb\",0,2,48,0,s,\"s d,x\"\n\" c\",1,3,32,0,\"d,x\",\"d,x\"\n", csv);

        // Read back with the same pools, it is the same plan: every buffer at its offset in its pool (which the pool
        // column now holds it in, so its pools are that one).
        var again = Planner.Run(new PlanRequest { InputPath = temp.File("out.csv"), Pools = [Pool("s:64"), new PoolSpec("d,x", Capacity.Of(640), Alignment.Of(1), null)], ReturnCsv = true });
        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics));
        Assert.Equal(csv.Replace(",s,\"s d,x\"\n", ",s,s\n", StringComparison.Ordinal), again.Csv);
    }

    [Fact]
    public void A_csv_pools_column_is_checked_against_the_pools_set()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("p.csv"), "id,lower,upper,size,pools\na,0,2,100,sram dram\nb,1,3,100,flash\n");
        var unknown = Planner.Run(new PlanRequest { InputPath = temp.File("p.csv"), Pools = [Pool("sram:1024"), Pool("dram:4096")], ReturnCsv = true });
        var error = Assert.Single(unknown.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.UnknownPool, error.Code);
        Assert.Equal(3, error.Line);

        var none = Planner.Run(new PlanRequest { InputPath = temp.File("p.csv"), Capacity = Capacity.Of(1024), ReturnCsv = true });
        Assert.Equal(DiagnosticCodes.PoolSettingConflict, Assert.Single(none.Diagnostics, d => d.IsError).Code);

        File.WriteAllText(temp.File("q.csv"), "id,lower,upper,size,pools\na,0,2,100,sram dram\nb,1,3,100,dram\n");
        var ok = Planner.Run(new PlanRequest { InputPath = temp.File("q.csv"), Pools = [Pool("sram:1024"), Pool("dram:4096")], ReturnCsv = true });
        Assert.True(ok.Succeeded, string.Join("\n", ok.Diagnostics));
        Assert.StartsWith("id,lower,upper,size,offset,pool,pools\n", ok.Csv, StringComparison.Ordinal);
        Assert.EndsWith(",dram,dram\n", ok.Csv, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_key_includes_the_pools_and_a_hit_gives_the_same_header()
    {
        using var temp = new TempDirectory();
        string input = Write(temp, Model());
        var request = new PlanRequest { InputPath = input, HeaderPath = temp.File("kws.h"), CacheDirectory = temp.File("cache") };
        var cold = Planner.Run(request);
        Assert.True(cold.Succeeded);
        string header = File.ReadAllText(temp.File("kws.h"));
        File.Delete(temp.File("kws.h"));
        var hit = Planner.Run(request);
        Assert.True(hit.Succeeded, string.Join("\n", hit.Diagnostics));
        Assert.True(hit.Summary!.CacheHit);
        Assert.Equal(header, File.ReadAllText(temp.File("kws.h")));

        var read = LifetimesReader.Read(input);
        string Key(PlanPools pools) => PlanCache.ComputeKey(read.Problem!, minimize: false, new SolverOptions(), toolVersion: "1", pools: pools);
        var pools = read.Pools!;
        var keys = new[]
        {
            Key(pools),
            Key(new PlanPools([pools.Pools[0] with { Capacity = Capacity.Of(4097) }, pools.Pools[1]], pools.Allowed, pools.Weights)),
            Key(new PlanPools([pools.Pools[0] with { Cost = 5 }, pools.Pools[1]], pools.Allowed, pools.Weights)),
            Key(new PlanPools(pools.Pools, pools.Allowed, pools.Weights.Select((w, i) => i == 3 ? w + 1 : w).ToList())),
            Key(new PlanPools(pools.Pools, pools.Allowed.Select((m, i) => i == 3 ? 1UL : m).ToList(), pools.Weights)),
            PlanCache.ComputeKey(read.Problem!, minimize: false, new SolverOptions(), toolVersion: "1"),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void A_cached_pool_plan_that_fails_the_validator_is_discarded_and_replanned()
    {
        using var temp = new TempDirectory();
        string input = Write(temp, Model());
        var request = new PlanRequest { InputPath = input, HeaderPath = temp.File("kws.h"), CacheDirectory = temp.File("cache") };
        Assert.True(Planner.Run(request).Succeeded);
        string entry = Directory.GetFiles(temp.File("cache")).Single();
        var read = LifetimesReader.Read(input);
        string key = Path.GetFileNameWithoutExtension(entry);
        // Every buffer in pool 0 at offset 0: overlapping, and the restricted buffer outside its pool.
        int n = read.Problem!.Buffers.Count;
        File.WriteAllBytes(entry, PlanCache.Encode(key, new PlanCacheEntry { Offsets = new long[n], Pools = new int[n], Height = 0 }));
        var again = Planner.Run(request);
        Assert.True(again.Succeeded);
        Assert.False(again.Summary!.CacheHit);
        Assert.Contains(again.Diagnostics, d => d.Code == DiagnosticCodes.CacheEntryInvalidPlan);
    }

    [Fact]
    public void The_warm_start_keeps_each_buffers_pool_and_offset()
    {
        using var temp = new TempDirectory();
        string input = Write(temp, Model());
        var request = new PlanRequest { InputPath = input, HeaderPath = temp.File("kws.h"), PreviousPlanPath = temp.File("kws.previous.json") };
        Assert.True(Planner.Run(request).Succeeded);
        string previous = File.ReadAllText(temp.File("kws.previous.json"));
        Assert.Contains("\"pools\"", previous, StringComparison.Ordinal);

        var warm = Planner.Run(request);
        Assert.True(warm.Succeeded);
        Assert.Equal(10, warm.Summary!.PreviousOffsets);
        Assert.Equal(0, warm.Summary.MovedOffsets);

        var read = LifetimesReader.Read(input);
        var problem = PoolSearch.ToPoolProblem(read.Problem!, read.Pools!);
        var hinted = PreviousPoolPlan.Read(temp.File("kws.previous.json"), [])!.Hint(problem);
        Assert.Equal(problem.Buffers.Count, hinted.PoolHints!.Count);
        // The fixed buffer takes no hint; the others take their previous pool.
        Assert.Equal(-1, hinted.PoolHints[0]);
        Assert.All(hinted.PoolHints.Skip(1), h => Assert.InRange(h, 0, 1));
    }
}
