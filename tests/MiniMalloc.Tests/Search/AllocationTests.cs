using MiniMalloc.Search;

namespace MiniMalloc.Tests.Search;

/// <summary>The search allocates per sub-problem, never per node: undo trails and arenas instead of copies.</summary>
public class AllocationTests
{
    [SharedBenchmarkFact]
    public void Forty_five_thousand_more_nodes_allocate_next_to_nothing()
    {
        // Challenging D at its live-size bound stays undecided for far longer than these caps, in one sub-problem.
        var problem = SharedBenchmarks.Load("challenging/D.1048576.csv", 986112);
        var solver = new Solver(new SolverOptions { PreorderingHeuristics = ["TWA"] });
        solver.Solve(problem, new StopCondition(null, default).WithNodeLimit(5_000)); // JIT and first-use costs

        long Allocated(long nodes, out long visited)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = solver.Solve(problem, new StopCondition(null, default).WithNodeLimit(nodes));
            visited = result.Statistics.Nodes;
            Assert.Equal(SolveStatus.TimedOut, result.Status);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long few = Allocated(5_000, out long fewNodes);
        long many = Allocated(50_000, out long manyNodes);
        Assert.True(manyNodes - fewNodes >= 45_000, $"{fewNodes} and {manyNodes} nodes");
        // One object per node would be at least 24 bytes each, over a megabyte here.
        Assert.True(many - few < 100_000, $"{many - few:N0} more bytes for {manyNodes - fewNodes:N0} more nodes");
    }
}
