namespace MiniMalloc;

/// <summary>
/// The planner's large-neighbourhood search: regions of a cheaper pool, one after another, each re-optimized exactly
/// with addresses and spill choices together (<see cref="PoolRegionRepack"/>). A region is a time window of segments
/// grown around a centre until it holds a target number of items; the pool's buffers that live inside it are set
/// free, the spilled buffers that live inside it (and fit the pool) are offered, and the pool's buffers that cross
/// its edges stay where they are — in the relaxed shapes, but for the few of them that live the fewest segments
/// outside it, which are set free as well (anchoring the buffers they meet in turn). The centres are the segments at
/// which the most spilled value is live, in that order, or the lifespans of the spilled buffers, the most valuable
/// first; the shapes (targets of items, relaxed or not) come in a fixed order, and a pass over them skips a window it
/// has already searched. A pass stops at its first improvement, and the next starts again from the smallest regions;
/// a pass that improves nothing ends the search. Everything is deterministic, and the work counts against the
/// planner's budget (one unit per eight buffers for each scan of the plan, plus the regions' work).
/// </summary>
internal sealed class PoolNeighbourhoodSearch
{
    /// <summary>
    /// The shapes of the regions, in the order tried: grown from the segments of most spilled value (false) or from a
    /// spilled buffer's lifespan (true), to at least so many items, with so many crossing buffers set free. Small
    /// regions first: they are decided in a few nodes.
    /// </summary>
    private static readonly (bool AroundSpilled, int Items, int Relaxed)[] Shapes =
        [(false, 12, 0), (false, 20, 0), (true, 16, 0), (false, 16, 2), (true, 24, 4), (false, 28, 0), (false, 24, 4)];

    private readonly FoldedPoolProblem _problem;
    private readonly PoolPacking _packing;
    private readonly PoolWork _work;
    private readonly PoolRegionRepack _region;
    private readonly long _regionNodes;
    private readonly long _solverNodes;
    private readonly ulong[] _fits;
    private readonly int[] _first;
    private readonly int[] _end;
    private readonly List<int> _free = [];
    private readonly List<int> _offered = [];
    private readonly List<int> _anchored = [];
    private readonly List<int> _crossing = [];
    private readonly HashSet<(int Pool, int First, int End, int Relaxed)> _searched = [];
    private readonly double[] _pressure;
    // Buffers by first and by end segment (linked through _nextBy*), for growing a window.
    private readonly int[] _byFirst;
    private readonly int[] _byEnd;
    private readonly int[] _nextByFirst;
    private readonly int[] _nextByEnd;
    private PoolBudget _stopAt;

    public PoolNeighbourhoodSearch(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing, PoolWork work, long regionNodes, long solverNodes)
    {
        _problem = problem;
        _packing = packing;
        _work = work;
        _regionNodes = regionNodes;
        _solverNodes = solverNodes;
        _region = new PoolRegionRepack(problem, bound, packing, work);
        int n = problem.Buffers.Count;
        _fits = bound.FitMasks;
        _first = new int[n];
        _end = new int[n];
        for (int k = 0; k < n; k++) (_first[k], _end[k]) = bound.Hull(k);
        _pressure = new double[bound.Segments];
        _byFirst = new int[bound.Segments + 1];
        _byEnd = new int[bound.Segments + 1];
        _nextByFirst = new int[n];
        _nextByEnd = new int[n];
    }

    /// <summary>Regions whose repack lowered the cost (for statistics and tests).</summary>
    public int Improvements { get; private set; }

    /// <summary>Regions searched (for statistics).</summary>
    public int Regions { get; private set; }

    /// <summary>Regions whose search decided every branch (for statistics).</summary>
    public int Exhaustive { get; private set; }

    /// <summary>
    /// The plan improved from <paramref name="poolOf"/> and <paramref name="offsets"/> (a valid plan), within
    /// <paramref name="work"/> units of the budget; never costlier than the plan given.
    /// </summary>
    public (int[] PoolOf, long[] Offsets) Improve(int[] poolOf, long[] offsets, PoolBudget work)
    {
        _stopAt = _work.Mark(work);
        _work.Charge(poolOf.Length);
        _packing.Clear();
        for (int k = 0; k < poolOf.Length; k++) _packing.Place(k, poolOf[k], offsets[k]);
        while (!Out() && Pass())
        {
            // Each pass stops at its first improvement, and the next starts again from the smallest regions.
        }
        return ((int[])_packing.PoolOf.Clone(), (long[])_packing.Offsets.Clone());
    }

    // One sweep over the regions of the plan held in the packing, within the work left; true at the first region whose
    // repack lowered the cost (the plan is then changed), false when none did.
    private bool Pass()
    {
        _searched.Clear();
        foreach (int pool in _packing.PoolsByCost)
        {
            foreach (var shape in Shapes)
            {
                foreach (var (lo, hi) in shape.AroundSpilled ? SpilledHulls(pool) : Centres(pool))
                {
                    if (Out()) return false;
                    if (!Region(pool, lo, hi, shape.Items, shape.Relaxed)) continue;
                    Improvements++;
                    return true;
                }
            }
        }
        return false;
    }

    private bool Out() => _work.Stopped() || _work.Reached(_stopAt);

    private long CostOf(int pool) => _problem.Pools[pool].Cost;

    // Spilled from `pool`: held in a costlier pool, fitting this one, of some weight, movable.
    private bool SpilledFrom(int k, int pool)
    {
        int at = _packing.PoolOf[k];
        return at >= 0 && CostOf(at) > CostOf(pool) && (_fits[k] & (1UL << pool)) != 0 && _problem.Weights[k] > 0
            && _problem.Buffers[k].Offset is null && (_problem.Masks[k] & (1UL << pool)) != 0;
    }

