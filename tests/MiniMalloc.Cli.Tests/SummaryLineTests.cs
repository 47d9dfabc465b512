using MiniMalloc.Planning;

namespace MiniMalloc.Cli.Tests;

public class SummaryLineTests
{
    // The exact search's own time differs from the run's, so that the line is seen to print the run's.
    private static readonly SolveStatistics Statistics = new() { Nodes = 17, Backtracks = 3, Elapsed = TimeSpan.FromMilliseconds(250), Heuristic = "TAW" };

    private static SearchReport Search(int buffers, long? capacity, long lowerBound, long? height = null) => new()
    {
        BufferCount = buffers,
        Capacity = capacity is { } c ? Capacity.Of(c) : null,
        LowerBound = lowerBound,
        Height = height,
        Statistics = Statistics,
        Elapsed = TimeSpan.FromMilliseconds(1234),
        PlanValid = height is null ? null : true,
    };

    [Fact]
    public void Names_every_figure_in_one_line()
    {
        Assert.Equal("minimalloc: 2 buffers, height 8, capacity 12, lower bound 8, time 1.234 s, nodes 17, backtracks 3, heuristic TAW",
            SummaryLine.Format(Search(2, 12, 8, height: 8), PlanStatus.Solved, validate: false));
    }

    [Fact]
    public void Says_whether_a_minimized_height_is_proven_and_prints_fail_when_validation_fails()
    {
        var search = Search(1, null, 8, height: 9) with { Minimized = true, Statistics = Statistics with { Heuristic = null }, PlanValid = false };
        Assert.Equal("minimalloc: 1 buffer, height 9 (not proven optimal), capacity unlimited, lower bound 8, time 1.234 s, nodes 17, backtracks 3, FAIL",
            SummaryLine.Format(search, PlanStatus.PlanRejected, validate: true));
    }

    [Fact]
    public void Says_when_the_plan_is_the_heuristic_fallbacks()
    {
        var search = Search(3, 12, 8, height: 11) with { HeuristicFallback = true };
        Assert.StartsWith("minimalloc: 3 buffers, height 11 (heuristic plan after a timeout), capacity 12, lower bound 8,",
            SummaryLine.Format(search, PlanStatus.HeuristicFallback, validate: true));
        Assert.EndsWith(", PASS", SummaryLine.Format(search, PlanStatus.HeuristicFallback, validate: true), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(PlanStatus.Infeasible), "no solution")]
    [InlineData(nameof(PlanStatus.TimedOut), "timed out")]
    [InlineData(nameof(PlanStatus.Cancelled), "cancelled")]
    public void Without_a_plan_says_why(string statusName, string words)
    {
        var status = Enum.Parse<PlanStatus>(statusName);
        Assert.StartsWith($"minimalloc: 3 buffers, {words}, capacity 7, lower bound 8,", SummaryLine.Format(Search(3, 7, 8), status, validate: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Undecided_at_a_work_budget_says_so_with_the_best_plan_and_a_clock_stop_reads_timed_out()
    {
        var atBudget = Search(3, 7, 8) with { BestHeight = 9 };
        Assert.StartsWith("minimalloc: 3 buffers, undecided at the search's budget (best plan 9, 12.50 % above the bound), capacity 7, lower bound 8,",
            SummaryLine.Format(atBudget, PlanStatus.TimedOut, validate: false), StringComparison.Ordinal);
        var byClock = atBudget with { UndecidedByClock = true };
        Assert.StartsWith("minimalloc: 3 buffers, timed out (best plan 9, 12.50 % above the bound), capacity 7,",
            SummaryLine.Format(byClock, PlanStatus.TimedOut, validate: false), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_plan_gives_its_cost_the_bound_and_each_pools_height_of_its_capacity()
    {
        var search = Search(5, null, 0, height: 120) with
        {
            Pools = new PoolFigures
            {
                Cost = 120,
                CostLowerBound = 100,
                Method = "anytime",
                Pools = [("sram", 900L, 1024L), ("dram", 300L, 65536L)],
            },
        };
        Assert.Equal("minimalloc: 5 buffers, cost 120 (lower bound 100), pools sram 900/1024, dram 300/65536, time 1.234 s, nodes 17, anytime, PASS",
            SummaryLine.Format(search, PlanStatus.Solved, validate: true));
        var optimal = search with { Pools = search.Pools! with { Cost = 100, ProvenOptimal = true } };
        Assert.StartsWith("minimalloc: 5 buffers, cost 100 (lower bound 100, optimal), pools", SummaryLine.Format(optimal, PlanStatus.Solved, validate: false), StringComparison.Ordinal);
        var none = search with { Pools = search.Pools! with { Cost = null, Pools = [("sram", null, 1024L)] } };
        Assert.StartsWith("minimalloc: 5 buffers, no plan (lower bound 100), pools sram -/1024, no solution,", SummaryLine.Format(none, PlanStatus.Infeasible, validate: true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_plan_missing_at_the_search_budget_is_undecided_and_at_the_clock_timed_out()
    {
        // Before, both read "timed out", though a node budget stops at the same place on every machine.
        var pools = new PoolFigures { CostLowerBound = 100, Pools = [("sram", null, 1024), ("dram", null, 65536)] };
        var search = Search(3, null, 100) with { Pools = pools };
        Assert.StartsWith("minimalloc: 3 buffers, no plan (lower bound 100), pools sram -/1024, dram -/65536, undecided at the search's budget, time ",
            SummaryLine.Format(search, PlanStatus.TimedOut, validate: false), StringComparison.Ordinal);
        Assert.Contains(", timed out, time ", SummaryLine.Format(search with { UndecidedByClock = true }, PlanStatus.TimedOut, validate: false), StringComparison.Ordinal);
        Assert.Contains(", no solution, time ", SummaryLine.Format(search, PlanStatus.Infeasible, validate: false), StringComparison.Ordinal);
    }
}
