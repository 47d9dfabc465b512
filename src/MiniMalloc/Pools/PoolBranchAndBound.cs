using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The exact planner: a depth-first branch and bound over the pool of each buffer. Buffers are decided in a fixed
/// order (those that live where some pool group overflows first, larger first); each branches over the pools it fits
/// in, cheapest first (a hinted pool before the others). A node is pruned when the cost lower bound of every
/// completion (<see cref="PoolCostBound"/>, disjoint steps, each relaxed: cheap enough for every node) reaches the best cost known, and a branch when the exact
/// single-pool search proves that the pool's buffers and the new one do not fit together (then no superset does).
/// A leaf is a plan: every pool's buffers are placed. A branch whose search runs out of nodes is left unexplored,
/// and its bound is kept: the search is then not exhaustive, and the proven bound is the least such bound.
/// </summary>
internal sealed class PoolBranchAndBound
{
    private readonly FoldedPoolProblem _problem;
    private readonly PoolCostBound _bound;
    private readonly PoolPacking _packing;
    private readonly PoolWork _work;
    private readonly int[] _order;
    private readonly int[][] _branches;
    private readonly int[] _poolOf;
    private readonly long _searchNodes;
    private readonly long _nodeWork;
    private readonly long _nodeUnits;

    public PoolBranchAndBound(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing, PoolWork work, long searchNodes)
    {
        _problem = problem;
        _bound = bound;
        _packing = packing;
        _work = work;
        _searchNodes = searchNodes;
        _nodeWork = 1 + bound.ItemCount / 8;
        // The bound walks every item and step once per pass of the strong bound, in every cost layer.
        _nodeUnits = (bound.ItemCount + bound.Segments) * bound.StrongPasses * Math.Max(1, bound.Layers) + problem.Buffers.Count;
        int n = problem.Buffers.Count;
        _poolOf = new int[n];
        _order = Order(problem);
        _branches = new int[n][];
        for (int k = 0; k < n; k++)
        {
            ulong fits = bound.FitMask(k);
            int hint = problem.PoolHints[k];
            _branches[k] = Enumerable.Range(0, problem.Pools.Count)
                .Where(p => (fits & (1UL << p)) != 0)
                .OrderBy(p => p == hint ? 0 : 1)
                .ThenBy(p => problem.Pools[p].Cost)
                .ThenBy(p => p)
                .ToArray();
        }
    }

    /// <summary>The best plan's pools and offsets, when one better than the starting cost was found.</summary>
    public int[]? BestPoolOf { get; private set; }

    public long[]? BestOffsets { get; private set; }

    public long BestCost { get; private set; }

    /// <summary>True when the search ran to the end (every branch decided or bounded), not stopped by the work.</summary>
    public bool Completed { get; private set; }

    /// <summary>True when the search ran to the end with every branch decided: the best cost is optimal.</summary>
    public bool Exhaustive { get; private set; }

    /// <summary>The least bound of the branches left undecided (long.MaxValue when none was).</summary>
    public long UndecidedBound { get; private set; } = long.MaxValue;

    /// <summary>Branch-and-bound nodes visited.</summary>
    public long Nodes { get; private set; }

    /// <summary>Searches for a plan cheaper than <paramref name="incumbent"/>.</summary>
    public void Run(long incumbent)
    {
        BestCost = incumbent;
        Array.Fill(_poolOf, -1);
        _packing.Clear();
        Completed = Search(0);
        Exhaustive = Completed && UndecidedBound == long.MaxValue;
    }

    // False when the work stopped before the subtree was decided.
    private bool Search(int depth)
    {
        if (_work.Stopped()) return false;
        Nodes++;
        // A node's bound walks every live item of every step: counted as that many search nodes' worth of work, so
        // that the budget bounds the time as it does for the single-pool searches.
        _work.Spend(_nodeWork);
        _work.Charge(_nodeUnits);
        // The strong bound, its knapsacks exact: where weights are not sizes (or a layer has several pools, whose
        // count limits the relaxation does not see) it prunes far more and leads the dive to cheaper plans; where they
        // are, it costs no more time for the same plans (measured). Each of its passes is charged (_nodeUnits).
        long bound = _bound.Compute(_poolOf, PoolBoundStrength.Strong);
        if (bound >= BestCost) return true;
        if (depth == _order.Length)
        {
            Debug.Assert(bound == Cost(), "with every buffer assigned the bound is the cost");
            BestCost = bound;
            BestPoolOf = (int[])_packing.PoolOf.Clone();
            BestOffsets = (long[])_packing.Offsets.Clone();
            return true;
        }
        int k = _order[depth];
        foreach (int pool in _branches[k])
        {
            var verdict = _packing.Add(k, pool, _searchNodes);
            if (verdict == PackVerdict.Infeasible) continue;
            if (verdict == PackVerdict.Unknown)
            {
                if (_work.Stopped()) return false;
                UndecidedBound = Math.Min(UndecidedBound, bound);
                continue;
            }
            _poolOf[k] = pool;
            bool done = Search(depth + 1);
            _poolOf[k] = -1;
            _packing.Remove(k);
            if (!done) return false;
            if (bound >= BestCost) return true;
        }
        return true;
    }

    private long Cost()
    {
        long cost = 0;
        for (int k = 0; k < _poolOf.Length; k++) cost += _problem.Weights[k] * _problem.Pools[_poolOf[k]].Cost;
        return cost;
    }

    // Fixed buffers first (they have one pool), then by decreasing size, then decreasing lifespan, then index: the
    // big decisions near the root, where the bound prunes most.
    private static int[] Order(FoldedPoolProblem problem) => PoolGreedy.BySize(problem.Buffers);
}
