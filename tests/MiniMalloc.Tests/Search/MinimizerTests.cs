using MiniMalloc.Search;

namespace MiniMalloc.Tests.Search;

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
        Assert.Equal(LowerBoundProof.MaxLive, result.LowerBoundProof);
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
        Assert.Equal(LowerBoundProof.Search, result.LowerBoundProof); // the search proved 7 and 8 do not fit
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

    [Fact]
    public void A_minimization_stopped_by_its_node_budget_is_the_same_every_time()
    {
        var problem = SolverTests.RandomDense(seed: 3, count: 80);
        var settings = new MinimizeOptions { NodeBudget = 30_000 };
        var first = new CapacityMinimizer(null, settings).Minimize(problem);
        var second = new CapacityMinimizer(null, settings).Minimize(problem);
        Assert.Equal(SolveStatus.Solved, first.Status);
        Assert.Equal(first.Solution!.Offsets, second.Solution!.Offsets);
        Assert.Equal((first.LowerBound, first.LowerBoundProof, first.Statistics.Nodes), (second.LowerBound, second.LowerBoundProof, second.Statistics.Nodes));
        // The budget holds, up to the one poll interval by which the last search may overrun it.
        Assert.InRange(first.Statistics.Nodes, 1, settings.NodeBudget!.Value + StopCondition.NodesPerPoll);
        Assert.True(Validator.Validate(problem.WithCapacity(first.Solution.Height), first.Solution).IsValid);
    }

    [Fact]
    public void A_large_problem_gets_probes_that_can_place_every_buffer()
    {
        // 20,000 buffers: an 8,192-node probe could never finish one; by default the budgets grow with the problem.
        var problem = MiniMalloc.Generators.NetworkProblemGenerator.Generate(20_000, seed: 1).WithCapacity(0);
        var result = new CapacityMinimizer().Minimize(problem);
        Assert.True(result.ProvenOptimal, $"height {result.Solution?.Height}, bound {result.LowerBound}");
        Assert.Equal(LiveProfile.Of(problem).Peak, result.Solution!.Height);
        Assert.True(Validator.Validate(problem.WithCapacity(result.Solution.Height), result.Solution).IsValid);
        Assert.InRange(result.Statistics.Nodes, problem.Buffers.Count, 10L * problem.Buffers.Count);
    }

    [Fact]
    public void The_initial_plan_is_the_first_upper_bound()
    {
        var problem = Example(0);
        // Everything on top of everything else: valid, and the only plan there is without any search.
        long offset = 0;
        var stacked = new Solution(problem.Buffers.Select(b => (offset += b.Size) - b.Size).ToArray(), problem.Buffers.Sum(b => b.Size));
        var settings = new MinimizeOptions { NodeBudget = 0, InitialPlan = (p, _) => stacked };
        var result = new CapacityMinimizer(null, settings).Minimize(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.Same(stacked, result.Solution);
        Assert.False(result.ProvenOptimal);
        Assert.Equal(12, result.LowerBound);
    }

    [Fact]
    public void An_invalid_initial_plan_is_ignored()
    {
        var problem = Example(0);
        var overlapping = new Solution(new long[problem.Buffers.Count], 4);
        var settings = new MinimizeOptions { InitialPlan = (p, _) => overlapping };
        var result = new CapacityMinimizer(null, settings).Minimize(problem);
        Assert.True(result.ProvenOptimal);
        Assert.Equal(12, result.Solution!.Height);
    }

    [SharedBenchmarkTheory]
    [InlineData("D", 1_033_216)]
    [InlineData("J", 1_035_264)]
    public void Challenging_D_and_J_go_below_the_reference_s_best_by_hand(string instance, long referenceBest)
    {
        // Node budgets make this independent of the machine: within 200,000 nodes the descent reaches at least the
        // height the reference solver only finds when its capacities are probed by hand.
        var problem = SharedBenchmarks.Load($"challenging/{instance}.1048576.csv", 1048576);
        var result = new CapacityMinimizer(null, new MinimizeOptions { NodeBudget = 200_000 }).Minimize(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.InRange(result.Solution!.Height, LiveProfile.Of(problem).Peak, referenceBest);
        Assert.True(Validator.Validate(problem.WithCapacity(result.Solution.Height), result.Solution).IsValid);
        Assert.True(result.LowerBound >= LiveProfile.Of(problem).Peak);
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
