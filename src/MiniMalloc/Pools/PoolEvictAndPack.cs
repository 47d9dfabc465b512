namespace MiniMalloc;

/// <summary>
/// The planner's constructive heuristic. Pools are filled cheapest first. For each, the buffers that may still go
/// there are thinned until what stays fits the pool's capacity at every step: at the fullest step, the buffer that
/// removes the most overflowing bytes per unit of weight leaves, until no step overflows; buffers that left and
/// fit back without overflowing return, heaviest first. What stays is then placed (by the exact single-pool solver,
/// or by lowest fit, largest first); whatever left goes on to the next pool, and any of it that fits in a gap of
/// the placed pool joins it after all. Since fragmentation wastes some of a pool, the whole is tried against a few
/// capacities a little below the pool's, and the cheapest plan is kept.
/// </summary>
internal sealed class PoolEvictAndPack
{
    private readonly FoldedPoolProblem _problem;
    private readonly PoolCostBound _bound;
    private readonly PoolPacking _packing;
    private readonly PoolWork _work;
    private readonly long _searchNodes;
    private readonly long[] _live;
    private readonly bool[] _kept;
    private bool _lastExactPlaced;
    // The thinning's work since it was last charged: a unit per step looked at and per item scanned.
    private long _units;

    public PoolEvictAndPack(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing, PoolWork work, long searchNodes)
    {
        _problem = problem;
        _bound = bound;
        _packing = packing;
        _work = work;
        _searchNodes = searchNodes;
        _live = new long[bound.Segments];
        _kept = new bool[problem.Buffers.Count];
    }

    /// <summary>The plans of <see cref="Run"/>'s attempts, one per cost, in the order found: starts for the local search.</summary>
    public List<(long Cost, int[] PoolOf, long[] Offsets)> Plans { get; } = [];

    /// <summary>
    /// The cheapest plan of the attempts: for each of a few target capacities (the pool's, then a little less), the
    /// thinned buffers placed by the exact solver (until it places them at some target, within its nodes) or by lowest
    /// fit, largest first, and then every other buffer by lowest fit, heaviest first. Null when no attempt placed
    /// every buffer.
    /// </summary>
    public (int[] PoolOf, long[] Offsets)? Run()
    {
        Plans.Clear();
        (int[] PoolOf, long[] Offsets)? best = null;
        long bestCost = long.MaxValue;
        // The exact packing is tried at falling targets until one is placed: lower targets only spill more.
        bool exactPlaced = false;
        foreach (var (target, packing) in Schedule(_problem.Buffers.Count))
        {
            if (_work.Stopped()) break;
            if (packing == Packing.Exact && exactPlaced) continue;
            if (Attempt(target, packing) is not { } plan) continue;
            if (packing == Packing.Exact) exactPlaced = _lastExactPlaced;
            long cost = PoolPlanner.Cost(_problem, plan.PoolOf);
            if (!Plans.Any(p => p.Cost == cost)) Plans.Add((cost, plan.PoolOf, plan.Offsets));
            if (cost < bestCost)
            {
                best = plan;
                bestCost = cost;
            }
        }
        return best;
    }

    // Fractions of each pool's capacity (in 1/64ths) the thinning aims at: fragmentation wastes some of it.
    private static readonly int[] Targets = [64, 63, 62, 60, 58, 56, 52, 48];

    private enum Packing
    {
        // The exact single-pool solver within its nodes, else lowest fit, largest first.
        Exact,

        // Lowest fit, largest first.
        LowestFit,

        // Best fit decreasing (the tightest hole) with no capacity; what ends above the pool's capacity leaves.
        BestFitThenCut,
    }

    private static readonly Packing[] Packings = [Packing.Exact, Packing.LowestFit, Packing.BestFitThenCut];

    // The attempts in order: each target with every packing. On a large problem the packings without search come
    // first at every target, then the exact one: a single-pool search of a few thousand nodes over tens of thousands
    // of buffers rarely places them and costs as much as several packings without search, and the work budget may
    // end the attempts before the last targets (measured at 100,000 buffers: with the exact packing first at each
    // target the work ran out before the targets that spill least).
    private static IEnumerable<(int Target, Packing Packing)> Schedule(int buffers)
    {
        if (buffers <= PoolPlannerOptions.LargeProblemBuffers)
        {
            foreach (int target in Targets)
            {
                foreach (var packing in Packings) yield return (target, packing);
            }
            yield break;
        }
        foreach (var packing in Packings.Skip(1).Append(Packing.Exact))
        {
            foreach (int target in Targets) yield return (target, packing);
        }
    }

