using System.Text;

namespace MiniMalloc.Planning.Tests;

/// <summary>The pipeline end to end on small problems: real files, the real solver, the real header.</summary>
public class PlannerTests
{
    internal static PlanRequest Request(TempDirectory temp, string input, string header = "plan.h") => new()
    {
        InputPath = input,
        HeaderPath = temp.File(header),
    };

    private static string CopySample(TempDirectory temp, string name = "kws_cnn.lifetimes.json")
    {
        string path = temp.File(name);
        File.Copy(TestSupport.Fixture("kws_cnn.lifetimes.json"), path);
        return path;
    }

    /// <summary>A model of <paramref name="count"/> layers: each output lives until the layer after next reads it.</summary>
    private static string Chain(int count, int changedIndex = -1, long capacity = 0)
    {
        var json = new StringBuilder("{\n  \"version\": 1,\n  \"name\": \"chain\",\n");
        if (capacity > 0) json.Append("  \"capacity\": ").Append(capacity).Append(",\n");
        json.Append("  \"alignment\": 16,\n  \"buffers\": [\n");
        for (int i = 0; i < count; i++)
        {
            long size = 1000 + (i * 7919 % 13) * 256 + (i == changedIndex ? 16 : 0);
            json.Append($"    {{ \"id\": \"layer{i}/out\", \"start\": {i}, \"end\": {i + 3}, \"size\": {size} }}");
            json.Append(i + 1 < count ? ",\n" : "\n");
        }
        return json.Append("  ]\n}\n").ToString();
    }

    internal static Diagnostic AssertError(PlanOutcome outcome, string code)
    {
        Assert.False(outcome.Succeeded, "planning succeeded");
        Assert.Null(outcome.Summary);
        Assert.Null(outcome.HeaderPath);
        return Assert.Single(outcome.Diagnostics, d => d.Code == code && d.IsError);
    }

    internal static void AssertSucceeded(PlanOutcome outcome)
    {
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.DoesNotContain(outcome.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Plans_the_sample_into_a_valid_header()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp)) with { MinimizeCapacity = false };

        var outcome = Planner.Run(request);

        AssertSucceeded(outcome);
        var summary = outcome.Summary!;
        Assert.Equal(4, summary.BufferCount);
        Assert.Equal(Capacity.Of(262144), summary.Capacity);
        Assert.True(summary.HeaderWritten);
        Assert.False(summary.CacheHit);
        Assert.False(summary.Minimized);
        Assert.Equal(21024, summary.LowerBound);
        Assert.InRange(summary.Peak, summary.LowerBound, 262144);
        Assert.Equal(0, summary.ArenaSize % 64);
        Assert.Equal(Path.GetFullPath(request.HeaderPath!), outcome.HeaderPath);
        Assert.StartsWith("kws_cnn.lifetimes.json: 4 buffers, peak ", outcome.SummaryLine);
        Assert.Contains("capacity 262144, lower bound 21024, solved in ", outcome.SummaryLine);
        Assert.Contains("header written", outcome.SummaryLine);

