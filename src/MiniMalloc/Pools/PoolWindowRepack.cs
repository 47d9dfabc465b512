using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// A large-neighbourhood move of the local search: a time window of a cheaper pool is packed anew. The window is a
/// spilled buffer's lifespan widened to the lifespans of the pool's buffers it meets; the pool's buffers that live
/// wholly inside it are free, those that cross its edges stay where they are (anchored), and the spilled buffers
/// that live inside it and fit the pool are offered. Free and offered buffers are inserted by the value of holding
/// them in the pool (weight times what the next pool costs more), largest first on ties: each at its lowest fit
/// among those inserted, else by the exact single-pool solver over the window's inserted buffers with it, around
/// the anchored ones (a small problem: the solver decides it where a whole-pool repack runs out of nodes). In the
/// augmenting form the free buffers stay as they are and only offered ones are inserted, so that a success only
/// adds; in the rebuilding form the window starts empty, so that buffers may also change places with spilled ones.
/// Free buffers that no longer fit go to their lowest fit in the cheapest pool that has one. The move is kept
/// only when the plan's cost falls; else every buffer goes back.
/// </summary>
internal sealed class PoolWindowRepack
{
    private readonly FoldedPoolProblem _problem;
    private readonly PoolPacking _packing;
    private readonly PoolWork _work;
    private readonly long _solveNodes;
    private readonly ulong[] _fits;
    private readonly int[] _byCost;
    private readonly List<int> _anchored = [];
    private readonly List<int> _free = [];
    private readonly List<int> _offered = [];
    private readonly List<int> _inserted = [];
    private readonly List<int> _order = [];
    private readonly long[] _value;

    public PoolWindowRepack(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing, PoolWork work, long solveNodes)
    {
        _problem = problem;
        _packing = packing;
        _work = work;
        _solveNodes = solveNodes;
        int n = problem.Buffers.Count;
        _fits = bound.FitMasks;
        _byCost = packing.PoolsByCost;
        _value = new long[n];
    }

    /// <summary>
    /// The window around spilled buffer <paramref name="k"/> in the cheaper pool <paramref name="pool"/> packed anew
    /// (<paramref name="rebuild"/>: from empty, else around the free buffers as they are); true when the plan's cost
    /// fell and the move is kept, false when everything is as before.
    /// </summary>
    public bool Improve(int k, int pool, bool rebuild)
    {
        var buffers = _problem.Buffers;
        int n = buffers.Count;
        long cost = CostOf(pool);
        Debug.Assert(CostOf(_packing.PoolOf[k]) > cost, "the buffer is spilled from the pool");
        // The window: k's lifespan and those of the pool's buffers it meets.
        long lower = buffers[k].Lifespan.Lower, upper = buffers[k].Lifespan.Upper;
        for (int q = 0; q < n; q++)
        {
            if (_packing.PoolOf[q] != pool || !Meets(q, buffers[k].Lifespan.Lower, buffers[k].Lifespan.Upper)) continue;
            if (buffers[q].Offset is not null) continue;
            lower = Math.Min(lower, buffers[q].Lifespan.Lower);
            upper = Math.Max(upper, buffers[q].Lifespan.Upper);
        }
        _anchored.Clear();
        _free.Clear();
        _offered.Clear();
        for (int q = 0; q < n; q++)
        {
            if (!Meets(q, lower, upper)) continue;
            bool inside = buffers[q].Lifespan.Lower >= lower && buffers[q].Lifespan.Upper <= upper && buffers[q].Offset is null;
            if (_packing.PoolOf[q] == pool)
            {
                if (inside) _free.Add(q);
                else _anchored.Add(q);
            }
            else if (inside && _problem.Weights[q] > 0 && (_fits[q] & (1UL << pool)) != 0 && CostOf(_packing.PoolOf[q]) > cost)
            {
                _offered.Add(q);
            }
        }
        // A scan of every buffer (a node per eight buffers, as the branch and bound counts its bound).
        _work.SpendPass(n);
        if (_offered.Count == 0) return false;
        // The plan is copied and, unless the move pays, put back.
        _work.SpendPass(n);
        var poolOf = (int[])_packing.PoolOf.Clone();
        var offsets = (long[])_packing.Offsets.Clone();
        long before = PoolPlanner.Cost(_problem, poolOf);

        foreach (int q in _free) _value[q] = _problem.Weights[q] * (NextCost(q, pool) - cost);
        foreach (int q in _offered) _value[q] = _problem.Weights[q] * (CostOf(poolOf[q]) - cost);
        _order.Clear();
        _order.AddRange(_offered);
        _inserted.Clear();
        if (rebuild)
        {
            _order.AddRange(_free);
            foreach (int q in _free) _packing.Remove(q);
        }
        else
        {
            _inserted.AddRange(_free);
        }
        _order.Sort((a, b) => _value[a] != _value[b] ? _value[b].CompareTo(_value[a])
            : buffers[a].Size != buffers[b].Size ? buffers[b].Size.CompareTo(buffers[a].Size) : a.CompareTo(b));
        foreach (int q in _order)
        {
            if (Out()) break;
            int from = _packing.PoolOf[q];
            if (from >= 0) _packing.Remove(q);
            _work.Spend(1);
            long x = _packing.LowestFit(q, pool);
            if (x >= 0)
            {
                _packing.Place(q, pool, x);
                _inserted.Add(q);
                continue;
            }
            _inserted.Add(q);
            if (_packing.RepackAround(pool, _anchored, _inserted, _solveNodes) == PackVerdict.Placed) continue;
            _inserted.RemoveAt(_inserted.Count - 1);
            // The solver leaves the placements as they were when it does not place them all.
            if (from >= 0) _packing.Place(q, from, offsets[q]);
        }
        // Free buffers that were not inserted again (or not reached) go to their cheapest fit.
        bool placed = true;
        foreach (int q in _free)
        {
            if (_packing.PoolOf[q] >= 0) continue;
            if (_packing.PlaceInCheapestFit(q) < 0)
            {
                placed = false;
                break;
            }
        }
        if (placed && PoolPlanner.Cost(_problem, _packing.PoolOf) < before) return true;
        _packing.Clear();
        for (int i = 0; i < n; i++) _packing.Place(i, poolOf[i], offsets[i]);
        return false;
    }

    private bool Out() => _work.Stopped();

    private bool Meets(int q, long lower, long upper) => _problem.Buffers[q].Lifespan.Lower < upper && lower < _problem.Buffers[q].Lifespan.Upper;

    private long CostOf(int pool) => _problem.Pools[pool].Cost;

    // The cheapest pool other than `pool` that buffer q fits in on its own.
    private long NextCost(int q, int pool)
    {
        foreach (int p in _byCost)
        {
            if (p != pool && (_fits[q] & (1UL << p)) != 0) return CostOf(p);
        }
        return CostOf(pool);
    }
}
