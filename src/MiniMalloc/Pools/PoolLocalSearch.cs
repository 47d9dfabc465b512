using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The planner's local search on a plan: spilled buffers (held in a costlier pool than the cheapest they fit in)
/// are moved into cheaper pools, heaviest first, by three moves, each kept only when it lowers the cost. An ejection
/// puts the buffer at one of its candidate offsets in the cheaper pool (the bottom, or just above or below a
/// buffer it meets in time) and moves the buffers it overlaps there out of the way, each to its lowest fit in
/// the cheapest pool that has one (the same pool included); the offsets that evict the least weight are tried.
/// When no ejection helps, a swap makes room by live bytes instead: the buffers of least weight per byte leave the
/// steps where the spilled one would overflow the cheaper pool (less weight than it in all), and the exact
/// single-pool solver, within a few nodes, places the pool's other buffers with it anew. When no swap helps either,
/// a window move (<see cref="PoolWindowRepack"/>) packs the cheaper pool anew over the spilled buffer's time window
/// only, around the buffers that cross its edges: a problem small enough for the solver to decide. Passes repeat
/// while one improves the plan; at a local optimum of all three, each spilled buffer in turn is kicked in at a loss
/// and the descent resumed from there, kept only when the plan ends cheaper (an iterated local search). Every move
/// keeps every placement valid, and the work (one unit per offset looked at and per buffer moved, one per eight
/// buffers for each pass over the plan, and the solver's nodes) counts against the planner's budget, so the result
/// is the same on every machine.
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
    private readonly List<int> _leaving = [];
    private readonly PoolCostBound _bound;
    private readonly long[] _excess;
    private readonly PoolWindowRepack _window;
    private PoolBudget _stopAt;

    public PoolLocalSearch(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing, PoolWork work, long repackNodes)
    {
        _problem = problem;
        _packing = packing;
        _work = work;
        _repackNodes = repackNodes;
        _bound = bound;
        _excess = new long[bound.Segments];
        _fits = bound.FitMasks;
        _byCost = packing.PoolsByCost;
        _window = new PoolWindowRepack(problem, bound, packing, work, repackNodes);
    }

    /// <summary>Times the plan's cost fell: descents that lowered it, swaps, kicks kept (for statistics and tests).</summary>
    public int Improvements { get; private set; }

    /// <summary>
    /// The plan improved from <paramref name="poolOf"/> and <paramref name="offsets"/> (a valid plan), within
    /// <paramref name="work"/> of the budget; never costlier than the plan given.
    /// </summary>
    public (int[] PoolOf, long[] Offsets) Improve(int[] poolOf, long[] offsets, PoolBudget work)
    {
        _stopAt = _work.Mark(work);
        _work.Charge(poolOf.Length);
        _packing.Clear();
        for (int k = 0; k < poolOf.Length; k++) _packing.Place(k, poolOf[k], offsets[k]);
        int kicked = 0;
        while (!Out())
        {
            long before = PlanCost();
            Descend();
            if (PlanCost() < before) Improvements++;
            if (Out()) break;
            var spilled = Spilled();
            bool improved = false;
            foreach (int k in spilled)
            {
                if (Out()) break;
                if (IsSpilled(k) && Swap(k))
                {
                    Improvements++;
                    improved = true;
                    break;
                }
            }
            if (improved) continue;
            foreach (int k in spilled)
            {
                if (Out()) break;
                if (IsSpilled(k) && Window(k))
                {
                    Improvements++;
                    improved = true;
                    break;
                }
            }
            if (improved) continue;
            // A local optimum of the moves: kick the next spilled buffer in (even at a loss), descend again, and keep
            // the result only when it is cheaper; each buffer is kicked once per optimum.
            for (; kicked < spilled.Length && !improved && !Out(); kicked++) improved = Kick(spilled[kicked]);
            if (!improved) break;
            Improvements++;
            kicked = 0;
        }
        return ((int[])_packing.PoolOf.Clone(), (long[])_packing.Offsets.Clone());
    }

    // Ejections until a pass over the spilled buffers finds none that lowers the cost.
    private void Descend()
    {
        bool improved = true;
        while (improved && !Out())
        {
            improved = false;
            foreach (int k in Spilled())
            {
                if (Out()) break;
                if (IsSpilled(k) && Eject(k)) improved = true;
            }
        }
    }

    // Buffer k moved into its cheapest pool at the offset that evicts the least weight, whatever it costs, then a
    // descent; undone unless the plan ends cheaper than before the kick.
    private bool Kick(int k)
    {
        if (!IsSpilled(k)) return false;
        // The plan is copied and, unless the kick pays, put back: work in proportion to the buffers.
        _work.SpendPass(_fits.Length);
        long before = PlanCost();
        var poolOf = (int[])_packing.PoolOf.Clone();
        var offsets = (long[])_packing.Offsets.Clone();
        int from = poolOf[k];
        foreach (int p in _byCost)
        {
            if (CostOf(p) >= CostOf(from)) break;
            if ((_fits[k] & (1UL << p)) == 0) continue;
            if (!Evaluate(k, p, from, anyGain: true) || !Move(k, p, _tries[0].Offset, force: true)) continue;
            Descend();
            if (PlanCost() < before) return true;
            _packing.Clear();
            for (int i = 0; i < poolOf.Length; i++) _packing.Place(i, poolOf[i], offsets[i]);
            return false;
        }
        return false;
    }

    private long PlanCost() => PoolPlanner.Cost(_problem, _packing.PoolOf);

    private bool Out() => _work.Stopped() || _work.Reached(_stopAt);

    private long CostOf(int pool) => _problem.Pools[pool].Cost;

    // The buffers in a costlier pool than the cheapest they fit in, movable and of some weight, heaviest first.
    private int[] Spilled()
    {
        _work.SpendPass(_fits.Length);
        return Enumerable.Range(0, _fits.Length).Where(IsSpilled).OrderByDescending(k => _problem.Weights[k]).ThenBy(k => k).ToArray();
    }

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
            if ((_fits[k] & (1UL << p)) == 0 || !Evaluate(k, p, from, anyGain: false)) continue;
            for (int t = 0; t < Math.Min(Tries, _tries.Count); t++)
            {
                if (Move(k, p, _tries[t].Offset, force: false)) return true;
            }
        }
        return false;
    }

    // The offsets of k in pool p into _tries, most promising first: the largest gain if every evicted buffer went to
    // its next pool, the lowest offset on ties; only gains above 0 unless anyGain. False when none is left.
    private bool Evaluate(int k, int p, int from, bool anyGain)
    {
        _tries.Clear();
        _packing.CandidateOffsets(k, p, _offsets);
        foreach (long x in _offsets)
        {
            _work.Spend(1);
            _packing.Conflicts(k, p, x, _conflicts);
            long gain = _problem.Weights[k] * (CostOf(from) - CostOf(p));
            bool movable = true;
            foreach (int q in _conflicts)
            {
                if (_problem.Buffers[q].Offset is not null)
                {
                    movable = false;
                    break;
                }
                gain -= _problem.Weights[q] * (NextCost(q, p) - CostOf(p));
            }
            if (movable && (anyGain || gain > 0)) _tries.Add((gain, x));
        }
        _tries.Sort((a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Offset.CompareTo(b.Offset));
        return _tries.Count > 0;
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
    // one; kept when the cost falls (or, forced, whenever every buffer found a place), else everything goes back.
    private bool Move(int k, int p, long x, bool force)
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
            int to = _packing.PlaceInCheapestFit(q);
            if (to < 0)
            {
                placed = false;
                break;
            }
            delta += _problem.Weights[q] * (CostOf(to) - CostOf(p));
        }
        if (placed && (delta < 0 || force))
        {
            return true;
        }
        foreach (int q in evicted) _packing.Remove(q);
        _packing.Remove(k);
        for (int i = 0; i < evicted.Length; i++) _packing.Place(evicted[i], p, saved[i]);
        _packing.Place(k, from, fromOffset);
        return false;
    }

    // The window around k in each cheaper pool it fits, packed anew: first around the pool's buffers as they are, then
    // from empty.
    private bool Window(int k)
    {
        int from = _packing.PoolOf[k];
        foreach (int p in _byCost)
        {
            if (CostOf(p) >= CostOf(from)) break;
            if ((_fits[k] & (1UL << p)) == 0) continue;
            if (_window.Improve(k, p, rebuild: false) || (!Out() && _window.Improve(k, p, rebuild: true))) return true;
        }
        return false;
    }

    // A swap: in the cheaper pool, the buffers that weigh least per byte leave the steps of k's lifespan where k
    // would overflow its capacity (fewer than k's weight in all), then the exact solver places the pool's other
    // buffers with k anew; the ones that left go to their lowest fit in the cheapest pool that has one. Kept when the
    // cost falls, else everything goes back. Without overflow it is a plain repack with k.
    private bool Swap(int k)
    {
        int from = _packing.PoolOf[k];
        foreach (int p in _byCost)
        {
            if (CostOf(p) >= CostOf(from)) break;
            if ((_fits[k] & (1UL << p)) == 0) continue;
            long budget = _problem.Weights[k] * (CostOf(from) - CostOf(p));
            if (Members(p) > PoolPlannerOptions.LargeProblemBuffers || !ChooseLeaving(k, p, budget)) continue;
            var poolOf = (int[])_packing.PoolOf.Clone();
            var offsets = (long[])_packing.Offsets.Clone();
            // The copy, the scan for the pool's members and, unless the swap pays, the plan put back.
            _work.Charge(3L * _fits.Length);
            foreach (int q in _leaving) _packing.Remove(q);
            _members.Clear();
            for (int i = 0; i < _fits.Length; i++)
            {
                if (_packing.PoolOf[i] == p) _members.Add(i);
            }
            _members.Add(k);
            long nodes = Math.Min(_repackNodes, _work.NodesBefore(_stopAt));
            _work.Spend(_leaving.Count);
            if (_packing.Repack(p, _members, nodes) == PackVerdict.Placed)
            {
                Debug.Assert(_packing.PoolOf[k] == p, "a repack places every member in the pool");
                long delta = -budget;
                bool placed = true;
                foreach (int q in _leaving.OrderByDescending(q => _problem.Weights[q]).ThenBy(q => q))
                {
                    int to = _packing.PlaceInCheapestFit(q);
                    if (to < 0)
                    {
                        placed = false;
                        break;
                    }
                    delta += _problem.Weights[q] * (CostOf(to) - CostOf(p));
                }
                if (placed && delta < 0) return true;
            }
            _packing.Clear();
            for (int i = 0; i < poolOf.Length; i++) _packing.Place(i, poolOf[i], offsets[i]);
        }
        return false;
    }

    // The buffers in pool p. A swap repacks them all: above a few thousand the search's nodes are fewer than its
    // buffers and it rarely places them, so the work goes to the ejections and the window moves instead.
    private int Members(int p)
    {
        _work.Charge(_fits.Length);
        int members = 0;
        for (int i = 0; i < _fits.Length; i++)
        {
            if (_packing.PoolOf[i] == p) members++;
        }
        return members;
    }

    // The buffers of pool p that leave so that k fits its capacity at every step of its lifespan (live bytes only):
    // at the fullest step, the one of least weight per byte, until none overflows, into _leaving. False when that
    // would cost at least `budget` (k's gain) or a fixed buffer would have to leave.
    private bool ChooseLeaving(int k, int p, long budget)
    {
        _leaving.Clear();
        var (first, end) = _bound.Hull(k);
        long capacity = _problem.Pools[p].Capacity;
        for (int s = first; s < end; s++)
        {
            long live = 0;
            var (i0, i1) = _bound.Items(s);
            _work.Charge(i1 - i0);
            for (int i = i0; i < i1; i++)
            {
                int q = _bound.ItemBuffer(i);
                if (q == k || _packing.PoolOf[q] == p) live += _bound.ItemBytes(i);
            }
            _excess[s - first] = live - capacity;
        }
        _work.Spend(1 + (end - first) / 8);
        long spent = 0;
        while (true)
        {
            int worst = -1;
            for (int s = first; s < end; s++)
            {
                if (_excess[s - first] > 0 && (worst < 0 || _excess[s - first] > _excess[worst - first])) worst = s;
            }
            if (worst < 0) return true;
            int leave = -1;
            var (i0, i1) = _bound.Items(worst);
            _work.Charge(end - first + (i1 - i0) * (1 + _leaving.Count));
            for (int i = i0; i < i1; i++)
            {
                int q = _bound.ItemBuffer(i);
                if (q == k || _packing.PoolOf[q] != p || _leaving.Contains(q) || _problem.Buffers[q].Offset is not null) continue;
                if (leave < 0 || (Int128)_problem.Weights[q] * _problem.Buffers[leave].Size < (Int128)_problem.Weights[leave] * _problem.Buffers[q].Size) leave = q;
            }
            if (leave < 0) return false;
            spent += _problem.Weights[leave] * (NextCost(leave, p) - CostOf(p));
            if (spent >= budget) return false;
            _leaving.Add(leave);
            for (int s = first; s < end; s++)
            {
                var (j0, j1) = _bound.Items(s);
                _work.Charge(j1 - j0);
                for (int i = j0; i < j1; i++)
                {
                    if (_bound.ItemBuffer(i) == leave) _excess[s - first] -= _bound.ItemBytes(i);
                }
            }
        }
    }
}
