using System.Diagnostics;

namespace MiniMalloc;

/// <summary>How <see cref="PoolCostBound"/> bounds the weight that must leave a group of pools.</summary>
internal enum PoolBoundStrength
{
    /// <summary>The busiest step alone, relaxed: the bytes that must leave it, at the lowest weight per byte.</summary>
    Weak,

    /// <summary>The busiest step alone, exactly: a knapsack per step, the largest taken.</summary>
    StepKnapsack,

    /// <summary>As <see cref="Disjoint"/> with each step's knapsack relaxed (and no count limits): what the LP is at least.</summary>
    DisjointRelaxed,

    /// <summary>Knapsacks of steps that no buffer spans together, added up (the best such set of steps, by a sweep).</summary>
    Disjoint,

    /// <summary>
    /// As <see cref="Disjoint"/>, but buffers that span more than a given number of steps count as free (weight 0)
    /// everywhere, so that they no longer keep steps apart; the best over halving spans, and the busiest step.
    /// </summary>
    Strong,

    /// <summary>The LP relaxation over every step at once (<see cref="PoolLpBound"/>): a min-cost flow on the path of steps.</summary>
    Lp,

    /// <summary>Per layer, the larger of <see cref="Strong"/> and <see cref="Lp"/>: what the planner reports.</summary>
    Strongest,
}

/// <summary>
/// A lower bound on the cost of every plan (or of every completion of a partial assignment). The cost splits into
/// layers: with the distinct pool costs c0 &lt; c1 &lt; ..., a buffer pays its cheapest feasible pool's cost, plus
/// (c(j+1) - cj) times its weight for every layer j above that which it does not stay within (the pools of cost at
/// most cj). At every step, the buffers held within layer j occupy at most the sum of its pools' capacities, so the
/// weight that must leave the layer at that step is a covering knapsack; steps that no buffer spans together need
/// disjoint sets of buffers to leave, so their knapsacks add up.
/// </summary>
internal sealed partial class PoolCostBound
{
    private readonly FoldedPoolProblem _problem;
    private readonly long[] _segmentStart;
    // Per segment, its live items: buffer and bytes, in _itemBuffer/_itemBytes[_itemFirst[s] .. _itemFirst[s + 1]).
    private readonly int[] _itemFirst;
    private readonly int[] _itemBuffer;
    private readonly long[] _itemBytes;
    private readonly int[] _hullFirst;
    private readonly int[] _hullEnd;
    private readonly long[] _minCost;
    private readonly long[] _layerCost;
    private readonly long[] _layerCapacity;
    private readonly ulong[] _layerPools;
    private readonly bool[][] _candidate;
    private readonly CoverKnapsack _knapsack = new();
    private readonly long[] _stepValue;
    private readonly long[] _best;
    private readonly int[] _firstSpanning;
    private readonly PoolLpBound _lp;
    // Per layer, the greatest common divisor of its candidates' bytes at any step and of their weights: the bytes
    // kept at a step and the weight that leaves are sums of them.
    private readonly long[] _bytesUnit;
    private readonly long[] _weightUnit;

