namespace MiniMalloc.Planning.Tests;

/// <summary>The minimizer's node budget, carried by the request: it, not the time limit, bounds a minimization.</summary>
public class PlannerNodeBudgetTests
{
    private static PlanRequest Request(TempDirectory temp) => new()
    {
        InputPath = WritePuzzle(temp),
        HeaderPath = temp.File("plan.h"),
        MinimizeCapacity = true,
        // A limit far beyond anything these runs need: only the budget can stop them early.
        Timeout = TimeLimit.Of(TimeSpan.FromHours(1)),
    };

    private static string WritePuzzle(TempDirectory temp)
    {
        string path = temp.File("puzzle.csv");
        File.WriteAllText(path, PerfectPacking.Csv());
        return path;
    }

    [Fact]
    public void Without_nodes_the_minimizer_keeps_its_first_plan_and_says_how_to_search_further()
    {
        using var temp = new TempDirectory();
        var outcome = Planner.Run(Request(temp) with { MinimizeNodes = NodeBudget.Of(0) });

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var search = outcome.Search!;
        Assert.Equal(0, search.Statistics.Nodes);
        Assert.False(search.ProvenOptimal);
        Assert.True(search.Height > PerfectPacking.Height, "the quick plans alone reach the optimum: the puzzle needs another cut");
        var warning = Assert.Single(outcome.Diagnostics, d => d.Code == DiagnosticCodes.NotProvenMinimal);
        Assert.Contains("0 search nodes: a larger node budget, MinimizeNodes or --node-budget, searches further", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(100_000L)]
    public void With_nodes_it_finds_and_proves_the_optimum(long? nodes)
    {
        using var temp = new TempDirectory();
        var outcome = Planner.Run(Request(temp) with { MinimizeNodes = nodes is { } n ? NodeBudget.Of(n) : null });

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Equal(PerfectPacking.Height, outcome.Search!.Height);
        Assert.True(outcome.Search.ProvenOptimal);
        Assert.InRange(outcome.Search.Statistics.Nodes, 1, nodes ?? long.MaxValue);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Code == DiagnosticCodes.NotProvenMinimal);
    }

    [Fact]
    public void Each_budget_has_its_own_cache_entry()
    {
        using var temp = new TempDirectory();
        string cache = temp.File("cache");
        var request = Request(temp) with { CacheDirectory = cache };

        var small = Planner.Run(request with { MinimizeNodes = NodeBudget.Of(0) });
        var larger = Planner.Run(request with { MinimizeNodes = NodeBudget.Of(100_000) });
        var smallAgain = Planner.Run(request with { MinimizeNodes = NodeBudget.Of(0) });

        Assert.False(small.Summary!.CacheHit);
        Assert.False(larger.Summary!.CacheHit);
        Assert.Equal(PerfectPacking.Height, larger.Summary.Peak);
        Assert.True(smallAgain.Summary!.CacheHit);
        Assert.Equal(small.Summary.Peak, smallAgain.Summary.Peak);
        // The warning of the solve that made the entry comes back with it.
        Assert.Contains(smallAgain.Diagnostics, d => d.Code == DiagnosticCodes.NotProvenMinimal);
        Assert.Equal(2, Directory.GetFiles(cache).Length);
    }
}
