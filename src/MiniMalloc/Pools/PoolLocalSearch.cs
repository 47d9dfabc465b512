using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The planner's local search on a plan: spilled buffers (held in a costlier pool than the cheapest they fit in)
/// are moved into cheaper pools, heaviest first, by two moves, each kept only when it lowers the cost. An ejection
/// puts the buffer at one of its candidate offsets in the cheaper pool (the bottom, or just above or below a
/// buffer it meets in time) and moves the buffers it overlaps there out of the way, each to its lowest fit in
/// the cheapest pool that has one (the same pool included); the offsets that evict the least weight are tried.
/// When no ejection helps, a repack asks the exact single-pool solver, within a few nodes, to place the cheaper
/// pool's buffers together with the spilled one anew. Passes repeat while one improves the plan. Every move keeps
/// every placement valid, and the work (one unit per offset looked at and per buffer moved, and the solver's
/// nodes) counts against the planner's budget, so the result is the same on every machine.
/// </summary>
internal sealed class PoolLocalSearch
{
    // Offsets tried in full per ejection: those whose evicted buffers weigh least.
    private const int Tries = 3;

    private readonly FoldedPoolProblem _problem;
    private readonly PoolPacking _packing;
    private readonly PoolWork _work;
    private readonly long _repackNodes;
    private readonly ulong[] _fits;
    private readonly int[] _byCost;
    private readonly List<long> _offsets = [];
    private readonly List<int> _conflicts = [];
    private readonly List<(long Gain, long Offset)> _tries = [];
    private readonly List<int> _members = [];
    private long _stopAt;

    public PoolLocalSearch(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing, PoolWork work, long repackNodes)
    {
        _problem = problem;
        _packing = packing;
        _work = work;
        _repackNodes = repackNodes;
        _fits = new ulong[problem.Buffers.Count];
        for (int k = 0; k < _fits.Length; k++) _fits[k] = bound.FitMask(k);
        _byCost = Enumerable.Range(0, problem.Pools.Count).OrderBy(p => problem.Pools[p].Cost).ThenBy(p => p).ToArray();
    }

    /// <summary>Moves made that lowered the cost (for statistics and tests).</summary>
    public int Improvements { get; private set; }

    /// <summary>
    /// The plan improved from <paramref name="poolOf"/> and <paramref name="offsets"/> (a valid plan), within
    /// <paramref name="work"/> units of the budget; never costlier than the plan given.
    /// </summary>
    public (int[] PoolOf, long[] Offsets) Improve(int[] poolOf, long[] offsets, long work)
    {
        _stopAt = _work.Used + work;
        _packing.Clear();
        for (int k = 0; k < poolOf.Length; k++) _packing.Place(k, poolOf[k], offsets[k]);
        bool improved = true;
        while (improved && !Out())
        {
            improved = false;
            var spilled = Spilled();
            foreach (int k in spilled)
            {
                if (Out()) break;
                if (IsSpilled(k) && Eject(k)) improved = true;
            }
            if (improved) continue;
            foreach (int k in spilled)
            {
                if (Out()) break;
                if (IsSpilled(k) && Repack(k))
                {
                    improved = true;
                    break;
                }
            }
        }
        return ((int[])_packing.PoolOf.Clone(), (long[])_packing.Offsets.Clone());
    }

    private bool Out() => _work.Stopped() || _work.Used >= _stopAt;

    private long CostOf(int pool) => _problem.Pools[pool].Cost;

    // The buffers in a costlier pool than the cheapest they fit in, movable and of some weight, heaviest first.
    private int[] Spilled() => Enumerable.Range(0, _fits.Length).Where(IsSpilled)
        .OrderByDescending(k => _problem.Weights[k]).ThenBy(k => k).ToArray();

    private bool IsSpilled(int k)
    {
        if (_problem.Weights[k] == 0 || _problem.Buffers[k].Offset is not null) return false;
        long current = CostOf(_packing.PoolOf[k]);
        foreach (int p in _byCost)
        {
            if (CostOf(p) >= current) return false;
            if ((_fits[k] & (1UL << p)) != 0) return true;
        }
        return false;
    }