    public PoolCostBound(FoldedPoolProblem problem)
    {
        _problem = problem;
        var buffers = problem.Buffers;
        int n = buffers.Count;
        // What each buffer occupies in any plan of the problem as given (an alias group: its live members' bytes).
        var pieces = new IReadOnlyList<(Lifespan Steps, long Bytes)>[n];
        var points = new List<long>();
        for (int k = 0; k < n; k++)
        {
            pieces[k] = problem.Occupancy(k);
            points.Add(buffers[k].Lifespan.Lower);
            points.Add(buffers[k].Lifespan.Upper);
            foreach (var piece in pieces[k])
            {
                points.Add(piece.Steps.Lower);
                points.Add(piece.Steps.Upper);
            }
        }
        _segmentStart = points.Distinct().Order().ToArray();
        int segments = Math.Max(0, _segmentStart.Length - 1);
        var counts = new int[segments + 1];
        _hullFirst = new int[n];
        _hullEnd = new int[n];
        for (int k = 0; k < n; k++)
        {
            _hullFirst[k] = Segment(buffers[k].Lifespan.Lower);
            _hullEnd[k] = Segment(buffers[k].Lifespan.Upper);
            foreach (var piece in pieces[k])
            {
                for (int s = Segment(piece.Steps.Lower); s < Segment(piece.Steps.Upper); s++) counts[s]++;
            }
        }
        _itemFirst = new int[segments + 1];
        for (int s = 0; s < segments; s++) _itemFirst[s + 1] = _itemFirst[s] + counts[s];
        _itemBuffer = new int[_itemFirst[segments]];
        _itemBytes = new long[_itemFirst[segments]];
        var fill = (int[])_itemFirst.Clone();
        for (int k = 0; k < n; k++)
        {
            foreach (var piece in pieces[k])
            {
                for (int s = Segment(piece.Steps.Lower); s < Segment(piece.Steps.Upper); s++)
                {
                    _itemBuffer[fill[s]] = k;
                    _itemBytes[fill[s]++] = piece.Bytes;
                }
            }
        }
        // The layers: one per distinct pool cost but the highest.
        var costs = problem.Pools.Select(p => p.Cost).Distinct().Order().ToArray();
        int layers = Math.Max(0, costs.Length - 1);
        _layerCost = new long[layers];
        _layerCapacity = new long[layers];
        _layerPools = new ulong[layers];
        for (int j = 0; j < layers; j++)
        {
            _layerCost[j] = costs[j + 1] - costs[j];
            for (int p = 0; p < problem.Pools.Count; p++)
            {
                if (problem.Pools[p].Cost > costs[j]) continue;
                _layerCapacity[j] += problem.Pools[p].Capacity;
                _layerPools[j] |= 1UL << p;
            }
        }
        // A buffer's cheapest pool is the cheapest it fits in on its own; it may stay within a layer only through a
        // pool of that layer it fits in.
        _minCost = new long[n];
        _candidate = new bool[layers][];
        for (int j = 0; j < layers; j++) _candidate[j] = new bool[n];
        for (int k = 0; k < n; k++)
        {
            ulong fits = FitMask(k);
            _minCost[k] = long.MaxValue;
            for (int p = 0; p < problem.Pools.Count; p++)
            {
                if ((fits & (1UL << p)) != 0) _minCost[k] = Math.Min(_minCost[k], problem.Pools[p].Cost);
            }
            for (int j = 0; j < layers; j++) _candidate[j][k] = (fits & _layerPools[j]) != 0;
        }
        _stepValue = new long[segments];
        _best = new long[segments + 1];
        _firstSpanning = new int[segments];
        _lp = new PoolLpBound(this) { WorkLimit = DefaultLpWork };
        _bytesUnit = new long[layers];
        _weightUnit = new long[layers];
        for (int j = 0; j < layers; j++)
        {
            for (int i = 0; i < _itemBuffer.Length; i++)
            {
                if (_candidate[j][_itemBuffer[i]]) _bytesUnit[j] = Gcd(_bytesUnit[j], _itemBytes[i]);
            }
            for (int k = 0; k < n; k++)
            {
                if (_candidate[j][k]) _weightUnit[j] = Gcd(_weightUnit[j], problem.Weights[k]);
            }
        }
    }

    /// <summary>
    /// The most work (<see cref="PoolLpBound.WorkLimit"/>) the LP relaxation of one layer may spend on its flow when
    /// nothing sets less (the planner gives it at most half of its work budget). A layer whose estimate
    /// (<see cref="LpWorkEstimate"/>) is above the limit is not run; a flow that reaches the limit all the same stops,
    /// and its bound is the one its prices give (sound, weaker). The reported bound is never below the strong one.
    /// </summary>
    public const long DefaultLpWork = 1_000_000_000;

    /// <summary>The work limit of each layer's LP relaxation (<see cref="DefaultLpWork"/> unless set).</summary>
    public long LpWorkLimit
    {
        get => _lp.WorkLimit;
        set => _lp.WorkLimit = value;
    }

    /// <summary>
    /// About the work one layer's LP flow takes: an augmenting path per step (and per buffer's end), each a shortest
    /// path over the steps and the buffers. Measured on a generated network of 10,000 buffers: 3.9 × 10⁸ units, the
    /// estimate 4.3 × 10⁸. Above its limit the LP is not run.
    /// </summary>
    public long LpWorkEstimate => 3L * Segments * ((long)Segments + _problem.Buffers.Count);

