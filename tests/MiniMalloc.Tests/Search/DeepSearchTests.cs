using MiniMalloc.Generators;

namespace MiniMalloc.Tests.Search;

/// <summary>
/// The exact search on problems far deeper than a call stack allows: one search node per placement, tens of
/// thousands deep, on the test's own thread (no big stack), in linear memory.
/// </summary>
public class DeepSearchTests
{
    [Fact]
    public void Exact_search_plans_thirty_thousand_buffers_on_an_ordinary_thread()
    {
        var problem = NetworkProblemGenerator.Generate(30_000, seed: 3);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var result = new Solver(new SolverOptions { LargeProblemHeuristic = false }).Solve(problem);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.NotEqual(Solver.LargeProblemHeuristicName, result.Statistics.Heuristic);
        var verdict = Validator.Validate(problem, result.Solution!);
        Assert.True(verdict.IsValid, verdict.Message);
        // One node per placement at least: the search went (at least) 30,000 deep.
        Assert.True(result.Statistics.Nodes >= problem.Buffers.Count, $"{result.Statistics.Nodes} nodes");
        // A per-node copy of the ordering would allocate about n^2 / 2 entries (7 GB here).
        Assert.True(allocated < 1L << 30, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_chain_of_overlapping_buffers_is_searched_to_the_bottom()
    {
        // Every buffer overlaps the next; without decomposition the chain stays one sub-problem, so the search goes
        // exactly as deep as there are buffers. No slack at the peak: the inference check works throughout.
        const int count = 20_000;
        var buffers = new Buffer[count];
        for (int i = 0; i < count; i++) buffers[i] = new Buffer($"b{i}", i, i + 2, 1 + i % 3);
        var problem = new Problem(buffers, LiveProfile.Of(buffers).Peak);
        var result = new Solver(new SolverOptions { LargeProblemHeuristic = false, DynamicDecomposition = false }).Solve(problem);
        Assert.Equal(SolveStatus.Solved, result.Status);
        var verdict = Validator.Validate(problem, result.Solution!);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(problem.Capacity, result.Solution!.Height);
        Assert.True(result.Statistics.Nodes > count, $"{result.Statistics.Nodes} nodes");
    }
}
