using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// One region of a cheaper pool re-optimized exactly, addresses and spill choices together: the region's items are
/// the pool's buffers that are set free and the spilled buffers offered to it; the pool's other buffers that meet
/// them in time stay where they are (anchored). A depth-first branch and bound decides, item by item in the order of
/// their value (what holding them in the pool saves), whether each is kept in the pool or left out, for the largest
/// kept value: an item is kept when it fits at its lowest offset among those kept and the anchors, else when the exact
/// single-pool solver places the kept items with it around the anchors (within a few nodes; a proof that they do not
/// fit cuts the branch, since any superset does not fit either). A branch is cut when its kept value, plus every item
/// still undecided, less the least value that must leave at the region's fullest step (its overflowing bytes at the
/// lowest value per byte there), cannot beat the best found — which starts at what the pool holds now, so that only a
/// strictly cheaper plan is taken. Then the kept items take their offsets, the offered ones not kept stay where they
/// were, and the pool's items not kept go to their lowest fit in the cheapest pool that has one; if that fails, or
/// the plan's cost does not fall, every item goes back. Every placement is a fit, so the plan stays valid; the work
/// (a unit per branch node and per item placed, the bound's scan one per eight segments, the solver's nodes) counts
/// against the planner's budget.
/// </summary>
internal sealed class PoolRegionRepack
{
    private readonly FoldedPoolProblem _problem;
    private readonly PoolCostBound _bound;
    private readonly PoolPacking _packing;
    private readonly PoolWork _work;
    private readonly ulong[] _fits;
    private readonly int[] _byCost;
    private readonly List<int> _items = [];
    private readonly List<int> _kept = [];
    private readonly List<(int Buffer, long Offset)> _best = [];
    private readonly long[] _value;
    private readonly int[] _savedPool;
    private readonly long[] _savedOffset;
    private readonly long[] _suffix;
    // Per segment of the region: free bytes (the capacity less the anchors'), bytes kept, bytes undecided, and the
    // least value per byte of the items live there.
    private readonly long[] _room;
    private readonly long[] _keptBytes;
    private readonly long[] _openBytes;
    private readonly double[] _ratio;
    // Per item (by its rank), its bytes per segment: (_segment, _bytes)[_itemFirst[r] .. _itemFirst[r + 1]).
    private readonly List<int> _itemFirst = [];
    private readonly List<int> _segment = [];
    private readonly List<long> _bytes = [];
    private readonly int[] _rank;
    private IReadOnlyList<int> _anchored = [];
    private int _pool;
    private int _first, _end;
    private long _bestValue;
    private long _stopAt;
    private long _solverNodes;

    public PoolRegionRepack(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing, PoolWork work)
    {
        _problem = problem;
        _bound = bound;
        _packing = packing;
        _work = work;
        int n = problem.Buffers.Count;
        _fits = bound.FitMasks;
        _byCost = packing.PoolsByCost;
        _value = new long[n];
        _savedPool = new int[n];
        _savedOffset = new long[n];
        _rank = new int[n];
        Array.Fill(_rank, -1);
        _suffix = new long[n + 1];
        int segments = bound.Segments;
        _room = new long[segments];
        _keptBytes = new long[segments];
        _openBytes = new long[segments];
        _ratio = new double[segments];
    }

    /// <summary>Whether the last region's search decided every branch (its kept set is then the region's best).</summary>
    public bool Exhaustive { get; private set; }