    /// <summary>The work of the last <see cref="Compute(int[], PoolBoundStrength)"/> beyond its knapsacks: the LP relaxations' (arcs looked at, queue entries, items) and the strong bound's passes.</summary>
    public long Work { get; private set; }

    /// <summary>True when an LP relaxation of the last <see cref="Compute(int[], PoolBoundStrength)"/> stopped at its work limit.</summary>
    public bool LpCut { get; private set; }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    // What the candidates of layer j can hold of `room` free bytes at a step: their bytes there are a sum of multiples
    // of the layer's unit, so the room rounds down to one (negative room stays: nothing fits).
    private long Room(int j, long room) => room <= 0 || _bytesUnit[j] <= 1 ? room : room - room % _bytesUnit[j];

    // The weight that leaves layer j is a sum of candidates' weights: a bound on it rounds up to a multiple of their unit.
    private long LeavingUnit(int j, long leaving)
    {
        long unit = _weightUnit[j];
        if (unit <= 1 || leaving == long.MaxValue || leaving % unit == 0) return leaving;
        return leaving + unit - leaving % unit;
    }

    /// <summary>The items live in segment <paramref name="s"/>: indices into <see cref="ItemBuffer"/> and <see cref="ItemBytes"/>.</summary>
    public (int First, int End) Items(int s) => (_itemFirst[s], _itemFirst[s + 1]);

    /// <summary>The live items of all steps together (the work of one bound).</summary>
    public int ItemCount => _itemBuffer.Length;

    public int ItemBuffer(int item) => _itemBuffer[item];

    public long ItemBytes(int item) => _itemBytes[item];

    /// <summary>The segments buffer <paramref name="k"/>'s lifespan covers: [first, end).</summary>
    public (int First, int End) Hull(int k) => (_hullFirst[k], Segment(_problem.Buffers[k].Lifespan.Upper));

    /// <summary>
    /// The passes over every step that <see cref="PoolBoundStrength.Strong"/> makes per layer: one with every buffer
    /// counted, then one per halving span (for the work the branch and bound charges per node).
    /// </summary>
    public int StrongPasses
    {
        get
        {
            int passes = 1;
            for (int span = Segments / 2; span >= 1; span /= 2) passes++;
            return passes;
        }
    }

    public int Segments => _segmentStart.Length - 1 < 0 ? 0 : _segmentStart.Length - 1;

    /// <summary>
    /// <see cref="FitMask"/> of every buffer, computed once and shared by the planner's steps, which only read it.
    /// </summary>
    public ulong[] FitMasks => _fitMasks ??= [.. Enumerable.Range(0, _problem.Buffers.Count).Select(FitMask)];

    private ulong[]? _fitMasks;

    /// <summary>The pools buffer <paramref name="k"/> fits in on its own (size, and its fixed offset where it has one).</summary>
    public ulong FitMask(int k)
    {
        var b = _problem.Buffers[k];
        ulong mask = 0;
        for (int p = 0; p < _problem.Pools.Count; p++)
        {
            if ((_problem.Masks[k] & (1UL << p)) == 0) continue;
            long offset = b.Offset ?? 0;
            if (offset % _problem.AlignmentIn(k, p) == 0 && offset + b.Size <= _problem.Pools[p].Capacity) mask |= 1UL << p;
        }
        return mask;
    }

    /// <summary>The cheapest cost per unit of weight buffer <paramref name="k"/> can have.</summary>
    public long MinCost(int k) => _minCost[k];

    /// <summary>The bound on the whole problem.</summary>
    public long Compute(PoolBoundStrength strength)
    {
        var none = new int[_problem.Buffers.Count];
        Array.Fill(none, -1);
        return Compute(none, strength);
    }

    /// <summary>
    /// A lower bound on the cost of every plan that keeps the pools of <paramref name="poolOf"/> (-1: not yet
    /// assigned), or long.MaxValue when no such plan can exist (the assigned buffers alone overfill a layer).
    /// </summary>
    public long Compute(int[] poolOf, PoolBoundStrength strength)
    {
        Work = 0;
        LpCut = false;
        long bound = BaseCost(poolOf);
        for (int j = 0; j < _layerCost.Length; j++)
        {
            long leaving = LayerLeaving(j, poolOf, strength);
            if (leaving == long.MaxValue) return long.MaxValue;
            bound += _layerCost[j] * LeavingUnit(j, leaving);
        }
        return bound;
    }

