using System.Diagnostics;
using System.Numerics;

namespace MiniMalloc;

/// <summary>
/// The LP relaxation of one cost layer over every step at once: keep a fraction x of each buffer in the layer, so
/// that at every step the bytes kept are at most the layer's capacity there, keeping as much weight as possible;
/// what is not kept is a lower bound on the weight that must leave the layer. With y = size * x each step's
/// constraint covers an interval of steps, so the LP is a min-cost flow on the path of steps: one arc per step
/// (its capacity's slack) and one arc per buffer from its first to its end step (capacity its bytes, cost minus its
/// weight per byte). The flow is solved in floating point by successive shortest paths; its node potentials are
/// prices per byte of capacity at each step, and the bound is computed from those prices exactly (Lagrangian
/// duality: for any prices pi &gt;= 0, the weight kept is at most sum_s cap_s pi_s + sum_i max(0, w_i - sum_s
/// bytes_is pi_s)), so rounding in the flow can only weaken the bound, never make it unsound; and so can stopping
/// the flow early: the shortest paths cost up to (steps + buffers) × log each, one per augmentation, so on large
/// problems the flow stops at a work limit (<see cref="WorkLimit"/>: an arc looked at or a queue entry is a unit), and
/// the prices it has reached by then still give a sound, weaker bound.
/// </summary>
internal sealed class PoolLpBound
{
    // Prices are rounded down to multiples of 2^-32 before the exact evaluation.
    internal const int PriceBits = 32;
    private const long Unbounded = long.MaxValue / 4;

    // A queue entry costs about as much as this many arcs looked at (a binary heap's sift over a few levels).
    private const long QueueEntryWork = 4;

    private readonly PoolCostBound _steps;
    private readonly int _segments;
    // The flow network: nodes 0..segments are the step boundaries, then a source and a sink. Arcs in pairs
    // (an arc and its reverse at index ^ 1), as adjacency lists threaded through _next.
    private readonly List<int> _head = [];
    private readonly List<int> _next = [];
    private readonly List<long> _residual = [];
    private readonly List<double> _cost = [];
    private readonly int[] _first;
    private readonly double[] _potential;
    private readonly double[] _distance;
    private readonly int[] _via;
    private readonly PriorityQueue<int, double> _queue = new();

    /// <summary>The units of work (arcs looked at, queue entries) one <see cref="Leaving"/> may spend on its flow before it settles for the prices it has.</summary>
    public long WorkLimit { get; set; } = long.MaxValue;

    /// <summary>The units of work spent by the last <see cref="Leaving"/>.</summary>
    public long Work { get; private set; }

    /// <summary>True when the last <see cref="Leaving"/> stopped its flow at <see cref="WorkLimit"/> (its bound may then be weaker than the LP's).</summary>
    public bool Cut { get; private set; }

    public PoolLpBound(PoolCostBound steps)
    {
        _steps = steps;
        _segments = steps.Segments;
        int nodes = _segments + 3;
        _first = new int[nodes];
        _potential = new double[nodes];
        _distance = new double[nodes];
        _via = new int[nodes];
    }

    /// <summary>
    /// The least weight that must leave a layer whose free capacity at segment s is <paramref name="capacity"/>[s]
    /// (never negative), for the buffers with <paramref name="included"/> set (those not included count as kept for
    /// free: a relaxation), rounded up to an integer since weights are integers.
    /// </summary>
    public long Leaving(long[] capacity, bool[] included, IReadOnlyList<long> weights)
    {
        var prices = FlowPrices(capacity, included, weights);
        return prices is null ? 0 : Evaluate(capacity, included, weights, prices);
    }

