namespace MiniMalloc.Planning.Tests;

/// <summary>
/// Pool inputs at the edges a user or another tool can produce, through the whole pipeline: each gets a plan of the
/// problem as written or one coded error at the value to change, before any search and with nothing written.
/// </summary>
public class PoolInputEdgeTests
{
    private const string TwoPools = """
        {
          "version": 2,
          "name": "edge",
          "pools": [
            { "name": "sram", "capacity": 1024, "alignment": 16 },
            { "name": "dram", "capacity": 65536 }
          ],
          "buffers": [
            { "id": "a", "start": 0, "end": 2, "size": 400 },
            { "id": "b", "start": 1, "end": 3, "size": 800 },
            { "id": "c", "start": 2, "end": 4, "size": 300 }
          ]
        }
        """;

    private static PoolSpec Pool(string text) => PoolSpec.TryParse(text, "test", out var pool, out var error) ? pool : throw new InvalidOperationException(error.Message);

    private static string Write(TempDirectory temp, string name, string text)
    {
        File.WriteAllText(temp.File(name), text);
        return temp.File(name);
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("2.0")]
    public void A_version_that_is_not_an_integer_is_its_only_error(string version)
    {
        // Before: a second, false error said "pools" needs version 2 because "this file says version 1".
        var (json, line, column) = TestSupport.Mark(TwoPools.Replace("\"version\": 2", "\"version\": §" + version, StringComparison.Ordinal));
        var result = TestSupport.Read(json);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.WrongType, error.Code);
        Assert.Equal(("$.version", line, column), (error.JsonPath, error.Line, error.Column));
    }

    [Fact]
    public void A_capacity_of_0_set_for_a_pool_file_is_refused_as_the_first_pools()
    {
        using var temp = new TempDirectory();
        string input = Write(temp, "edge.json", TwoPools);
        var outcome = Planner.Run(new PlanRequest { InputPath = input, CsvPath = temp.File("edge.csv"), Capacity = Capacity.Of(0) });
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.InvalidCapacitySetting, error.Code);
        Assert.Contains("\"sram\"", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("edge.csv")));
        // One byte is a capacity: the buffers then go to dram.
        var oneByte = Planner.Run(new PlanRequest { InputPath = input, ReturnCsv = true, Capacity = Capacity.Of(1) });
        Assert.True(oneByte.Succeeded, string.Join("\n", oneByte.Diagnostics));
        Assert.All(oneByte.Csv!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), row => Assert.EndsWith(",dram", row, StringComparison.Ordinal));
    }

    [Fact]
    public void A_plans_csv_without_a_pools_column_reads_back_as_the_same_plan()
    {
        // Every buffer may go everywhere, so the plan's CSV has a pool column and no pools column. Before, the pool
        // column was read only beside a pools column: each fixed offset then had two pools (MMB2044).
        using var temp = new TempDirectory();
        string input = Write(temp, "p.csv", "id,lower,upper,size\na,0,2,400\nb,1,3,800\nc,2,4,300\n");
        var pools = new[] { Pool("sram:1024:16"), Pool("dram:65536") };
        var first = Planner.Run(new PlanRequest { InputPath = input, Pools = pools, CsvPath = temp.File("plan.csv") });
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        string plan = File.ReadAllText(temp.File("plan.csv"));
        Assert.StartsWith("id,lower,upper,size,offset,pool\n", plan, StringComparison.Ordinal);

        var again = Planner.Run(new PlanRequest { InputPath = temp.File("plan.csv"), Pools = pools, ReturnCsv = true });
        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics));
        static List<string> Placement(string csv) => [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row => string.Join(',', row.Split(',')[..6]))];
        Assert.Equal(Placement(plan), Placement(again.Csv!));
        Assert.Equal(first.Summary!.Pools!.Cost, again.Summary!.Pools!.Cost);
    }

    [Fact]
    public void A_fixed_offset_with_several_pools_in_a_csv_is_reported_at_its_field()
    {
        using var temp = new TempDirectory();
        string input = Write(temp, "o.csv", "id,lower,upper,size,offset\na,0,2,400,0\n");
        var outcome = Planner.Run(new PlanRequest { InputPath = input, Pools = [Pool("sram:1024"), Pool("dram:4096")], ReturnCsv = true });
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.FixedOffsetPools, error.Code);
        Assert.Equal((2, 11), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("{ \"name\": \"sram\", \"capacity\": 1024 }, { \"name\": §\"SRAM\", \"capacity\": 4096 }", "\"id\": \"a\"", "$.pools[1].name")]
    [InlineData("{ \"name\": \"sram\", \"capacity\": 1024 }, { \"name\": \"dram\", \"capacity\": 4096 }", "\"id\": §\"sram_arena\"", "$.buffers[0].id")]
    public void Colliding_header_names_are_an_error_at_the_name_before_any_search(string pools, string id, string path)
    {
        string marked = TwoPools.Replace("{ \"name\": \"sram\", \"capacity\": 1024, \"alignment\": 16 },\n    { \"name\": \"dram\", \"capacity\": 65536 }", pools, StringComparison.Ordinal)
            .Replace("\"id\": \"a\"", id, StringComparison.Ordinal);
        var (json, line, column) = TestSupport.Mark(marked);
        using var temp = new TempDirectory();
        string input = Write(temp, "edge.json", json);
        var outcome = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = temp.File("edge.h") });
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.PoolIdentifierCollision, error.Code);
        Assert.Equal((path, line, column), (error.JsonPath, error.Line, error.Column));
        // Refused with the input: no search ran (before, the plan was searched for first, and then refused).
        Assert.Null(outcome.Search);
        Assert.False(File.Exists(temp.File("edge.h")));
    }

    [Fact]
    public void A_hint_that_fits_no_pool_the_buffer_may_go_to_is_ignored_with_a_warning()
    {
        var (json, line, column) = TestSupport.Mark(TwoPools.Replace("\"size\": 800 }", "\"size\": 800, \"pools\": [\"sram\"], \"hint\": §512 }", StringComparison.Ordinal));
        var result = TestSupport.Read(json);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnusableHint, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(("$.buffers[1].hint", line, column), (warning.JsonPath, warning.Line, warning.Column));
        Assert.Null(result.Problem!.Buffers[1].Hint);
        // A hint that fits the pool stays.
        var fits = TestSupport.Read(json.Replace("\"hint\": 512", "\"hint\": 224", StringComparison.Ordinal));
        Assert.Empty(fits.Diagnostics);
        Assert.Equal(224, fits.Problem!.Buffers[1].Hint);
    }

    [Fact]
    public void A_csv_pools_column_separates_names_by_any_white_space()
    {
        // Pool names hold no white space, so a tab between two names is a separator, not part of a name.
        using var temp = new TempDirectory();
        string input = Write(temp, "t.csv", "id,lower,upper,size,pools\na,0,2,400,\"dram\tsram\"\nb,1,3,800,dram\n");
        var outcome = Planner.Run(new PlanRequest { InputPath = input, Pools = [Pool("sram:1024"), Pool("dram:4096")], ReturnCsv = true });
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Contains("\na,0,2,400,0,sram,sram dram\n", outcome.Csv, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_that_decided_everything_for_aliases_with_holes_does_not_ask_for_a_larger_budget()
    {
        // "a" lives at bytes 16-48 of "cat" before "cat" is written: the folded group reserves bytes 0-48 at steps 2-6,
        // so "x" and "y" (16 bytes each, live then) cannot both join it in 64 bytes, though bytes 0-16 and 48-64 are
        // free as written. The search decides that quickly; more budget would not change it.
        using var temp = new TempDirectory();
        string input = Write(temp, "holes.json", """
            {
              "version": 2,
              "name": "holes",
              "pools": [{ "name": "sram", "capacity": 64 }],
              "buffers": [
                { "id": "cat", "start": 7, "end": 9, "size": 64 },
                { "id": "a", "start": 2, "end": 8, "size": 32, "alias": { "of": "cat", "offset": 16 } },
                { "id": "x", "start": 2, "end": 6, "size": 16 },
                { "id": "y", "start": 2, "end": 6, "size": 16 }
              ]
            }
            """);
        var outcome = Planner.Run(new PlanRequest { InputPath = input, CsvPath = temp.File("holes.csv") });
        Assert.Equal(PlanStatus.Infeasible, outcome.Status);
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.PoolsTimedOut, error.Code);
        Assert.Contains("searched every assignment", error.Message, StringComparison.Ordinal);
        Assert.Contains("a larger budget does not help", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("raise the timeout", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("holes.csv")));
    }

    [Fact]
    public void A_version_1_capacity_under_pools_set_for_the_plan_is_reported_as_unused()
    {
        using var temp = new TempDirectory();
        var (json, line, column) = TestSupport.Mark("""
            { "version": 1, "capacity": §500, "buffers": [
              { "id": "a", "start": 0, "end": 2, "size": 400 },
              { "id": "b", "start": 1, "end": 3, "size": 300 } ] }
            """);
        string input = Write(temp, "v1.json", json);
        var outcome = Planner.Run(new PlanRequest { InputPath = input, Pools = [Pool("sram:1024"), Pool("dram:4096")], ReturnCsv = true });
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var warning = Assert.Single(outcome.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal(DiagnosticCodes.CapacityReplacedByPools, warning.Code);
        Assert.Equal(("$.capacity", line, column), (warning.JsonPath, warning.Line, warning.Column));
        Assert.Contains("500 bytes", warning.Message, StringComparison.Ordinal);
        // Both buffers fit the 1024-byte sram together: the pools' capacity is the one used.
        Assert.All(outcome.Csv!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), row => Assert.EndsWith(",sram", row, StringComparison.Ordinal));

        // Without a capacity in the file, nothing to say.
        var plain = Planner.Run(new PlanRequest { InputPath = Write(temp, "v1b.json", json.Replace("\"capacity\": 500, ", "", StringComparison.Ordinal)), Pools = [Pool("sram:1024"), Pool("dram:4096")] });
        Assert.DoesNotContain(plain.Diagnostics, d => d.Code == DiagnosticCodes.CapacityReplacedByPools);
    }
}
