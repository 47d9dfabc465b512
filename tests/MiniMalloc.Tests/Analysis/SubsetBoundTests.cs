using MiniMalloc.Search;

namespace MiniMalloc.Tests.Analysis;

public class SubsetBoundTests
{
    private static ProbeRunner Probes(long budget = 100_000) => new(new SolverOptions(), new StopCondition(null, default), budget);

    [Fact]
    public void A_crowded_fragment_raises_the_bound_above_the_live_bytes()
    {
        // Live bytes peak at 10 (the later buffer), but the aligned fragment at steps 0-2 needs 13.
        var problem = TimeSliceTests.AlignedFragment(later: 10);
        Assert.Equal(10, CapacityMinimizer.LowerBound(problem));
        long bound = SubsetBound.Raise(problem, 10, 1, 64, Probes(), MinimizeOptions.DefaultHeuristics, 1000, 100_000);
        Assert.Equal(13, bound);
    }

    [Fact]
    public void The_bound_stops_at_the_ceiling_plus_one_step()
    {
        var problem = TimeSliceTests.AlignedFragment(later: 10);
        Assert.Equal(12, SubsetBound.Raise(problem, 10, 1, 11, Probes(), MinimizeOptions.DefaultHeuristics, 1000, 100_000));
    }

    [Fact]
    public void Without_nodes_nothing_is_proven()
    {
        var problem = TimeSliceTests.AlignedFragment(later: 10);
        Assert.Equal(10, SubsetBound.Raise(problem, 10, 1, 64, Probes(budget: 0), MinimizeOptions.DefaultHeuristics, 1000, 100_000));
    }
}
