namespace MiniMalloc.Tests.Core;

public class MinimizerTests
{
    private static Problem Example(long capacity) => Examples.ReadmeExample(capacity);

    [Fact]
    public void Example_minimizes_to_its_lower_bound_and_is_proven_optimal()
    {
        var result = new CapacityMinimizer().Minimize(Example(0));
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.Equal(12, result.Solution!.Height);
        Assert.Equal(12, result.LowerBound);
        Assert.True(result.ProvenOptimal);
        Assert.True(Validator.Validate(Example(12), result.Solution).IsValid);
    }

    [Fact]
    public void Alignment_pushes_the_optimum_above_the_live_size_bound()
    {
        // 7 bytes live, but the two 2-byte buffers aligned to 4 leave holes too small for the 3-byte one: 9.
        var problem = new Problem(
        [
            new Buffer("a", 0, 2, 3),
            new Buffer("c", 0, 2, 2) { Alignment = 4 },
            new Buffer("d", 0, 2, 2) { Alignment = 4 },
            new Buffer("later", 5, 6, 7),
        ], 0);
        var result = new CapacityMinimizer().Minimize(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.Equal(7, LiveProfile.Of(problem).Peak);
        Assert.Equal(9, result.Solution!.Height);
        Assert.True(result.ProvenOptimal);
        Assert.True(Validator.Validate(problem.WithCapacity(9), result.Solution).IsValid);
    }

    [Fact]
    public void A_capacity_below_the_bound_is_reported_infeasible()
    {
        var result = new CapacityMinimizer().Minimize(Example(11));
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Null(result.Solution);
    }

    [Fact]
    public void Best_fit_decreasing_gives_a_valid_plan()
    {
        var problem = SolverTests.RandomDense(seed: 3, count: 80);
        var plan = BestFitDecreasing.Solve(problem);
        Assert.True(Validator.Validate(problem.WithCapacity(plan.Height), plan).IsValid);
        Assert.True(plan.Height >= LiveProfile.Of(problem).Peak);
    }

    [SharedBenchmarkFact]
    public void Challenging_C_is_minimized_to_its_lower_bound()
    {
        var problem = SharedBenchmarks.Load("challenging/C.1048576.csv", 1048576);
        var result = new CapacityMinimizer(new SolverOptions { Timeout = TimeSpan.FromSeconds(60) }).Minimize(problem);
        Assert.True(result.ProvenOptimal);
        Assert.Equal(1039360, result.Solution!.Height);
    }
}