    /// <summary>
    /// The LP's prices per byte of each segment's capacity, as <see cref="Leaving"/> evaluates them: multiples of
    /// 2^-32, given as integers scaled by 2^32 (the integer bound prunes with them); null when nothing is to be
    /// priced (no included buffer has bytes and weight) or a price does not fit a long.
    /// </summary>
    public long[]? ScaledPrices(long[] capacity, bool[] included, IReadOnlyList<long> weights)
    {
        if (FlowPrices(capacity, included, weights) is not { } prices) return null;
        var scaled = new long[_segments];
        for (int s = 0; s < _segments; s++)
        {
            double price = Math.Floor(Math.ScaleB(prices[s], PriceBits));
            if (!(price < long.MaxValue)) return null;
            scaled[s] = (long)price;
        }
        return scaled;
    }

    private double[]? FlowPrices(long[] capacity, bool[] included, IReadOnlyList<long> weights)
    {
        Debug.Assert(capacity.Length == _segments, "one capacity per segment");
        Work = 0;
        Cut = false;
        int n = included.Length;
        var bytes = new long[n];
        var firstSegment = new int[n];
        var endSegment = new int[n];
        for (int k = 0; k < n; k++) firstSegment[k] = -1;
        for (int s = 0; s < _segments; s++)
        {
            var (first, end) = _steps.Items(s);
            for (int i = first; i < end; i++)
            {
                int k = _steps.ItemBuffer(i);
                long b = _steps.ItemBytes(i);
                if (!included[k] || b == 0 || weights[k] == 0) continue;
                // A buffer whose bytes vary over its steps (gap windows) is modelled in the flow by its fewest bytes:
                // only the prices depend on it, and the exact evaluation below uses its true bytes.
                bytes[k] = bytes[k] == 0 ? b : Math.Min(bytes[k], b);
                if (firstSegment[k] < 0) firstSegment[k] = s;
                endSegment[k] = s + 1;
            }
        }
        if (!bytes.Any(b => b > 0)) return null;
        return Prices(capacity, bytes, firstSegment, endSegment, weights);
    }

    // The prices per byte of each segment's capacity: the optimal dual of the flow, from its potentials.
    private double[] Prices(long[] capacity, long[] bytes, int[] firstSegment, int[] endSegment, IReadOnlyList<long> weights)
    {
        int source = _segments + 1, sink = _segments + 2;
        Array.Fill(_first, -1);
        Array.Clear(_potential);
        _head.Clear();
        _next.Clear();
        _residual.Clear();
        _cost.Clear();
        // Start from every buffer kept whole: its arc saturated, which leaves an excess at its end node and a deficit
        // at its first; each segment's arc carries its capacity's slack, which may be sent back (reverse residual).
        // Routing the excesses back to the deficits at least cost is dropping the least weight that restores every
        // step's capacity. Every residual arc then costs at least 0, so zero potentials start the shortest paths.
        var excess = new long[_segments + 1];
        for (int s = 0; s < _segments; s++) AddArc(s, s + 1, Unbounded, capacity[s], 0);
        long total = 0;
        for (int k = 0; k < bytes.Length; k++)
        {
            if (bytes[k] == 0) continue;
            AddArc(firstSegment[k], endSegment[k], 0, bytes[k], -(double)weights[k] / bytes[k]);
            excess[endSegment[k]] += bytes[k];
            excess[firstSegment[k]] -= bytes[k];
            total += bytes[k];
        }
        for (int v = 0; v <= _segments; v++)
        {
            if (excess[v] > 0) AddArc(source, v, excess[v], 0, 0);
            else if (excess[v] < 0) AddArc(v, sink, -excess[v], 0, 0);
        }
        long routed = 0;
        long supply = excess.Where(e => e > 0).Sum();
        Debug.Assert(supply <= total, "each buffer adds its bytes once");
        while (routed < supply)
        {
            if (Work > WorkLimit)
            {
                Cut = true;
                break;
            }
            if (!ShortestPaths(source, sink)) break;
            long push = long.MaxValue;
            for (int v = sink; v != source; v = _head[_via[v] ^ 1]) push = Math.Min(push, _residual[_via[v]]);
            for (int v = sink; v != source; v = _head[_via[v] ^ 1])
            {
                _residual[_via[v]] -= push;
                _residual[_via[v] ^ 1] += push;
            }
            routed += push;
        }
        // Every residual arc has a reduced cost of at least 0, the segment arcs included: potential(s) >=
        // potential(s + 1), and the difference is the price of segment s (0 where it has slack).
        var prices = new double[_segments];
        for (int s = 0; s < _segments; s++)
        {
            double price = _potential[s] - _potential[s + 1];
            prices[s] = double.IsFinite(price) && price > 0 ? price : 0;
        }
        return prices;
    }

