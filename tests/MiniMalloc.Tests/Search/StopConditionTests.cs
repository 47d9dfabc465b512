using MiniMalloc.Search;

namespace MiniMalloc.Tests.Search;

public class StopConditionTests
{
    [SharedBenchmarkFact]
    public void A_node_cap_stops_a_search_at_the_same_node_every_time()
    {
        // Challenging D at its live-size bound stays undecided for far more than 5,000 nodes.
        var problem = SharedBenchmarks.Load("challenging/D.1048576.csv", 986112);
        var solver = new Solver(new SolverOptions { PreorderingHeuristics = ["TWA"] });
        var first = solver.Solve(problem, new StopCondition(null, default).WithNodeLimit(5000));
        var second = solver.Solve(problem, new StopCondition(null, default).WithNodeLimit(5000));
        Assert.Equal(SolveStatus.TimedOut, first.Status);
        Assert.InRange(first.Statistics.Nodes, 5000, 5000 + StopCondition.NodesPerPoll);
        Assert.Equal(first.Statistics.Nodes, second.Statistics.Nodes);
        Assert.Equal(first.Statistics.Backtracks, second.Statistics.Backtracks);
    }

    [Fact]
    public void Conditions_derived_from_a_capped_one_share_its_count()
    {
        var capped = new StopCondition(null, default).WithNodeLimit(2 * StopCondition.NodesPerPoll);
        var derived = capped.WithLimit(TimeSpan.FromHours(1));
        Assert.False(capped.ShouldStop());
        Assert.False(derived.ShouldStop());
        Assert.True(capped.ShouldStop());
        Assert.True(capped.NodeCapReached);
        Assert.Equal(SolveStatus.TimedOut, capped.Reason);
    }

    [Fact]
    public void A_tighter_cap_under_a_capped_condition_counts_towards_both()
    {
        var outer = new StopCondition(null, default).WithNodeLimit(3 * StopCondition.NodesPerPoll);
        var inner = outer.WithNodeLimit(100 * StopCondition.NodesPerPoll);
        // Three polls of the inner condition use up the outer cap: the fourth stops both.
        for (int i = 0; i < 3; i++) Assert.False(inner.ShouldStop());
        Assert.True(inner.ShouldStop());
        Assert.True(outer.NodeCapReached);

        var roomy = new StopCondition(null, default).WithNodeLimit(100 * StopCondition.NodesPerPoll);
        var tight = roomy.WithNodeLimit(StopCondition.NodesPerPoll);
        Assert.False(tight.ShouldStop());
        Assert.True(tight.ShouldStop());
        Assert.False(roomy.NodeCapReached);
    }

    [Fact]
    public void A_work_cap_stops_once_the_work_reported_at_polls_passes_it()
    {
        var capped = new StopCondition(null, default).WithWorkLimit(1_000);
        Assert.False(capped.ShouldStop(600));
        Assert.False(capped.NodeCapReached);
        Assert.False(capped.ShouldStop(400));
        Assert.True(capped.ShouldStop(1));
        Assert.True(capped.NodeCapReached);
        Assert.Equal(SolveStatus.TimedOut, capped.Reason);
    }

    [Fact]
    public void A_work_cap_under_a_node_cap_keeps_both_and_derived_conditions_share_it()
    {
        var nodes = new StopCondition(null, default).WithNodeLimit(100 * StopCondition.NodesPerPoll);
        var work = nodes.WithWorkLimit(10);
        var derived = work.WithLimit(TimeSpan.FromHours(1));
        Assert.False(derived.ShouldStop(6));
        Assert.True(work.ShouldStop(6));
        Assert.False(nodes.NodeCapReached);
        Assert.Throws<ArgumentOutOfRangeException>(() => nodes.WithWorkLimit(-1));
    }

    [Fact]
    public void Without_a_cap_polls_never_stop_a_search()
    {
        var free = new StopCondition(null, default);
        for (int i = 0; i < 10_000; i++) Assert.False(free.ShouldStop());
        Assert.False(free.NodeCapReached);
    }
}