    private (int[] PoolOf, long[] Offsets)? Attempt(int sixtyFourths, Packing packing)
    {
        var buffers = _problem.Buffers;
        int n = buffers.Count;
        _packing.Clear();
        var byCost = Enumerable.Range(0, _problem.Pools.Count).OrderBy(p => _problem.Pools[p].Cost).ThenBy(p => p).ToArray();
        var fits = _bound.FitMasks;
        // The plan cleared, checked and copied, and the candidates listed for each pool.
        _work.Charge((3L + byCost.Length) * n);
        for (int r = 0; r < byCost.Length; r++)
        {
            int pool = byCost[r];
            ulong later = 0;
            for (int q = r + 1; q < byCost.Length; q++) later |= 1UL << byCost[q];
            var candidates = Enumerable.Range(0, n).Where(k => _packing.PoolOf[k] < 0 && (fits[k] & (1UL << pool)) != 0).ToArray();
            if (candidates.Length == 0) continue;
            var forced = candidates.Where(k => (fits[k] & later) == 0).ToHashSet();
            long capacity = _problem.Pools[pool].Capacity;
            long target = (long)((Int128)capacity * sixtyFourths / 64);
            var keep = Thin(candidates, forced, target);
            _work.Charge(_units);
            _units = 0;
            bool placed = packing == Packing.Exact && _packing.Repack(pool, keep, _searchNodes, keepHints: true) == PackVerdict.Placed;
            if (r == 0) _lastExactPlaced = placed;
            if (packing == Packing.BestFitThenCut)
            {
                BestFitThenCut(pool, keep, forced);
                placed = true;
            }
            if (!placed)
            {
                foreach (int k in keep.OrderBy(k => forced.Contains(k) ? 0 : 1).ThenByDescending(k => buffers[k].Size).ThenBy(k => k))
                {
                    _packing.TryFit(k, pool);
                }
            }
            foreach (int k in candidates.OrderBy(k => forced.Contains(k) ? 0 : 1).ThenByDescending(k => _problem.Weights[k]).ThenByDescending(k => buffers[k].Size).ThenBy(k => k))
            {
                if (_packing.PoolOf[k] < 0) _packing.TryFit(k, pool);
            }
        }
        if (_packing.PoolOf.Any(p => p < 0)) return null;
        return ((int[])_packing.PoolOf.Clone(), (long[])_packing.Offsets.Clone());
    }

    // The kept buffers by best fit decreasing, unbounded; those below the capacity stay (a subset of a valid
    // placement is valid), the rest leave. Forced buffers that end above it get their lowest fit later, if any.
    private void BestFitThenCut(int pool, List<int> keep, HashSet<int> forced)
    {
        var buffers = keep.Select(k => _problem.Buffers[k] with { Alignment = _problem.AlignmentIn(k, pool), Hint = null }).ToArray();
        var plan = BestFitDecreasing.Solve(new Problem(buffers, 0));
        _work.Charge(PoolWork.SearchUnitsPerBuffer * buffers.Length);
        long capacity = _problem.Pools[pool].Capacity;
        for (int m = 0; m < keep.Count; m++)
        {
            if (plan.Offsets[m] + buffers[m].Size <= capacity) _packing.Place(keep[m], pool, plan.Offsets[m]);
        }
        foreach (int k in keep)
        {
            if (forced.Contains(k) && _packing.PoolOf[k] < 0) _packing.TryFit(k, pool);
        }
    }

    private List<int> Thin(int[] candidates, HashSet<int> forced, long target)
    {
        Array.Clear(_live);
        Array.Clear(_kept);
        foreach (int k in candidates)
        {
            _kept[k] = true;
            Apply(k, +1);
        }
        while (true)
        {
            int worst = -1;
            long worstExcess = 0;
            _units += _live.Length;
            for (int s = 0; s < _live.Length; s++)
            {
                if (_live[s] - target > worstExcess)
                {
                    worstExcess = _live[s] - target;
                    worst = s;
                }
            }
            if (worst < 0) break;
            int leave = -1;
            double bestScore = double.MaxValue;
            var (first, end) = _bound.Items(worst);
            for (int i = first; i < end; i++)
            {
                int k = _bound.ItemBuffer(i);
                if (!_kept[k] || forced.Contains(k)) continue;
                long relief = Relief(k, target);
                if (relief == 0) continue;
                double score = (_problem.Weights[k] + 1e-9) / relief;
                if (score < bestScore || (score == bestScore && k < leave))
                {
                    bestScore = score;
                    leave = k;
                }
            }
            if (leave < 0) break;
            _kept[leave] = false;
            Apply(leave, -1);
        }
        foreach (int k in candidates.OrderByDescending(k => _problem.Weights[k]).ThenBy(k => k))
        {
            if (_kept[k]) continue;
            Apply(k, +1);
            if (Overflows(k, target)) Apply(k, -1);
            else _kept[k] = true;
        }
        return candidates.Where(k => _kept[k]).ToList();
    }

    // The overflowing bytes buffer k's leaving would remove, over every step.
    private long Relief(int k, long target)
    {
        long relief = 0;
        var (first, end) = _bound.Hull(k);
        _units += end - first;
        for (int s = first; s < end; s++)
        {
            long excess = _live[s] - target;
            if (excess > 0) relief += Math.Min(excess, BytesAt(k, s));
        }
        return relief;
    }

    private bool Overflows(int k, long target)
    {
        var (first, end) = _bound.Hull(k);
        _units += end - first;
        for (int s = first; s < end; s++)
        {
            if (_live[s] > target) return true;
        }
        return false;
    }

    private void Apply(int k, int sign)
    {
        var (first, end) = _bound.Hull(k);
        for (int s = first; s < end; s++) _live[s] += sign * BytesAt(k, s);
    }

    private long BytesAt(int k, int s)
    {
        var (first, end) = _bound.Items(s);
        _units += end - first;
        for (int i = first; i < end; i++)
        {
            if (_bound.ItemBuffer(i) == k) return _bound.ItemBytes(i);
        }
        return 0;
    }
}
