using MiniMalloc.Generators;

namespace MiniMalloc.Tests.Search;

/// <summary>
/// <see cref="SolverOptions.LargeProblemHeuristic"/>: large problems with slack are planned by the search's first
/// attempt, the sweep allocator answers when that attempt runs out of nodes, and the switch turns it off.
/// </summary>
public class LargeProblemHeuristicTests
{
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
