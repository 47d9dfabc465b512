namespace MiniMalloc.Search;

/// <summary>The solver's node budget: work, not time, so a budgeted solve stops at the same place on every run.</summary>
public class SolverNodeBudgetTests
{
    [Fact]
    public void A_budget_stops_the_search_at_the_same_node_count_every_time()
    {
        // Tight capacity on a random problem: far more than 2,000 nodes to decide.
        var problem = MiniMalloc.Generators.NetworkProblemGenerator.Generate(3_000, seed: 9, slack: 1.0);
        var options = new SolverOptions { NodeBudget = 2_000, LargeProblemHeuristic = false };
        var first = new Solver(options).Solve(problem);
        var second = new Solver(options).Solve(problem);
        Assert.Equal(SolveStatus.TimedOut, first.Status);
        Assert.Equal(first.Statistics.Nodes, second.Statistics.Nodes);
        Assert.InRange(first.Statistics.Nodes, 2_000, 2_000 + 2 * StopCondition.NodesPerPoll);
    }

    [Fact]
    public void A_negative_budget_is_refused() =>
        Assert.NotNull(new SolverOptions { NodeBudget = -1 }.Validate());
}