    private bool Eject(int k)
    {
        int from = _packing.PoolOf[k];
        foreach (int p in _byCost)
        {
            if (CostOf(p) >= CostOf(from)) break;
            if ((_fits[k] & (1UL << p)) == 0) continue;
            _tries.Clear();
            _packing.CandidateOffsets(k, p, _offsets);
            foreach (long x in _offsets)
            {
                _work.Spend(1);
                _packing.Conflicts(k, p, x, _conflicts);
                long gain = _problem.Weights[k] * (CostOf(from) - CostOf(p));
                foreach (int q in _conflicts)
                {
                    if (_problem.Buffers[q].Offset is not null)
                    {
                        gain = long.MinValue;
                        break;
                    }
                    gain -= _problem.Weights[q] * (NextCost(q, p) - CostOf(p));
                }
                if (gain > 0) _tries.Add((gain, x));
            }
            // Most promising first: the largest gain if every evicted buffer went to its next pool; lowest offset on ties.
            _tries.Sort((a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Offset.CompareTo(b.Offset));
            for (int t = 0; t < Math.Min(Tries, _tries.Count); t++)
            {
                if (Move(k, p, _tries[t].Offset)) return true;
            }
        }
        return false;
    }

    // The cheapest pool other than `pool` that buffer q fits in on its own.
    private long NextCost(int q, int pool)
    {
        foreach (int p in _byCost)
        {
            if (p != pool && (_fits[q] & (1UL << p)) != 0) return CostOf(p);
        }
        return CostOf(pool);
    }

    // Buffer k at x in pool p, the buffers it overlaps there each to its lowest fit in the cheapest pool that has
    // one; kept when the cost falls, else everything goes back where it was.
    private bool Move(int k, int p, long x)
    {
        int from = _packing.PoolOf[k];
        long fromOffset = _packing.Offsets[k];
        _packing.Conflicts(k, p, x, _conflicts);
        var evicted = _conflicts.OrderByDescending(q => _problem.Weights[q]).ThenBy(q => q).ToArray();
        var saved = evicted.Select(q => _packing.Offsets[q]).ToArray();
        _work.Spend(1 + evicted.Length);
        foreach (int q in evicted) _packing.Remove(q);
        _packing.Remove(k);
        _packing.Place(k, p, x);
        long delta = _problem.Weights[k] * (CostOf(p) - CostOf(from));
        bool placed = true;
        foreach (int q in evicted)
        {
            int to = -1;
            foreach (int r in _byCost)
            {
                if ((_problem.Masks[q] & (1UL << r)) == 0) continue;
                long offset = _packing.LowestFit(q, r);
                if (offset < 0) continue;
                _packing.Place(q, r, offset);
                to = r;
                break;
            }
            if (to < 0)
            {
                placed = false;
                break;
            }
            delta += _problem.Weights[q] * (CostOf(to) - CostOf(p));
        }
        if (placed && delta < 0)
        {
            Improvements++;
            return true;
        }
        foreach (int q in evicted) _packing.Remove(q);
        _packing.Remove(k);
        for (int i = 0; i < evicted.Length; i++) _packing.Place(evicted[i], p, saved[i]);
        _packing.Place(k, from, fromOffset);
        return false;
    }

    // The cheaper pool's buffers and k placed anew by the exact solver; on failure nothing moves.
    private bool Repack(int k)
    {
        int from = _packing.PoolOf[k];
        foreach (int p in _byCost)
        {
            if (CostOf(p) >= CostOf(from)) break;
            if ((_fits[k] & (1UL << p)) == 0) continue;
            _members.Clear();
            for (int i = 0; i < _fits.Length; i++)
            {
                if (_packing.PoolOf[i] == p) _members.Add(i);
            }
            _members.Add(k);
            long nodes = Math.Min(_repackNodes, Math.Max(1, _stopAt - _work.Used));
            if (_packing.Repack(p, _members, nodes) == PackVerdict.Placed)
            {
                Debug.Assert(_packing.PoolOf[k] == p, "a repack places every member in the pool");
                Improvements++;
                return true;
            }
        }
        return false;
    }
}
