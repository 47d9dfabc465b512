namespace MiniMalloc;

/// <summary>
/// The planner's constructive heuristic. Pools are filled cheapest first. For each, the buffers that may still go
/// there are thinned until what stays fits the pool's capacity at every step: at the fullest step, the buffer that
/// removes the most overflowing bytes per unit of weight leaves, until no step overflows; buffers that left and
/// fit back without overflowing return, heaviest first. What stays is then placed by the exact single-pool solver;
/// when it cannot be placed within its nodes, the thinning is redone against a slightly lower capacity. Whatever
/// left goes on to the next pool, and any of it that fits in a gap of the placed pool joins it after all.
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

    /// <summary>A plan (pools and offsets), or null when some buffer ended up with no pool.</summary>
    public (int[] PoolOf, long[] Offsets)? Run()
    {
        var buffers = _problem.Buffers;
        int n = buffers.Count;
        _packing.Clear();
        var byCost = Enumerable.Range(0, _problem.Pools.Count).OrderBy(p => _problem.Pools[p].Cost).ThenBy(p => p).ToArray();
        var fits = new ulong[n];
        for (int k = 0; k < n; k++) fits[k] = _bound.FitMask(k);
        for (int r = 0; r < byCost.Length; r++)
        {
            int pool = byCost[r];
            ulong later = 0;
            for (int q = r + 1; q < byCost.Length; q++) later |= 1UL << byCost[q];
            var candidates = Enumerable.Range(0, n).Where(k => _packing.PoolOf[k] < 0 && (fits[k] & (1UL << pool)) != 0).ToArray();
            if (candidates.Length == 0) continue;
            var forced = candidates.Where(k => (fits[k] & later) == 0).ToHashSet();
            long capacity = _problem.Pools[pool].Capacity;
            bool placed = false;
            for (int attempt = 0; attempt < 6 && !placed && !_work.Stopped(); attempt++)
            {
                // The capacity the thinning aims at: the pool's, then a little less each time the placement fails.
                long target = attempt == 0 ? capacity : capacity - (capacity >> (7 - attempt));
                var keep = Thin(candidates, forced, target);
                placed = _packing.Repack(pool, keep, _searchNodes, keepHints: true) == PackVerdict.Placed;
            }
            if (!placed)
            {
                foreach (int k in candidates.OrderBy(k => forced.Contains(k) ? 0 : 1).ThenByDescending(k => buffers[k].Size).ThenBy(k => k))
                {
                    _packing.TryFit(k, pool);
                }
            }
            foreach (int k in candidates.OrderByDescending(k => _problem.Weights[k]).ThenByDescending(k => buffers[k].Size).ThenBy(k => k))
            {
                if (_packing.PoolOf[k] < 0) _packing.TryFit(k, pool);
            }
        }
        if (_packing.PoolOf.Any(p => p < 0)) return null;
        return ((int[])_packing.PoolOf.Clone(), (long[])_packing.Offsets.Clone());
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
        for (int i = first; i < end; i++)
        {
            if (_bound.ItemBuffer(i) == k) return _bound.ItemBytes(i);
        }
        return 0;
    }
}