    // Dijkstra on reduced costs from the source, until the sink is settled; the potentials then move by the distances
    // capped at the sink's (a node not settled by then is at least as far as the sink, so its tentative distance
    // capped is its true one capped), so that every reduced cost stays at least 0. False when the sink cannot be
    // reached.
    private bool ShortestPaths(int source, int sink)
    {
        Array.Fill(_distance, double.PositiveInfinity);
        Work += _distance.Length;
        _distance[source] = 0;
        _queue.Clear();
        _queue.Enqueue(source, 0);
        while (_queue.TryDequeue(out int v, out double d))
        {
            if (d > _distance[v]) continue;
            if (v == sink) break;
            for (int a = _first[v]; a >= 0; a = _next[a])
            {
                Work++;
                if (_residual[a] == 0) continue;
                int w = _head[a];
                double reduced = Math.Max(0, _cost[a] + _potential[v] - _potential[w]);
                double candidate = d + reduced;
                if (candidate < _distance[w])
                {
                    _distance[w] = candidate;
                    _via[w] = a;
                    _queue.Enqueue(w, candidate);
                    Work += QueueEntryWork;
                }
            }
        }
        double reach = _distance[sink];
        if (double.IsPositiveInfinity(reach)) return false;
        for (int v = 0; v < _potential.Length; v++) _potential[v] += Math.Min(_distance[v], reach);
        return true;
    }

    private void AddArc(int from, int to, long residual, long reverseResidual, double cost)
    {
        _head.Add(to);
        _residual.Add(residual);
        _cost.Add(cost);
        _next.Add(_first[from]);
        _first[from] = _head.Count - 1;
        _head.Add(from);
        _residual.Add(reverseResidual);
        _cost.Add(-cost);
        _next.Add(_first[to]);
        _first[to] = _head.Count - 1;
    }

    // The weight that must leave, from the prices, exactly: sum_i min(w_i, sum_s bytes_is pi_s) - sum_s cap_s pi_s
    // with pi rounded down to multiples of 2^-PriceBits, rounded up to an integer.
    private long Evaluate(long[] capacity, bool[] included, IReadOnlyList<long> weights, double[] prices)
    {
        var scaled = new BigInteger[_segments];
        for (int s = 0; s < _segments; s++) scaled[s] = new BigInteger(Math.Floor(Math.ScaleB(prices[s], PriceBits)));
        var charged = new BigInteger[included.Length];
        BigInteger value = BigInteger.Zero;
        for (int s = 0; s < _segments; s++)
        {
            if (scaled[s].IsZero) continue;
            value -= capacity[s] * scaled[s];
            var (first, end) = _steps.Items(s);
            for (int i = first; i < end; i++)
            {
                int k = _steps.ItemBuffer(i);
                if (included[k]) charged[k] += _steps.ItemBytes(i) * scaled[s];
            }
        }
        for (int k = 0; k < included.Length; k++)
        {
            if (!included[k] || charged[k].IsZero) continue;
            value += BigInteger.Min(new BigInteger(weights[k]) << PriceBits, charged[k]);
        }
        if (value.Sign <= 0) return 0;
        var leaving = (value + (BigInteger.One << PriceBits) - 1) >> PriceBits;
        return leaving > long.MaxValue ? long.MaxValue : (long)leaving;
    }
}