    /// <summary>
    /// Re-optimizes the region of <paramref name="pool"/> over segments [<paramref name="first"/>, <paramref name="end"/>)
    /// (every item lives within them): <paramref name="free"/> are the pool's buffers set free, <paramref name="offered"/>
    /// spilled buffers that fit it, <paramref name="anchored"/> its buffers that stay (every one of the pool's buffers
    /// that meets an item in time). At most <paramref name="nodes"/> units of work, <paramref name="solverNodes"/> per
    /// single-pool search. True when the plan's cost fell and the result is kept; false when every buffer is as before.
    /// </summary>
    public bool Improve(int pool, int first, int end, IReadOnlyList<int> free, IReadOnlyList<int> offered, IReadOnlyList<int> anchored, long nodes, long solverNodes)
    {
        _pool = pool;
        _first = first;
        _end = end;
        _anchored = anchored;
        _solverNodes = solverNodes;
        _stopAt = _work.Used + nodes;
        Exhaustive = false;
        if (offered.Count == 0) return false;
        long cost = CostOf(pool);
        _items.Clear();
        _items.AddRange(free);
        _items.AddRange(offered);
        foreach (int q in free) _value[q] = _problem.Weights[q] * (NextCost(q) - cost);
        foreach (int q in offered) _value[q] = _problem.Weights[q] * (CostOf(_packing.PoolOf[q]) - cost);
        var buffers = _problem.Buffers;
        _items.Sort((a, b) => _value[a] != _value[b] ? _value[b].CompareTo(_value[a])
            : buffers[a].Size != buffers[b].Size ? buffers[b].Size.CompareTo(buffers[a].Size) : a.CompareTo(b));
        _bestValue = 0;
        foreach (int q in free) _bestValue += _value[q];
        _suffix[_items.Count] = 0;
        for (int r = _items.Count - 1; r >= 0; r--) _suffix[r] = _suffix[r + 1] + _value[_items[r]];
        // Nothing to gain: even every item kept would hold no more value than the pool holds now.
        if (_suffix[0] <= _bestValue) return false;
        foreach (int q in _items)
        {
            _savedPool[q] = _packing.PoolOf[q];
            _savedOffset[q] = _packing.Offsets[q];
        }
        Profile();
        _work.Spend(1 + _items.Count + (end - first) / 8);
        foreach (int q in free) _packing.Remove(q);
        _best.Clear();
        _kept.Clear();
        Exhaustive = Branch(0, 0);
        foreach (int q in _items) _packing.Remove(q);
        foreach (int q in _items) _rank[q] = -1;
        if (_best.Count > 0 && Apply()) return true;
        Restore();
        return false;
    }

    // The region's segments: the anchors' bytes taken from the capacity, every item's bytes undecided.
    private void Profile()
    {
        for (int r = 0; r < _items.Count; r++) _rank[_items[r]] = r;
        foreach (int q in _anchored) _rank[q] = -2;
        _itemFirst.Clear();
        _segment.Clear();
        _bytes.Clear();
        var perItem = new List<(int Segment, long Bytes)>[_items.Count];
        for (int r = 0; r < perItem.Length; r++) perItem[r] = [];
        long capacity = _problem.Pools[_pool].Capacity;
        for (int s = _first; s < _end; s++)
        {
            long anchoredBytes = 0;
            double ratio = double.MaxValue;
            var (i0, i1) = _bound.Items(s);
            for (int i = i0; i < i1; i++)
            {
                int q = _bound.ItemBuffer(i);
                int r = _rank[q];
                if (r == -2) anchoredBytes += _bound.ItemBytes(i);
                else if (r >= 0 && _bound.ItemBytes(i) > 0)
                {
                    perItem[r].Add((s, _bound.ItemBytes(i)));
                    ratio = Math.Min(ratio, (double)_value[q] / _bound.ItemBytes(i));
                }
            }
            _room[s] = capacity - anchoredBytes;
            _keptBytes[s] = 0;
            _openBytes[s] = 0;
            _ratio[s] = ratio == double.MaxValue ? 0 : ratio;
        }
        foreach (int q in _anchored) _rank[q] = -1;
        for (int r = 0; r < perItem.Length; r++)
        {
            _itemFirst.Add(_segment.Count);
            foreach (var (s, bytes) in perItem[r])
            {
                _segment.Add(s);
                _bytes.Add(bytes);
                _openBytes[s] += bytes;
            }
        }
        _itemFirst.Add(_segment.Count);
    }

