using System.Text.RegularExpressions;
using MiniMalloc.Build.Tests.Infrastructure;

namespace MiniMalloc.Build.Tests.Targets;

/// <summary>
/// The targets in the source tree, run by `dotnet msbuild` against the freshly built task: hooks for projects
/// that do not compile C#, incrementality details, and the faults of a real build that can be staged here.
/// </summary>
public sealed partial class SourceTreeTargetsTests : IDisposable
{
    private const string Prefix = "KWS_CNN";
    private readonly TempFolder _folder = new("targets");

    public void Dispose() => _folder.Dispose();

    private static string Model(long? capacity = 262144) =>
        LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: capacity);

    private static int PlansRun(ProcessResult build) => SummaryLine().Matches(build.Output).Count;

    private static void AssertSucceeded(ProcessResult build) => Assert.True(build.Succeeded, build.ToString());

    [GccFact]
    public void A_project_without_the_common_targets_plans_before_its_own_gcc_step()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model());
        File.WriteAllText(Path.Combine(project.Folder, "check_plan.c"), PlanChecker.Source("model.h", Prefix));

        var build = project.Build("-p:CompileFirmware=true");

        AssertSucceeded(build);
        Assert.Equal(1, PlansRun(build));
        Assert.Matches(@"buffers=14 pairs_live_together=\d+ failures=0", build.Output); // printed by ./firmware
        Assert.True(File.Exists(project.DefaultHeaderPath));
    }

    [Fact]
    public void An_up_to_date_build_skips_planning_and_passes_question()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model());
        AssertSucceeded(project.Build());

        var again = project.Build();
        var question = project.Build("-question");

        AssertSucceeded(again);
        Assert.Equal(0, PlansRun(again));
        Assert.Contains("Skipping target \"_MiniMallocPlanCore\"", again.Output);
        AssertSucceeded(question);
    }

    [Fact]
    public void Only_the_changed_plan_of_several_is_replanned()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model(),
            properties: "</PropertyGroup><ItemGroup><MiniMallocPlan Include=\"second.lifetimes.json\" SymbolPrefix=\"second\" /></ItemGroup><PropertyGroup>");
        var second = Path.Combine(project.Folder, "second.lifetimes.json");
        File.WriteAllText(second, Model());
        AssertSucceeded(project.Build());
        var firstHeaderTime = File.GetLastWriteTimeUtc(project.DefaultHeaderPath);

        File.WriteAllText(second, LifetimesModels.Json(LifetimesModels.WithSize(LifetimesModels.KeywordSpotter, "skip", 3300)));
        var build = project.Build();

        AssertSucceeded(build);
        var line = Assert.Single(SummaryLine().Matches(build.Output));
        Assert.StartsWith("second.lifetimes.json", line.Value);
        Assert.Equal(firstHeaderTime, File.GetLastWriteTimeUtc(project.DefaultHeaderPath));
        Assert.Contains("#define SECOND_SKIP_SIZE 3300u", File.ReadAllText(Path.Combine(project.StateDirectory, "include", "second.h")));
    }

    [Fact]
    public void Changing_a_property_replans_and_metadata_still_wins()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model(), planMetadata: "Alignment=\"32\"");
        AssertSucceeded(project.Build());
        Assert.Contains("#define KWS_CNN_ARENA_CAPACITY 262144u", File.ReadAllText(project.DefaultHeaderPath));

        var build = project.Build("-p:MiniMallocCapacity=131072", "-p:MiniMallocAlignment=8");

        AssertSucceeded(build);
        Assert.Equal(1, PlansRun(build));
        var header = File.ReadAllText(project.DefaultHeaderPath);
        Assert.Contains("#define KWS_CNN_ARENA_CAPACITY 131072u", header);
        Assert.Contains("alignment 32", header); // the item's Alignment beats MiniMallocAlignment=8
    }

    [Fact]
    public void MiniMallocPool_items_set_the_pools_changing_one_replans_and_a_plans_Pools_metadata_wins()
    {
        const string pools = """
            <MiniMallocPool Include="sram" Capacity="$(SramSize)" Alignment="64" />
            <MiniMallocPool Include="dram" Capacity="1048576" Alignment="64" Cost="2" />
            """;
        var project = new SourceTreeProject(_folder.Combine("fw"), LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter),
            properties: "<SramSize Condition=\"'$(SramSize)' == ''\">32768</SramSize>", items: pools);
        var first = project.Build();
        AssertSucceeded(first);
        var header = File.ReadAllText(project.DefaultHeaderPath);
        Assert.Contains("#define KWS_CNN_SRAM_ARENA_CAPACITY 32768u", header);
        Assert.Contains("/* pool \"dram\", cost 2 */", header);
        Assert.Contains("lower bound", first.Output, StringComparison.Ordinal);

        var same = project.Build();
        AssertSucceeded(same);
        Assert.Equal(0, PlansRun(same));

        // Another memory map of the same firmware: the item's capacity changes, and the plan is made again.
        var smaller = project.Build("-p:SramSize=16384");
        AssertSucceeded(smaller);
        Assert.Equal(1, PlansRun(smaller));
        Assert.Contains("#define KWS_CNN_SRAM_ARENA_CAPACITY 16384u", File.ReadAllText(project.DefaultHeaderPath));

        var own = new SourceTreeProject(_folder.Combine("own"), LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter),
            planMetadata: "Pools=\"sram:20480:64;dram:1048576:64\"", properties: "<SramSize>32768</SramSize>", items: pools);
        AssertSucceeded(own.Build());
        Assert.Contains("#define KWS_CNN_SRAM_ARENA_CAPACITY 20480u", File.ReadAllText(own.DefaultHeaderPath));

        var bad = project.Build("-p:SramSize=lots");
        Assert.False(bad.Succeeded, bad.ToString());
        Assert.Contains("error MMB1010: The MiniMallocPool item 'sram' gives pool \"sram\" the capacity 'lots'", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_minimizers_node_budget_replans_and_the_same_budget_does_not()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model(), planMetadata: "MinimizeCapacity=\"true\"");
        AssertSucceeded(project.Build("-p:MiniMallocMinimizeNodes=0"));

        var same = project.Build("-p:MiniMallocMinimizeNodes=0");
        AssertSucceeded(same);
        Assert.Equal(0, PlansRun(same));

        var larger = project.Build("-p:MiniMallocMinimizeNodes=100000");
        AssertSucceeded(larger);
        Assert.Equal(1, PlansRun(larger));

        var bad = project.Build("-p:MiniMallocMinimizeNodes=many");
        Assert.False(bad.Succeeded, bad.ToString());
        Assert.Contains("error MMB1008: The MiniMallocMinimizeNodes property is 'many'", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_in_a_missing_folder_is_created()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model(), planMetadata: "HeaderFile=\"generated/deep/er/kws.h\"");

        AssertSucceeded(project.Build());

        Assert.Contains("#define KWS_CNN_ARENA_SIZE", File.ReadAllText(Path.Combine(project.Folder, "generated", "deep", "er", "kws.h")));
    }

    [Fact]
    public void An_unwritable_header_location_fails_with_a_coded_error_naming_it()
    {
        // A file where the header's folder should be: cannot be written by anyone, root included (the tests may
        // run as root, for whom a read-only folder is still writable).
        var project = new SourceTreeProject(_folder.Combine("fw"), Model(), planMetadata: "HeaderFile=\"blocked/kws.h\"");
        File.WriteAllText(Path.Combine(project.Folder, "blocked"), "not a folder\n");

        var build = project.Build();

        Assert.False(build.Succeeded, build.ToString());
        Assert.Matches(@"error MMB4002: [^\n]*blocked", build.Output);
        Assert.Empty(Directory.GetFiles(project.StateDirectory, "*.stamp")); // so the next build tries again
    }

    [Fact]
    public void A_deleted_input_fails_with_a_coded_error_and_the_build_recovers_when_it_returns()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model());
        AssertSucceeded(project.Build());
        var header = File.ReadAllBytes(project.DefaultHeaderPath);

        File.Delete(project.LifetimesPath);
        var missing = project.Build();

        Assert.False(missing.Succeeded, missing.ToString());
        Assert.Matches(@"error MMB4001: [^\n]*model\.lifetimes\.json", missing.Output);
        Assert.Equal(header, File.ReadAllBytes(project.DefaultHeaderPath)); // untouched, but the build says it failed

        project.WriteLifetimes(Model());
        AssertSucceeded(project.Build());
        AssertSucceeded(project.Build("-question"));
    }

    [Fact]
    public void A_deleted_header_is_written_again_although_the_stamp_is_newer_than_the_input()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model());
        AssertSucceeded(project.Build());
        var header = File.ReadAllBytes(project.DefaultHeaderPath);

        File.Delete(project.DefaultHeaderPath);
        var build = project.Build();

        AssertSucceeded(build);
        Assert.Contains("cache hit", build.Output);
        Assert.Equal(header, File.ReadAllBytes(project.DefaultHeaderPath));
    }

    [Fact]
    public void A_hand_edited_header_is_put_right()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model());
        AssertSucceeded(project.Build());
        var header = File.ReadAllBytes(project.DefaultHeaderPath);

        File.AppendAllText(project.DefaultHeaderPath, "#define KWS_CNN_INPUT_OFFSET_OVERRIDE 0u\n");
        var build = project.Build();

        AssertSucceeded(build);
        Assert.Equal(header, File.ReadAllBytes(project.DefaultHeaderPath));
    }

    [Fact]
    public void An_input_replaced_by_an_older_copy_is_replanned_although_the_stamp_is_newer()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model());
        AssertSucceeded(project.Build());

        // As `cp -p` or an archive would: different content, a timestamp older than the stamp.
        project.WriteLifetimes(LifetimesModels.Json(LifetimesModels.WithSize(LifetimesModels.KeywordSpotter, "logits", 512)));
        File.SetLastWriteTimeUtc(project.LifetimesPath, DateTime.UtcNow.AddDays(-30));
        var stamp = Assert.Single(Directory.GetFiles(project.StateDirectory, "*.stamp"));
        Assert.True(File.GetLastWriteTimeUtc(stamp) > File.GetLastWriteTimeUtc(project.LifetimesPath));
        Assert.False(project.Build("-question").Succeeded); // -question sees the work, and changes nothing
        var build = project.Build();

        AssertSucceeded(build);
        Assert.Contains("#define KWS_CNN_LOGITS_SIZE 512u", File.ReadAllText(project.DefaultHeaderPath));
    }

    [GccFact]
    public void Two_builds_racing_on_one_header_leave_one_complete_header()
    {
        // Two projects, different models, one header: whichever wins, the header is one plan, whole.
        const string shared = "HeaderFile=\"../shared/kws.h\"";
        var a = new SourceTreeProject(_folder.Combine("a"), Model(), planMetadata: shared);
        var b = new SourceTreeProject(_folder.Combine("b"),
            LifetimesModels.Json(LifetimesModels.WithSize(LifetimesModels.KeywordSpotter, "pool1/out", 7000)), planMetadata: shared);
        var header = _folder.Combine("shared", "kws.h");
        var expected = new List<byte[]>();
        foreach (var project in new[] { a, b })
        {
            AssertSucceeded(project.Build());
            expected.Add(File.ReadAllBytes(header));
        }
        Assert.NotEqual(expected[0], expected[1]);

        for (var round = 0; round < 2; round++)
        {
            // Touch both inputs so that both builds re-plan, and start them together.
            File.SetLastWriteTimeUtc(a.LifetimesPath, DateTime.UtcNow);
            File.SetLastWriteTimeUtc(b.LifetimesPath, DateTime.UtcNow);
            var builds = new[] { a, b }.AsParallel().Select(p => p.Build()).ToList();

            Assert.All(builds, AssertSucceeded);
            var final = File.ReadAllBytes(header);
            Assert.True(final.SequenceEqual(expected[0]) || final.SequenceEqual(expected[1]),
                $"round {round}: the header is neither plan:\n{File.ReadAllText(header)}");
        }
        Assert.Empty(Directory.GetFiles(_folder.Combine("shared"), "*.tmp")); // no temp file left behind
        Assert.True(PlanChecker.Check(header, Prefix, _folder.Combine("check")) > 10);
    }

    [Fact]
    public void Design_time_builds_and_MiniMallocEnabled_false_plan_nothing()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model());

        AssertSucceeded(project.Build("-p:DesignTimeBuild=true"));
        AssertSucceeded(project.Build("-p:MiniMallocEnabled=false"));

        Assert.False(File.Exists(project.DefaultHeaderPath));
        Assert.False(Directory.Exists(project.StateDirectory));
    }

    [Fact]
    public void Clean_removes_headers_outside_obj_and_the_state_inside_it()
    {
        var project = new SourceTreeProject(_folder.Combine("fw"), Model(),
            properties: "<MiniMallocHeaderDirectory>include</MiniMallocHeaderDirectory><MiniMallocReport>true</MiniMallocReport>");
        AssertSucceeded(project.Build());
        var header = Path.Combine(project.Folder, "include", "model.h");
        Assert.True(File.Exists(header));
        Assert.True(File.Exists(Path.ChangeExtension(header, ".plan.html")));

        AssertSucceeded(project.Build("-t:Clean"));

        Assert.False(File.Exists(header));
        Assert.False(File.Exists(Path.ChangeExtension(header, ".plan.html")));
        Assert.False(Directory.Exists(project.StateDirectory));
        Assert.True(File.Exists(project.LifetimesPath));
    }

    [GeneratedRegex(@"[\w.]+\.json: \d+ buffers, (peak|cost)")]
    private static partial Regex SummaryLine();
}
