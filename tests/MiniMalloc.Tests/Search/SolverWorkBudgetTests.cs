using MiniMalloc.Generators;

namespace MiniMalloc.Search;

/// <summary>
/// The solver's work budget: units of the work whose cost per node depends on the problem's shape (sections
/// occupied and raised, buffers raised), so that it bounds the time where a node budget does not, and as
/// deterministically.
/// </summary>
public class SolverWorkBudgetTests
{
    // A tight capacity on a network with long-lived buffers: far more work than the budgets below to decide.
    private static Problem Undecided() => NetworkProblemGenerator.Generate(3_000, seed: 9, slack: 1.0);

    [Fact]
    public void A_work_budget_stops_the_search_at_the_same_node_every_time()
    {
        var options = new SolverOptions { WorkBudget = 2_000_000, LargeProblemHeuristic = false };
        var first = new Solver(options).Solve(Undecided());
        var second = new Solver(options).Solve(Undecided());

        Assert.Equal(SolveStatus.TimedOut, first.Status);
        Assert.Equal(first.Statistics.Nodes, second.Statistics.Nodes);
        Assert.Equal(first.Statistics.Backtracks, second.Statistics.Backtracks);
        Assert.True(first.Statistics.Nodes > 0);
    }

    [Fact]
    public void More_work_searches_further()
    {
        var small = new Solver(new SolverOptions { WorkBudget = 1_000_000, LargeProblemHeuristic = false }).Solve(Undecided());
        var large = new Solver(new SolverOptions { WorkBudget = 8_000_000, LargeProblemHeuristic = false }).Solve(Undecided());

        Assert.Equal(SolveStatus.TimedOut, small.Status);
        Assert.True(large.Statistics.Nodes > small.Statistics.Nodes, $"{large.Statistics.Nodes} nodes with 8x the work, {small.Statistics.Nodes} with 1x");
    }

    [Fact]
    public void A_node_counts_more_work_where_buffers_live_longer()
    {
        // The same number of buffers and nodes: where each overlaps many others (long lifespans, many sections to
        // raise), the same node budget is far more work, so a work budget stops it after fewer nodes.
        var brief = Chain(2_000, life: 2);
        var lasting = Chain(2_000, life: 200);
        var options = new SolverOptions { WorkBudget = 1_000_000, LargeProblemHeuristic = false, PreorderingHeuristics = ["TWA"] };

        var briefResult = new Solver(options).Solve(brief);
        var lastingResult = new Solver(options).Solve(lasting);

        Assert.Equal(SolveStatus.TimedOut, lastingResult.Status);
        Assert.True(briefResult.Status == SolveStatus.Solved || briefResult.Statistics.Nodes > lastingResult.Statistics.Nodes,
            $"brief: {briefResult.Status} after {briefResult.Statistics.Nodes} nodes; lasting: {lastingResult.Statistics.Nodes} nodes");
    }

    [Fact]
    public void A_work_budget_the_search_does_not_reach_changes_nothing()
    {
        var problem = NetworkProblemGenerator.Generate(2_000, seed: 3, slack: 1.1);
        var free = new Solver(new SolverOptions { LargeProblemHeuristic = false }).Solve(problem);
        var budgeted = new Solver(new SolverOptions { LargeProblemHeuristic = false, WorkBudget = long.MaxValue / 2 }).Solve(problem);

        Assert.Equal(SolveStatus.Solved, free.Status);
        Assert.Equal(free.Statistics.Nodes, budgeted.Statistics.Nodes);
        Assert.Equal(free.Solution!.Offsets.ToArray(), budgeted.Solution!.Offsets.ToArray());
    }

    [Fact]
    public void A_negative_work_budget_is_refused() =>
        Assert.NotNull(new SolverOptions { WorkBudget = -1 }.Validate());

    // Buffers of varied sizes, one starting per step, each live for `life` steps, at a capacity just above the live
    // bytes: the search must try many placements.
    private static Problem Chain(int count, int life)
    {
        var buffers = new Buffer[count];
        for (int i = 0; i < count; i++) buffers[i] = new Buffer($"c{i}", i, i + life, 64 + (i * 7919 % 1000));
        return new Problem(buffers, LiveProfile.Of(buffers).Peak);
    }
}