        string header = File.ReadAllText(request.HeaderPath!);
        Assert.Contains($"#define KWS_CNN_ARENA_SIZE {summary.ArenaSize}u\n", header);
        Assert.Contains("#define KWS_CNN_DMA_IN_OFFSET 0u\n", header);
        Assert.Contains("Source: kws_cnn.lifetimes.json", header);
    }

    [Fact]
    public void Same_input_gives_a_byte_identical_header_and_an_unchanged_one_is_not_touched()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp));
        AssertSucceeded(Planner.Run(request));
        byte[] first = File.ReadAllBytes(request.HeaderPath!);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(request.HeaderPath!, stamp);

        var second = Planner.Run(request);

        AssertSucceeded(second);
        Assert.False(second.Summary!.HeaderWritten);
        Assert.Contains("header unchanged", second.SummaryLine);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(request.HeaderPath!));

        // The same file elsewhere (another clone) gives the same bytes: no paths or times in the header.
        using var other = new TempDirectory();
        var elsewhere = Request(other, CopySample(other));
        AssertSucceeded(Planner.Run(elsewhere));
        Assert.Equal(first, File.ReadAllBytes(elsewhere.HeaderPath!));
    }

    [Fact]
    public void A_cache_hit_skips_the_solve_and_gives_the_same_header()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp)) with { CacheDirectory = temp.File("cache") };
        AssertSucceeded(Planner.Run(request));
        string header = File.ReadAllText(request.HeaderPath!);
        File.Delete(request.HeaderPath!);

        var second = Planner.Run(request);

        AssertSucceeded(second);
        Assert.True(second.Summary!.CacheHit);
        Assert.Contains("cache hit", second.SummaryLine);
        Assert.Equal(header, File.ReadAllText(request.HeaderPath!));
        Assert.Single(Directory.GetFiles(temp.File("cache")));
    }

    [Fact]
    public void Touching_the_input_without_changing_it_still_hits()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp)) with { CacheDirectory = temp.File("cache") };
        AssertSucceeded(Planner.Run(request));
        File.SetLastWriteTimeUtc(request.InputPath, DateTime.UtcNow.AddMinutes(5));

        Assert.True(Planner.Run(request).Summary!.CacheHit);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("overlapping plan")]
    public void A_bad_cache_entry_is_reported_as_info_and_re_solved(string damage)
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp)) with { CacheDirectory = temp.File("cache") };
        AssertSucceeded(Planner.Run(request));
        string entry = Assert.Single(Directory.GetFiles(temp.File("cache")));
        string key = Path.GetFileNameWithoutExtension(entry);
        File.WriteAllBytes(entry, damage == "garbage"
            ? Encoding.UTF8.GetBytes("MMBPLAN 1\nsha256:00\n{not json")
            // Every buffer at offset 0: a well-formed entry whose plan overlaps (dma_in is fixed at 0 anyway).
            : PlanCache.Encode(key, new PlanCacheEntry { Offsets = [0, 0, 0, 0], Height = 16000 }));
        File.Delete(request.HeaderPath!);

        var outcome = Planner.Run(request);

        AssertSucceeded(outcome);
        Assert.False(outcome.Summary!.CacheHit);
        var info = Assert.Single(outcome.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal(damage == "garbage" ? DiagnosticCodes.CacheEntryCorrupt : DiagnosticCodes.CacheEntryInvalidPlan, info.Code);
        // The re-solved plan replaced the entry.
        Assert.True(Planner.Run(request).Summary!.CacheHit);
    }

    [Fact]
    public void An_invalid_input_fails_with_a_positioned_error_and_keeps_the_previous_header()
    {
        using var temp = new TempDirectory();
        string input = CopySample(temp);
        var request = Request(temp, input);
        AssertSucceeded(Planner.Run(request));
        byte[] header = File.ReadAllBytes(request.HeaderPath!);
        File.WriteAllText(input, File.ReadAllText(input).Replace("\"end\": 4,", "\"end\": 1,"));

        var outcome = Planner.Run(request);

        var error = AssertError(outcome, DiagnosticCodes.EmptyLifespan);
        Assert.Equal((input, 8, 45, "$.buffers[1].end"), (error.File, error.Line, error.Column, error.JsonPath));
        Assert.StartsWith($"{input}(8,45): error MMB2007: $.buffers[1].end: end 1 must be greater than start 1", error.ToString());
        Assert.Equal(header, File.ReadAllBytes(request.HeaderPath!));
        Assert.Contains("planning failed with 1 error", outcome.SummaryLine);
    }

    [Fact]
    public void Values_of_the_request_win_over_the_files()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp)) with { Capacity = Capacity.Of(30000), Alignment = Alignment.Of(128), SymbolPrefix = "net", MinimizeCapacity = false };

        var outcome = Planner.Run(request);

        AssertSucceeded(outcome);
        string header = File.ReadAllText(request.HeaderPath!);
        Assert.Contains("#define NET_ARENA_CAPACITY 30000u\n", header);
        Assert.Contains("#define NET_ARENA_ALIGNMENT 128u\n", header);
        Assert.Contains("NET_INPUT_OFFSET % 128u == 0u", header);
        Assert.DoesNotContain("KWS_CNN", header);
    }

    [Fact]
    public void A_capacity_too_small_for_one_buffer_is_an_input_error_at_its_size()
    {
        using var temp = new TempDirectory();
        var outcome = Planner.Run(Request(temp, CopySample(temp)) with { Capacity = Capacity.Of(10000) });

        var error = AssertError(outcome, DiagnosticCodes.BufferExceedsCapacity);
        Assert.Equal("$.buffers[1].size", error.JsonPath);
        Assert.False(File.Exists(temp.File("plan.h")));
    }

    [Fact]
    public void An_infeasible_capacity_names_the_buffers_and_the_over_full_step()
    {
        using var temp = new TempDirectory();
        string input = CopySample(temp);
        File.WriteAllText(input, File.ReadAllText(input).Replace("262144", "20000"));

        var outcome = Planner.Run(Request(temp, input));

        var error = AssertError(outcome, DiagnosticCodes.Infeasible);
        Assert.Contains("capacity of 20000 bytes", error.Message);
        Assert.Contains("at step 1", error.Message);
        Assert.Contains("\"conv1/out\"", error.Message);
        Assert.Contains("\"input\"", error.Message);
        Assert.DoesNotContain("timed out", error.Message);
        // Reported at the file's capacity, where the user would change it.
        Assert.Equal(("$.capacity", 4), (error.JsonPath, error.Line));
        Assert.False(File.Exists(temp.File("plan.h")));
    }

    [Fact]
    public void Without_a_capacity_the_height_is_minimized()
    {
        using var temp = new TempDirectory();
        string input = temp.File("chain.json");
        File.WriteAllText(input, Chain(8));

        var outcome = Planner.Run(Request(temp, input));

        AssertSucceeded(outcome);
        var summary = outcome.Summary!;
        Assert.True(summary.Minimized);
        Assert.Null(summary.Capacity);
        Assert.Contains("no capacity", outcome.SummaryLine);
        Assert.True(summary.ProvenOptimal);
        Assert.Equal(summary.LowerBound, summary.Peak);
        Assert.DoesNotContain("ARENA_CAPACITY", File.ReadAllText(temp.File("plan.h")));
    }

    [Fact]
    public void A_warm_start_keeps_most_offsets_after_a_small_change()
    {
        using var temp = new TempDirectory();
        string input = temp.File("chain.json");
        File.WriteAllText(input, Chain(20, capacity: 20000));
        var request = Request(temp, input) with { PreviousPlanPath = temp.File("obj/chain.plan.json") };
        var first = Planner.Run(request);
        AssertSucceeded(first);
        Assert.Equal(0, first.Summary!.PreviousOffsets);
        Assert.True(File.Exists(request.PreviousPlanPath));

        File.WriteAllText(input, Chain(20, changedIndex: 10, capacity: 20000));
        var second = Planner.Run(request);

        AssertSucceeded(second);
        Assert.Equal(20, second.Summary!.PreviousOffsets);
        Assert.InRange(second.Summary.MovedOffsets, 0, 5);
        Assert.Contains($"warm start: {second.Summary.MovedOffsets} of 20 offsets moved", second.SummaryLine);
    }

    [Fact]
    public void An_unreadable_previous_plan_is_an_info()
    {
        using var temp = new TempDirectory();
        string previous = temp.File("prev.json");
        File.WriteAllText(previous, "{ broken");

        var outcome = Planner.Run(Request(temp, CopySample(temp)) with { PreviousPlanPath = previous });

        AssertSucceeded(outcome);
        var info = Assert.Single(outcome.Diagnostics);
        Assert.Equal((DiagnosticCodes.PreviousPlanUnusable, DiagnosticSeverity.Info), (info.Code, info.Severity));
        Assert.Contains("\"offsets\"", File.ReadAllText(previous));
    }

    [Fact]
    public void Question_mode_writes_nothing_and_fails_only_when_the_header_is_out_of_date()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp)) with { CacheDirectory = temp.File("cache"), PreviousPlanPath = temp.File("prev.json") };

        AssertError(Planner.Run(request with { QuestionOnly = true }), DiagnosticCodes.HeaderOutOfDate);
        Assert.Equal(["kws_cnn.lifetimes.json"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));

        AssertSucceeded(Planner.Run(request));
        var question = Planner.Run(request with { QuestionOnly = true });
        AssertSucceeded(question);
        Assert.False(question.Summary!.HeaderWritten);
    }

    [Fact]
    public void A_cancelled_plan_writes_nothing()
    {
        using var temp = new TempDirectory();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var outcome = Planner.Run(Request(temp, CopySample(temp)), cancelled.Token);

        AssertError(outcome, DiagnosticCodes.Cancelled);
        Assert.False(File.Exists(temp.File("plan.h")));
    }

    [Fact]
    public void A_header_that_cannot_be_written_is_an_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("blocker"), "x");
        var request = Request(temp, CopySample(temp)) with { HeaderPath = Path.Combine(temp.File("blocker"), "plan.h") };

        var error = AssertError(Planner.Run(request), DiagnosticCodes.HeaderWriteFailed);
        Assert.Contains("previous header is unchanged", error.Message);
    }

    [Fact]
    public void A_missing_header_folder_is_created()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp), header: Path.Combine("gen", "deep", "plan.h"));
        AssertSucceeded(Planner.Run(request));
        Assert.True(File.Exists(request.HeaderPath!));
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { "no capacity while minimizing is off", DiagnosticCodes.InvalidCapacitySetting },
        { "prefix", DiagnosticCodes.InvalidSymbolPrefix },
        { "heuristic", DiagnosticCodes.InvalidSolverOptions },
        { "header", DiagnosticCodes.MissingPath },
        { "missing input", DiagnosticCodes.InputUnreadable },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_are_configuration_errors(string setting, string code)
    {
        using var temp = new TempDirectory();
        var request = Request(temp, CopySample(temp));
        request = setting switch
        {
            "no capacity while minimizing is off" => request with { InputPath = WriteChainWithoutCapacity(temp), MinimizeCapacity = false },
            "prefix" => request with { SymbolPrefix = "--" },
            "heuristic" => request with { Solver = new SolverOptions { PreorderingHeuristics = ["WQ"] } },
            "header" => request with { HeaderPath = "" },
            "missing input" => request with { InputPath = temp.File("absent.json") },
            _ => throw new ArgumentOutOfRangeException(nameof(setting)),
        };

        var outcome = Planner.Run(request);

        AssertError(outcome, code);
        Assert.Equal(PlanStatus.InvalidInput, outcome.Status);
        Assert.Null(outcome.Search);
        Assert.False(File.Exists(temp.File("plan.h")));
    }

    private static string WriteChainWithoutCapacity(TempDirectory temp)
    {
        string path = temp.File("chain.json");
        File.WriteAllText(path, Chain(4));
        return path;
    }

    [Fact]
    public void The_time_limit_is_given_once_not_in_the_solver_options()
    {
        Assert.Throws<ArgumentException>(() => new PlanRequest { InputPath = "m.json", Solver = new SolverOptions { Timeout = TimeSpan.FromSeconds(1) } });
    }

    [Fact]
    public void A_file_of_another_extension_is_read_as_csv_as_the_reference_reads_any_file()
    {
        using var temp = new TempDirectory();
        string input = temp.File("net.txt");
        File.WriteAllText(input, "id,lower,upper,size\nx,0,3,100\ny,1,4,200\n");

        var outcome = Planner.Run(Request(temp, input) with { Capacity = Capacity.Of(1000) });

        AssertSucceeded(outcome);
        Assert.Contains("#define NET_TXT_Y_SIZE 200u\n", File.ReadAllText(temp.File("plan.h")));
    }

    [Fact]
    public void Reads_csv_inputs_too()
    {
        using var temp = new TempDirectory();
        string input = temp.File("net.csv");
        File.WriteAllText(input, "id,lower,upper,size\nx,0,3,100\ny,1,4,200\nz,3,5,50\n");

        var outcome = Planner.Run(Request(temp, input) with { Capacity = Capacity.Of(1000), MinimizeCapacity = false });

        AssertSucceeded(outcome);
        string header = File.ReadAllText(temp.File("plan.h"));
        Assert.Contains("#define NET_Y_SIZE 200u\n", header);
        Assert.Contains("#define NET_ARENA_CAPACITY 1000u\n", header);
    }

    [Fact]
    public void Csv_errors_are_coded_with_their_line()
    {
        using var temp = new TempDirectory();
        string input = temp.File("net.csv");
        File.WriteAllText(input, "id,lower,upper,size\nx,0,3,100\ny,4,1,200\n");

        var error = AssertError(Planner.Run(Request(temp, input)), DiagnosticCodes.EmptyLifespan);
        Assert.Equal((input, 3), (error.File, error.Line));
    }

    [Fact]
    public void Csv_ids_that_collide_as_c_identifiers_are_errors()
    {
        using var temp = new TempDirectory();
        string input = temp.File("net.csv");
        File.WriteAllText(input, "id,lower,upper,size\na.b,0,3,100\na-b,1,4,200\n");

        AssertError(Planner.Run(Request(temp, input)), DiagnosticCodes.IdentifierCollision);
    }

    [Fact]
    public void Writes_the_report_for_a_plan_and_for_a_failure()
    {
        using var temp = new TempDirectory();
        string input = CopySample(temp);
        var request = Request(temp, input) with { ReportPath = temp.File("plan.plan.html") };

        var outcome = Planner.Run(request);
        AssertSucceeded(outcome);
        Assert.Equal(request.ReportPath, outcome.Summary!.ReportPath);
        Assert.Contains("<svg", File.ReadAllText(request.ReportPath));
        Assert.EndsWith("report " + request.ReportPath, outcome.SummaryLine);

        File.Delete(request.ReportPath);
        File.WriteAllText(input, File.ReadAllText(input).Replace("262144", "20000"));
        AssertError(Planner.Run(request), DiagnosticCodes.Infeasible);
        Assert.True(File.Exists(request.ReportPath), "no report for the infeasible plan");
    }

    [Fact]
    public void An_empty_model_gives_an_empty_arena()
    {
        using var temp = new TempDirectory();
        string input = temp.File("empty.json");
        File.WriteAllText(input, """{ "version": 1, "buffers": [] }""");

        var outcome = Planner.Run(Request(temp, input));

        AssertSucceeded(outcome);
        Assert.Contains("#define EMPTY_ARENA_SIZE 0u\n", File.ReadAllText(temp.File("plan.h")));
    }

    [SmallDiskFact]
    public void A_full_disk_fails_with_a_coded_error_and_keeps_the_previous_header()
    {
        using var temp = new TempDirectory();
        using var disk = new SmallDisk(temp.File("disk"), "128k");
        string input = temp.File("chain.lifetimes.json");
        File.WriteAllText(input, Chain(20));
        var request = new PlanRequest { InputPath = input, HeaderPath = Path.Combine(disk.Path, "chain.h") };
        AssertSucceeded(Planner.Run(request));
        byte[] before = File.ReadAllBytes(request.HeaderPath!);

        disk.Fill();
        File.WriteAllText(input, Chain(20, changedIndex: 3));
        var error = AssertError(Planner.Run(request), DiagnosticCodes.HeaderWriteFailed);

        Assert.Contains("previous header is unchanged", error.Message);
        Assert.Equal(before, File.ReadAllBytes(request.HeaderPath!));
        Assert.Equal(["chain.h", "filler"], Directory.GetFiles(disk.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_previous_plan_is_rewritten_only_when_the_plan_differs_from_it()
    {
        using var temp = new TempDirectory();
        string input = temp.File("chain.lifetimes.json");
        File.WriteAllText(input, Chain(40));
        string previous = temp.File("chain.plan");
        var request = Request(temp, input) with { PreviousPlanPath = previous, CacheDirectory = temp.File("cache") };

        Assert.True(Planner.Run(request).Succeeded);
        var long_ago = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(previous, long_ago);

        // The same model again (a cache hit): the file already holds this plan.
        var again = Planner.Run(request);
        Assert.True(again.Summary!.CacheHit);
        Assert.Equal(long_ago, File.GetLastWriteTimeUtc(previous));

        // A file that lacks a buffer of the plan is brought up to date.
        var offsets = PreviousPlan.Read(previous, [])!;
        offsets.Remove(offsets.Keys.First());
        File.WriteAllText(previous, System.Text.Encoding.UTF8.GetString(PreviousPlan.Encode(
            new Problem([new Buffer("layer1/out", 1, 4, 1000)], 0), new Solution([0], 1000))));
        File.SetLastWriteTimeUtc(previous, long_ago);
        Assert.True(Planner.Run(request).Succeeded);
        Assert.NotEqual(long_ago, File.GetLastWriteTimeUtc(previous));
        Assert.Equal(40, PreviousPlan.Read(previous, [])!.Count);
    }
}