    /// <summary>The cost layers: one per distinct pool cost but the highest.</summary>
    public int Layers => _layerCost.Length;

    /// <summary>The pools of layer <paramref name="j"/> (those of cost at most its cost), as a mask.</summary>
    public ulong LayerPools(int j) => _layerPools[j];

    /// <summary>The count limits of layer <paramref name="j"/> (<see cref="PoolCountLimits"/>), computed once.</summary>
    public (long Above, long Count)[] CountLimits(int j)
    {
        _limits ??= new (long, long)[_layerCost.Length][];
        return _limits[j] ??= PoolCountLimits.Of([.. Enumerable.Range(0, _problem.Pools.Count)
            .Where(p => (_layerPools[j] & (1UL << p)) != 0).Select(p => _problem.Pools[p].Capacity)]);
    }

    private (long Above, long Count)[][]? _limits;

    // What every buffer pays at least: its assigned pool's cost, or its cheapest pool's.
    private long BaseCost(int[] poolOf)
    {
        long bound = 0;
        for (int k = 0; k < poolOf.Length; k++)
        {
            long weight = _problem.Weights[k];
            bound += poolOf[k] >= 0 ? weight * _problem.Pools[poolOf[k]].Cost : weight * _minCost[k];
        }
        return bound;
    }

    // The weight that must leave layer j at least, by the given strength; long.MaxValue when the assigned buffers
    // alone overfill it.
    private long LayerLeaving(int j, int[] poolOf, PoolBoundStrength strength)
    {
        bool lp = strength is PoolBoundStrength.Lp or PoolBoundStrength.Strongest;
        bool disjoint = strength is not PoolBoundStrength.Lp;
        var layerStrength = strength == PoolBoundStrength.Strongest ? PoolBoundStrength.Strong : strength;
        long leaving = disjoint ? Layer(j, poolOf, layerStrength, int.MaxValue) : 0;
        if (leaving == long.MaxValue) return long.MaxValue;
        if (lp)
        {
            long relaxed = LpLayer(j, poolOf);
            if (relaxed == long.MaxValue) return long.MaxValue;
            leaving = Math.Max(leaving, relaxed);
        }
        if (layerStrength == PoolBoundStrength.Strong)
        {
            for (int span = Segments / 2; span >= 1; span /= 2)
            {
                leaving = Math.Max(leaving, Layer(j, poolOf, strength, span));
                Work += _itemBuffer.Length + Segments;
            }
        }
        return leaving;
    }

