namespace MiniMalloc;

/// <summary>A pool and an offset in it per buffer of a <see cref="PoolProblem"/>, in the problem's buffer order.</summary>
public sealed class PoolSolution
{
    /// <summary>Creates a solution with the given heights and cost (see <see cref="From"/> to compute them).</summary>
    public PoolSolution(IReadOnlyList<int> poolOf, IReadOnlyList<long> offsets, IReadOnlyList<long> heights, long cost)
    {
        PoolOf = poolOf;
        Offsets = offsets;
        Heights = heights;
        Cost = cost;
    }

    /// <summary>Creates a solution and computes its heights (per pool) and its cost from the problem.</summary>
    public static PoolSolution From(PoolProblem problem, IReadOnlyList<int> poolOf, IReadOnlyList<long> offsets)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(poolOf);
        ArgumentNullException.ThrowIfNull(offsets);
        var heights = new long[problem.Pools.Count];
        long cost = 0;
        int n = Math.Min(problem.Buffers.Count, Math.Min(poolOf.Count, offsets.Count));
        for (int i = 0; i < n; i++)
        {
            int p = poolOf[i];
            if (p < 0 || p >= heights.Length) continue;
            heights[p] = Math.Max(heights[p], offsets[i] + problem.Buffers[i].Size);
            cost += problem.Weights[i] * problem.Pools[p].Cost;
        }
        return new PoolSolution(poolOf, offsets, heights, cost);
    }

    /// <summary>The pool (an index into <see cref="PoolProblem.Pools"/>) of each buffer.</summary>
    public IReadOnlyList<int> PoolOf { get; }

    /// <summary>The offset of each buffer in its pool.</summary>
    public IReadOnlyList<long> Offsets { get; }

    /// <summary>Per pool, the highest offset + size of its buffers (0 for an empty pool).</summary>
    public IReadOnlyList<long> Heights { get; }

    /// <summary>The sum over buffers of weight times the cost of its pool.</summary>
    public long Cost { get; }
}
