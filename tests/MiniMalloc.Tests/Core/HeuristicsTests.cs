using MiniMalloc.Generators;

namespace MiniMalloc.Tests.Core;

public class HeuristicsTests
{
    [Fact]
    public void Sweep_allocator_plans_are_valid_with_alignment_gaps_and_fixed_offsets()
    {
        var random = new Random(11);
        for (int round = 0; round < 50; round++)
        {
            var buffers = new List<Buffer>();
            for (int i = 0; i < 40; i++)
            {
                long lower = random.Next(0, 30);
                long upper = lower + random.Next(2, 10);
                var buffer = new Buffer($"b{i}", lower, upper, random.Next(1, 100)) { Alignment = 1L << random.Next(0, 4) };
                if (random.Next(5) == 0) buffer = buffer with { Gaps = [new Gap(new Lifespan(lower + 1, upper - 1), random.Next(2) == 0 ? null : new Window(0, 1))] };
                buffers.Add(buffer);
            }
            buffers.Add(new Buffer("fixed", 5, 20, 64) { Offset = 128, Alignment = 64 });
            var problem = new Problem(buffers, 0);
            foreach (var plan in new[] { SweepAllocator.Solve(problem), BestFitDecreasing.Solve(problem) })
            {
                var verdict = Validator.Validate(problem.WithCapacity(plan.Height), plan);
                Assert.True(verdict.IsValid, verdict.Message);
                Assert.Equal(128, plan.Offsets[^1]);
            }
        }
    }

    [Fact]
    public void Large_problems_with_slack_are_planned_by_the_first_search_attempt()
    {
        var problem = NetworkProblemGenerator.Generate(20_000, seed: 42);
        var result = new Solver().Solve(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.Equal(SolverOptions.DefaultPreorderingHeuristics[0], result.Statistics.Heuristic);
        Assert.InRange(result.Statistics.Nodes, problem.Buffers.Count, 2L * problem.Buffers.Count);
        Assert.True(Validator.Validate(problem, result.Solution!).IsValid);
        // The search's canonical plan is lower than the sweep allocator's.
        Assert.True(result.Solution!.Height < SweepAllocator.Solve(problem).Height);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(13)]
    public void When_the_first_attempt_runs_out_of_nodes_a_sweep_plan_that_fits_is_used(int seed)
    {
        // A search weakened on purpose, so that its first attempt (120 nodes) cannot plan these 60 buffers.
        var weak = new SolverOptions
        {
            LargeProblemThreshold = 0, SectionInference = false, CheckDominance = false, CanonicalOnly = false,
            UnallocatedFloor = false, HatlessPruning = false,
        };
        var dense = SolverTests.RandomDense(seed, count: 60);
        var problem = dense.WithCapacity(SweepAllocator.Solve(dense).Height);
        var result = new Solver(weak).Solve(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.Equal(Solver.LargeProblemHeuristicName, result.Statistics.Heuristic);
        Assert.Equal(2L * problem.Buffers.Count, result.Statistics.Nodes);
        Assert.True(Validator.Validate(problem, result.Solution!).IsValid);

        var searched = new Solver(weak with { LargeProblemHeuristic = false }).Solve(problem);
        Assert.Equal(SolveStatus.Solved, searched.Status);
        Assert.NotEqual(Solver.LargeProblemHeuristicName, searched.Statistics.Heuristic);
        Assert.True(Validator.Validate(problem, searched.Solution!).IsValid);
    }

    [Fact]
    public void Large_problem_heuristic_can_be_switched_off()
    {
        var problem = NetworkProblemGenerator.Generate(2_000, seed: 5);
        var result = new Solver(new SolverOptions { LargeProblemHeuristic = false }).Solve(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.NotEqual(Solver.LargeProblemHeuristicName, result.Statistics.Heuristic);
        Assert.True(result.Statistics.Nodes >= 2_000);
        Assert.True(Validator.Validate(problem, result.Solution!).IsValid);
    }
}