    /// <summary>The weight that must leave layer <paramref name="j"/>'s pools, at least.</summary>
    /// <remarks>
    /// Buffers whose lifespans cover more than <paramref name="freeSpan"/> segments count with weight 0: a plan's
    /// cost is at least the weight of the other buffers that leave, and those leaving at steps that none of the
    /// others spans together are distinct buffers.
    /// </remarks>
    private long Layer(int j, int[] poolOf, PoolBoundStrength strength, int freeSpan)
    {
        var candidate = _candidate[j];
        ulong inside = _layerPools[j];
        int segments = Segments;
        bool exact = strength is not (PoolBoundStrength.Weak or PoolBoundStrength.DisjointRelaxed);
        long max = 0;
        var limits = exact ? CountLimits(j) : [];
        var needs = limits.Length == 0 ? null : new (long Above, long Need)[limits.Length];
        for (int s = 0; s < segments; s++)
        {
            long fixedBytes = 0, free = 0;
            _knapsack.Clear();
            for (int t = 0; t < limits.Length; t++) needs![t] = (limits[t].Above, -limits[t].Count);
            _firstSpanning[s] = s;
            for (int i = _itemFirst[s]; i < _itemFirst[s + 1]; i++)
            {
                int k = _itemBuffer[i];
                int pool = poolOf[k];
                bool inLayer = pool >= 0 ? (inside & (1UL << pool)) != 0 : candidate[k] && _itemBytes[i] > 0;
                // Every buffer that is or may be in the layer counts towards its count limits.
                for (int t = 0; t < limits.Length && inLayer; t++)
                {
                    if (_itemBytes[i] > limits[t].Above) needs![t].Need++;
                }
                if (pool >= 0)
                {
                    if (inLayer) fixedBytes += _itemBytes[i];
                    continue;
                }
                if (!inLayer) continue;
                free += _itemBytes[i];
                if (_hullEnd[k] - _hullFirst[k] > freeSpan)
                {
                    _knapsack.Add(_itemBytes[i], 0);
                    continue;
                }
                _knapsack.Add(_itemBytes[i], _problem.Weights[k]);
                _firstSpanning[s] = Math.Min(_firstSpanning[s], _hullFirst[k]);
            }
            long excess = free - Room(j, _layerCapacity[j] - fixedBytes);
            bool counted = false;
            for (int t = 0; t < limits.Length; t++) counted |= needs![t].Need > 0;
            if (counted) _knapsack.SetCounts(needs!);
            long value = excess <= 0 && !counted ? 0 : _knapsack.Solve(excess, exact);
            if (value < 0) return long.MaxValue;
            _stepValue[s] = value;
            max = Math.Max(max, value);
        }
        if (strength is PoolBoundStrength.Weak or PoolBoundStrength.StepKnapsack) return max;
        // Steps chosen so that no unassigned candidate spans two of them: best[s + 1] is the best sum over steps
        // before s + 1. A step s may follow any chosen step before the first start of the buffers live at s.
        // Buffers span contiguous hulls, so consecutive disjointness makes every pair disjoint.
        // (The hull of a buffer live at s starts at or before s, so _firstSpanning[s] <= s.)
        _best[0] = 0;
        for (int s = 0; s < segments; s++)
        {
            Debug.Assert(_firstSpanning[s] <= s, "a live buffer starts at or before the step");
            long take = _stepValue[s] + _best[HullStart(s)];
            _best[s + 1] = Math.Max(_best[s], take);
        }
        return Math.Max(max, _best[segments]);
    }

    // The LP relaxation of layer j: the unassigned buffers that may stay in it, in what the assigned ones leave free
    // of its capacity at each step; long.MaxValue when the assigned ones alone overfill it.
    private long LpLayer(int j, int[] poolOf)
    {
        if (LayerRoom(j, poolOf) is not { } room) return long.MaxValue;
        if (LpWorkEstimate > _lp.WorkLimit)
        {
            // The flow would not finish within its limit, and the prices of a flow stopped early bound little: the
            // work is better spent on the plan, and the strong bound stands.
            LpCut = true;
            return 0;
        }
        long leaving = _lp.Leaving(room, Included(j, poolOf), _problem.Weights);
        Work += _lp.Work + 2L * _itemBuffer.Length + poolOf.Length;
        LpCut |= _lp.Cut;
        return leaving;
    }

    // What the assigned buffers leave free of layer j's capacity at each segment, rounded down to the candidates'
    // unit; null when they alone overfill it.
    private long[]? LayerRoom(int j, int[] poolOf)
    {
        ulong inside = _layerPools[j];
        int segments = Segments;
        var capacity = new long[segments];
        for (int s = 0; s < segments; s++)
        {
            capacity[s] = _layerCapacity[j];
            for (int i = _itemFirst[s]; i < _itemFirst[s + 1]; i++)
            {
                int pool = poolOf[_itemBuffer[i]];
                if (pool >= 0 && (inside & (1UL << pool)) != 0) capacity[s] -= _itemBytes[i];
            }
            if (capacity[s] < 0) return null;
            capacity[s] = Room(j, capacity[s]);
        }
        return capacity;
    }

    // The buffers still to be decided for layer j: unassigned candidates of it.
    private bool[] Included(int j, int[] poolOf)
    {
        var included = new bool[poolOf.Length];
        for (int k = 0; k < poolOf.Length; k++) included[k] = poolOf[k] < 0 && _candidate[j][k];
        return included;
    }

    // The first segment of the unassigned candidates live at segment s. A buffer live at two chosen steps s1 < s3
    // starts at or before s1, so no chosen step s2 between them can precede s3: disjointness of consecutive chosen
    // steps is disjointness of all of them, gaps or not.
    private int HullStart(int s) => _firstSpanning[s];

    private int Segment(long step)
    {
        int index = Array.BinarySearch(_segmentStart, step);
        Debug.Assert(index >= 0, "every piece boundary is a segment start");
        return index;
    }
}
