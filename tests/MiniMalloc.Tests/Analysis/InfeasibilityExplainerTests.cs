namespace MiniMalloc.Tests.Analysis;

public class InfeasibilityExplainerTests
{
    [Fact]
    public void Over_full_step_is_found_and_the_subset_is_irreducible()
    {
        var problem = new Problem(
        [
            new Buffer("early", 0, 2, 4),
            new Buffer("x", 2, 6, 5),
            new Buffer("y", 3, 7, 5),
            new Buffer("late", 8, 9, 9),
        ], 9);
        var explanation = InfeasibilityExplainer.Explain(problem);
        Assert.Equal(3, explanation.OverfullStep);
        Assert.Equal(10, explanation.OverfullLiveBytes);
        Assert.Equal([1, 2], explanation.Subset);
        Assert.True(explanation.IsIrreducible);
    }

    [Fact]
    public void Infeasibility_without_an_over_full_step_gets_an_irreducible_subset()
    {
        var problem = new Problem(
        [
            new Buffer("unrelated", 10, 12, 1),
            new Buffer("a", 0, 2, 3),
            new Buffer("c", 0, 2, 2) { Alignment = 4 },
            new Buffer("small", 1, 2, 1),
            new Buffer("d", 0, 2, 2) { Alignment = 4 },
        ], 8);
        Assert.Equal(SolveStatus.Infeasible, new Solver().Solve(problem).Status);
        var explanation = InfeasibilityExplainer.Explain(problem);
        Assert.Null(explanation.OverfullStep);
        Assert.True(explanation.IsIrreducible);
        Assert.Equal([1, 2, 4], explanation.Subset);
        foreach (int removed in explanation.Subset)
        {
            var smaller = new Problem(explanation.Subset.Where(i => i != removed).Select(i => problem.Buffers[i]).ToArray(), 8);
            Assert.Equal(SolveStatus.Solved, new Solver().Solve(smaller).Status);
        }
    }
}