    // Decides items from rank r on, with `value` kept so far; false when the search was cut short by its work.
    private bool Branch(int r, long value)
    {
        if (value > _bestValue)
        {
            _bestValue = value;
            _best.Clear();
            foreach (int q in _kept) _best.Add((q, _packing.Offsets[q]));
        }
        if (r == _items.Count) return true;
        if (Out()) return false;
        _work.Spend(1 + (_end - _first) / 8);
        if (value + _suffix[r] - LeastLoss() <= _bestValue) return true;
        int k = _items[r];
        Decide(r, keep: false, undo: false);
        bool complete = true;
        if (Keep(k))
        {
            Decide(r, keep: true, undo: false);
            _kept.Add(k);
            complete = Branch(r + 1, value + _value[k]);
            _kept.RemoveAt(_kept.Count - 1);
            _packing.Remove(k);
            Decide(r, keep: true, undo: true);
            if (!complete) return false;
        }
        else if (Out())
        {
            return false;
        }
        complete = Branch(r + 1, value);
        Decide(r, keep: false, undo: true);
        return complete;
    }

    // Item of rank r leaves the undecided bytes (and, kept, joins the kept ones), or comes back.
    private void Decide(int r, bool keep, bool undo)
    {
        for (int i = _itemFirst[r]; i < _itemFirst[r + 1]; i++)
        {
            int s = _segment[i];
            long bytes = undo ? -_bytes[i] : _bytes[i];
            if (keep) _keptBytes[s] += bytes;
            else _openBytes[s] -= bytes;
        }
    }

    // The least value that must leave at segment s: its overflowing bytes at the least value per byte there.
    private double LossAt(int s)
    {
        long excess = _keptBytes[s] + _openBytes[s] - _room[s];
        return excess <= 0 ? 0 : excess * _ratio[s];
    }

    // The least value that must leave at the region's fullest segment (the largest such loss: a lower bound).
    private long LeastLoss()
    {
        double loss = 0;
        for (int s = _first; s < _end; s++) loss = Math.Max(loss, LossAt(s));
        // Rounded down, a little below, so that floating point never cuts a branch the exact figure would keep.
        return (long)Math.Floor(loss * (1 - 1e-9));
    }

    // Buffer k joins the pool: at its lowest fit, else by the solver with the kept items around the anchors.
    private bool Keep(int k)
    {
        _work.Spend(1);
        long x = _packing.LowestFit(k, _pool);
        if (x >= 0)
        {
            _packing.Place(k, _pool, x);
            return true;
        }
        if (_solverNodes <= 0) return false;
        long nodes = Math.Min(_solverNodes, Math.Max(1, _stopAt - _work.Used));
        _kept.Add(k);
        var verdict = _packing.RepackAround(_pool, _anchored, _kept, nodes);
        _kept.RemoveAt(_kept.Count - 1);
        Debug.Assert(verdict != PackVerdict.Placed || _packing.PoolOf[k] == _pool, "a repack places every member");
        return verdict == PackVerdict.Placed;
    }

    // The best kept set at its offsets; offered items not kept where they were, free ones not kept to their cheapest
    // fit. False when one finds no place or the cost does not fall (the caller restores).
    private bool Apply()
    {
        foreach (var (q, x) in _best) _packing.Place(q, _pool, x);
        long delta = 0;
        foreach (var (q, _) in _best) delta += _problem.Weights[q] * (CostOf(_pool) - CostOf(_savedPool[q]));
        foreach (int q in _items)
        {
            if (_packing.PoolOf[q] >= 0 || _savedPool[q] == _pool) continue;
            _packing.Place(q, _savedPool[q], _savedOffset[q]);
        }
        foreach (int q in _items)
        {
            if (_packing.PoolOf[q] >= 0) continue;
            int to = _packing.PlaceInCheapestFit(q);
            if (to < 0) return false;
            delta += _problem.Weights[q] * (CostOf(to) - CostOf(_savedPool[q]));
        }
        _work.Spend(_items.Count);
        return delta < 0;
    }

    private void Restore()
    {
        foreach (int q in _items) _packing.Remove(q);
        foreach (int q in _items) _packing.Place(q, _savedPool[q], _savedOffset[q]);
    }

    private bool Out() => _work.Stopped() || _work.Used >= _stopAt;

    private long CostOf(int pool) => _problem.Pools[pool].Cost;

    // The cheapest pool other than the region's that buffer q fits in on its own.
    private long NextCost(int q)
    {
        foreach (int p in _byCost)
        {
            if (p != _pool && (_fits[q] & (1UL << p)) != 0) return CostOf(p);
        }
        return CostOf(_pool);
    }
}