    // The segments at which spilled value is live (what holding it in `pool` would save per segment of its life), most first.
    private (int Lo, int Hi)[] Centres(int pool)
    {
        _work.SpendPass(_first.Length);
        Array.Clear(_pressure);
        int n = _problem.Buffers.Count;
        for (int k = 0; k < n; k++)
        {
            if (!SpilledFrom(k, pool)) continue;
            double value = (double)_problem.Weights[k] * (CostOf(_packing.PoolOf[k]) - CostOf(pool)) / Math.Max(1, _end[k] - _first[k]);
            for (int s = _first[k]; s < _end[k]; s++) _pressure[s] += value;
        }
        return Enumerable.Range(0, _pressure.Length).Where(s => _pressure[s] > 0)
            .OrderByDescending(s => _pressure[s]).ThenBy(s => s).Select(s => (s, s + 1)).ToArray();
    }

    // The lifespans (in segments) of the buffers spilled from `pool`, the most valuable first.
    private (int Lo, int Hi)[] SpilledHulls(int pool)
    {
        _work.SpendPass(_first.Length);
        return Enumerable.Range(0, _first.Length).Where(k => SpilledFrom(k, pool))
            .OrderByDescending(k => _problem.Weights[k] * (CostOf(_packing.PoolOf[k]) - CostOf(pool))).ThenBy(k => k)
            .Select(k => (_first[k], _end[k])).ToArray();
    }

    // The region of `pool` grown from the segments [seedLo, seedHi) to about `target` items, `relaxed` crossing
    // buffers set free; true when its repack lowered the cost.
    private bool Region(int pool, int seedLo, int seedHi, int target, int relaxed)
    {
        var (lo, hi) = Window(pool, seedLo, seedHi, target);
        if (!_searched.Add((pool, lo, hi, relaxed))) return false;
        _work.SpendPass(_first.Length);
        var buffers = _problem.Buffers;
        int n = buffers.Count;
        _free.Clear();
        _offered.Clear();
        _crossing.Clear();
        for (int k = 0; k < n; k++)
        {
            bool inside = _first[k] >= lo && _end[k] <= hi;
            if (_packing.PoolOf[k] == pool)
            {
                if (buffers[k].Offset is not null) continue;
                if (inside) _free.Add(k);
                else if (_first[k] < hi && lo < _end[k]) _crossing.Add(k);
            }
            else if (inside && SpilledFrom(k, pool))
            {
                _offered.Add(k);
            }
        }
        if (_offered.Count == 0) return false;
        // The relaxed shapes free the crossing buffers that live the fewest segments outside the window.
        int first = lo, end = hi;
        if (relaxed > 0 && _crossing.Count > 0)
        {
            foreach (int k in _crossing.OrderBy(k => Math.Max(0, lo - _first[k]) + Math.Max(0, _end[k] - hi)).ThenBy(k => k).Take(relaxed))
            {
                _free.Add(k);
                first = Math.Min(first, _first[k]);
                end = Math.Max(end, _end[k]);
            }
        }
        // Every buffer of the pool that meets the region's span and is not free stays where it is.
        _anchored.Clear();
        for (int k = 0; k < n; k++)
        {
            if (_packing.PoolOf[k] != pool || _first[k] >= end || _end[k] <= first) continue;
            if (buffers[k].Offset is null && _free.Contains(k)) continue;
            _anchored.Add(k);
        }
        Regions++;
        long nodes = Math.Min(_regionNodes, _work.NodesBefore(_stopAt));
        bool improved = _region.Improve(pool, first, end, _free, _offered, _anchored, nodes, _solverNodes);
        if (_region.Exhaustive) Exhaustive++;
        return improved;
    }

    // The window of segments [lo, hi) grown from `centre`, one segment at a time on alternate sides, until the pool's
    // movable buffers and the spilled ones inside it are at least `target`, or it spans every segment. The buffers
    // that count are bucketed by their first and end segments once, so that each step adds only those it takes in.
    private (int Lo, int Hi) Window(int pool, int seedLo, int seedHi, int target)
    {
        _work.SpendPass(_first.Length);
        int segments = _pressure.Length;
        Array.Fill(_byFirst, -1);
        Array.Fill(_byEnd, -1);
        for (int k = 0; k < _first.Length; k++)
        {
            if (!((_packing.PoolOf[k] == pool && _problem.Buffers[k].Offset is null) || SpilledFrom(k, pool))) continue;
            _nextByFirst[k] = _byFirst[_first[k]];
            _byFirst[_first[k]] = k;
            _nextByEnd[k] = _byEnd[_end[k]];
            _byEnd[_end[k]] = k;
        }
        int lo = seedLo, hi = seedHi;
        int count = 0;
        for (int e = lo + 1; e <= hi; e++)
        {
            for (int k = _byEnd[e]; k >= 0; k = _nextByEnd[k]) count += _first[k] >= lo ? 1 : 0;
        }
        bool right = true;
        while (count < target && !(lo == 0 && hi == segments))
        {
            if ((right && hi < segments) || lo == 0)
            {
                hi++;
                for (int k = _byEnd[hi]; k >= 0; k = _nextByEnd[k]) count += _first[k] >= lo ? 1 : 0;
            }
            else
            {
                lo--;
                for (int k = _byFirst[lo]; k >= 0; k = _nextByFirst[k]) count += _end[k] <= hi ? 1 : 0;
            }
            right = !right;
        }
        return (lo, hi);
    }
}
