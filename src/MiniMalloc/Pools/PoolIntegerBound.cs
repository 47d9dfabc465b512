using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The integer keep-or-spill bound of one cost layer, decided near a plan: is there a set of buffers to keep within
/// the layer whose bytes fit its capacity at every step (addresses aside) and which leaves less weight than the
/// plan does? None means the plan's leaving weight is a lower bound; otherwise the least such weight is.
/// </summary>
/// <remarks>
/// <para>
/// With the LP's prices π &gt;= 0 per byte of each segment, a buffer's price is a_i = Σ_s bytes_is π_s and the LP
/// bound is L = Σ_i min(w_i, a_i) - Σ_s cap_s π_s. For any kept set z that fits, its leaving weight is exactly
/// L + Σ_{i flipped} |w_i - a_i| + Σ_s π_s slack_s(z), where "flipped" are the buffers z keeps with a_i &gt; w_i or
/// leaves with a_i &lt;= w_i, and slack_s(z) &gt;= 0 is the capacity z leaves free at s. So a kept set that leaves less
/// than the plan's weight T flips no buffer whose |w_i - a_i| reaches T - L: all of them are fixed where the prices
/// put them, and the search decides the rest exactly, pruned by the same Lagrangian bound on what is undecided.
/// </para>
/// <para>
/// Sound with any prices (rounding in the flow only weakens the pruning, never the verdict): every quantity is
/// an integer scaled by 2^32, in 128 bits, and the search is exhaustive over the buffers not fixed. On plans within
/// a few units of the LP bound few buffers are free and it settles in a few nodes; on wide gaps nearly every buffer
/// is free and it stops at its node limit without a claim.
/// </para>
/// </remarks>
internal sealed class PoolIntegerBound
{
    private const int Bits = PoolLpBound.PriceBits;

    /// <summary>The most buffers left free (the search's depth).</summary>
    private const int MaxFree = 4096;

    private readonly PoolCostBound _steps;
    private readonly long _nodeLimit;
    // Per free buffer (in search order): its items (segment, bytes), weight and scaled price.
    private int[] _free = [];
    private int[] _itemFirst = [];
    private int[] _itemSegment = [];
    private long[] _itemBytes = [];
    private Int128[] _scaledWeight = [];
    private Int128[] _price = [];
    private long[] _room = [];
    private long[] _prices = [];
    private long[] _weight = [];
    private long[] _undecidedBytes = [];
    // The layer's count limits (CountLimits): per limit and segment, how many more items above its size may be kept.
    private (long Above, long Count)[] _limits = [];
    private long[] _countRoom = [];
    private long _best;
    // The buffers kept whatever the free ones do (by index), and the free ones the current branch keeps.
    private bool[] _keep = [];
    private bool[] _path = [];
    private readonly List<(long Leaving, bool[] Kept)> _found = [];
    private long _fixedLeaving;
    private bool[] _guide = [];
    private long _target;

    public PoolIntegerBound(PoolCostBound steps, long nodeLimit)
    {
        _steps = steps;
        _nodeLimit = nodeLimit;
    }

    /// <summary>Search nodes used by the last <see cref="Leaving"/>.</summary>
    public long Nodes { get; private set; }

    /// <summary>
    /// The kept sets the last <see cref="Leaving"/> found, each leaving less weight than the one before (the last
    /// is the cheapest): per buffer, whether it is kept. Each fits the layer's capacity at every step by live bytes
    /// only; whether it also has addresses is for a placement to say.
    /// </summary>
    public IReadOnlyList<(long Leaving, bool[] Kept)> Found => _found;

    /// <summary>
    /// The least weight that must leave the layer, at most <paramref name="target"/> (a plan's leaving weight):
    /// <paramref name="target"/> when no kept set that fits leaves less, the least such weight otherwise; null when the
    /// search reached its node limit (or the prices overflow) without deciding. The layer's free capacity per
    /// segment is <paramref name="capacity"/>, the candidates are <paramref name="included"/>, priced by
    /// <paramref name="prices"/> (scaled by 2^32, <see cref="PoolLpBound.ScaledPrices"/>). <paramref name="guide"/>:
    /// per buffer, whether the plan keeps it; each buffer's branch takes the plan's side first, so that the kept sets
    /// found on the way (<see cref="Found"/>) are near the plan, where a placement from it is likely (the verdict is
    /// the same in any order). Without it, a buffer is kept first. <paramref name="limits"/>: at most Count items of
    /// more than Above bytes kept at any one step (<see cref="PoolCostBound.CountLimits"/>; the prices do not see them,
    /// so they only prune kept sets, which is sound).
    /// </summary>
    public long? Leaving(long[] capacity, bool[] included, IReadOnlyList<long> weights, long[] prices, long target, bool[]? guide = null,
        IReadOnlyList<(long Above, long Count)>? limits = null)
    {
        Nodes = 0;
        _guide = guide ?? [];
        _limits = limits is null ? [] : [.. limits];
        _found.Clear();
        try
        {
            // Each kept set found that leaves less narrows the gap, which fixes more buffers: search again from there.
            while (true)
            {
                var decided = Attempt(capacity, included, weights, prices, target);
                if (decided is not null || _best >= target || Nodes >= _nodeLimit) return decided;
                target = _best;
            }
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    // One search towards target: the buffers fixed by the gap, the rest decided. Checked: the search's sums are bounded
    // by the ones computed here, so it cannot overflow once these do not.
    private long? Attempt(long[] capacity, bool[] included, IReadOnlyList<long> weights, long[] prices, long target)
    {
      checked
      {
        int n = included.Length, segments = capacity.Length;
        // Each included buffer's price, and the LP's value L, scaled.
        var price = new Int128[n];
        var hasBytes = new bool[n];
        Int128 value = 0;
        for (int s = 0; s < segments; s++)
        {
            value -= (Int128)capacity[s] * prices[s];
            var (first, end) = _steps.Items(s);
            for (int i = first; i < end; i++)
            {
                int k = _steps.ItemBuffer(i);
                if (!included[k] || _steps.ItemBytes(i) == 0) continue;
                hasBytes[k] = true;
                price[k] += (Int128)_steps.ItemBytes(i) * prices[s];
            }
        }
        var keep = new bool[n];
        for (int k = 0; k < n; k++)
        {
            if (!included[k] || !hasBytes[k]) continue;
            Int128 w = (Int128)weights[k] << Bits;
            value += Int128.Min(w, price[k]);
        }
        _best = target;
        _target = target;
        Int128 gap = ((Int128)target << Bits) - value;
        if (gap <= 0) return target; // the LP alone reaches the plan
        _room = (long[])capacity.Clone();
        _fixedLeaving = 0;
        var order = new List<int>();
        for (int k = 0; k < n; k++)
        {
            if (!included[k] || !hasBytes[k]) continue;
            Int128 w = (Int128)weights[k] << Bits;
            // A buffer of weight 0 is best left out (keeping it only takes room); the others stay where the prices put
            // them unless flipping them costs less than the gap.
            bool kept = weights[k] > 0 && price[k] <= w;
            Int128 flip = kept ? w - price[k] : price[k] - w;
            if (weights[k] > 0 && flip < gap) order.Add(k);
            else if (kept) keep[k] = true;
            else _fixedLeaving += weights[k];
        }
        for (int s = 0; s < segments; s++)
        {
            var (first, end) = _steps.Items(s);
            for (int i = first; i < end; i++)
            {
                if (keep[_steps.ItemBuffer(i)]) _room[s] -= _steps.ItemBytes(i);
            }
            if (_room[s] < 0) return target; // the fixed buffers alone overfill a step: nothing leaves less
        }
        _countRoom = new long[_limits.Length * segments];
        for (int t = 0; t < _limits.Length; t++)
        {
            for (int s = 0; s < segments; s++)
            {
                long room = _limits[t].Count;
                var (first, end) = _steps.Items(s);
                for (int i = first; i < end; i++)
                {
                    if (keep[_steps.ItemBuffer(i)] && _steps.ItemBytes(i) > _limits[t].Above) room--;
                }
                if (room < 0) return target; // as above: more large buffers than the pools can hold side by side
                _countRoom[t * segments + s] = room;
            }
        }
        if (_fixedLeaving >= target) return target;
        _keep = keep;
        // The free buffers, the most expensive to keep first (they decide the most), with their items.
        order.Sort((a, b) => price[b] != price[a] ? price[b].CompareTo(price[a]) : a.CompareTo(b));
        _free = [.. order];
        _scaledWeight = new Int128[_free.Length];
        _price = new Int128[_free.Length];
        _weight = new long[_free.Length];
        var position = new int[n];
        Array.Fill(position, -1);
        for (int f = 0; f < _free.Length; f++)
        {
            position[_free[f]] = f;
            _weight[f] = weights[_free[f]];
            _scaledWeight[f] = (Int128)_weight[f] << Bits;
            _price[f] = price[_free[f]];
        }
        var counts = new int[_free.Length + 1];
        for (int s = 0; s < segments; s++)
        {
            var (first, end) = _steps.Items(s);
            for (int i = first; i < end; i++)
            {
                int f = position[_steps.ItemBuffer(i)];
                if (f >= 0 && _steps.ItemBytes(i) > 0) counts[f + 1]++;
            }
        }
        _itemFirst = new int[_free.Length + 1];
        for (int f = 0; f < _free.Length; f++) _itemFirst[f + 1] = _itemFirst[f] + counts[f + 1];
        _itemSegment = new int[_itemFirst[^1]];
        _itemBytes = new long[_itemFirst[^1]];
        var fill = (int[])_itemFirst.Clone();
        for (int s = 0; s < segments; s++)
        {
            var (first, end) = _steps.Items(s);
            for (int i = first; i < end; i++)
            {
                int f = position[_steps.ItemBuffer(i)];
                if (f < 0 || _steps.ItemBytes(i) == 0) continue;
                _itemSegment[fill[f]] = s;
                _itemBytes[fill[f]++] = _steps.ItemBytes(i);
            }
        }
        _prices = prices;
        _path = new bool[_free.Length];
        // The Lagrangian bound on what the undecided buffers leave: Σ min(w, a) over them, less the priced room. The
        // room of a segment counts only up to the undecided buffers' bytes there: no kept set fills more, so the
        // constraint with the smaller room is as valid, and the forced slack it leaves costs its price.
        _undecidedBytes = new long[segments];
        for (int i = 0; i < _itemSegment.Length; i++) _undecidedBytes[_itemSegment[i]] += _itemBytes[i];
        Int128 pricedRoom = 0;
        for (int s = 0; s < segments; s++) pricedRoom += (Int128)Math.Min(_room[s], _undecidedBytes[s]) * prices[s];
        Int128 undecided = 0;
        for (int f = 0; f < _free.Length; f++) undecided += Int128.Min(_scaledWeight[f], _price[f]);
        // The search recurses once per free buffer: too many of them is a gap too wide to decide anyway.
        if (_free.Length > MaxFree) return null;
        bool decided = Search(0, 0, undecided, pricedRoom);
        return decided ? _best : null;
      }
    }

    // Decides free buffers from index f on, having left `leaving` weight of the ones before; false at the node limit.
    private bool Search(int f, long leaving, Int128 undecided, Int128 pricedRoom)
    {
        if (++Nodes > _nodeLimit) return false;
        // A better kept set found narrows the gap: the caller searches again with more buffers fixed.
        if (_best < _target) return false;
        long total = _fixedLeaving + leaving;
        if (total >= _best) return true;
        Int128 rest = undecided - pricedRoom;
        if (rest > 0 && total + (long)((rest + (Int128.One << Bits) - 1) >> Bits) >= _best) return true;
        if (f == _free.Length)
        {
            _best = total; // a kept set that fits and leaves less than any found before
            var kept = (bool[])_keep.Clone();
            for (int i = 0; i < _free.Length; i++) kept[_free[i]] |= _path[i];
            _found.Add((total, kept));
            return true;
        }
        Int128 next = undecided - Int128.Min(_scaledWeight[f], _price[f]);
        // The plan's side first when guided, else keep first (the plan's cheaper side is usually to keep).
        bool keepFirst = _guide.Length == 0 || _guide[_free[f]];
        if (keepFirst && !Branch(f, kept: true, leaving, next, pricedRoom)) return false;
        if (!Branch(f, kept: false, leaving, next, pricedRoom)) return false;
        if (!keepFirst && !Branch(f, kept: true, leaving, next, pricedRoom)) return false;
        return true;
    }

    // One side of buffer f's branch; false at the node limit (or when a better kept set was found).
    private bool Branch(int f, bool kept, long leaving, Int128 next, Int128 pricedRoom)
    {
        if (kept && !Fits(f)) return true;
        Int128 room = pricedRoom + Decide(f, kept, +1);
        _path[f] = kept;
        bool done = Search(f + 1, kept ? leaving : leaving + _weight[f], next, room);
        _path[f] = false;
        Decide(f, kept, -1);
        return done;
    }

    // Decides buffer f (sign +1) or undoes it (-1): its bytes leave the undecided ones, and the room when it is kept.
    // Returns the change of the priced room.
    private Int128 Decide(int f, bool kept, int sign)
    {
        Int128 change = 0;
        for (int i = _itemFirst[f]; i < _itemFirst[f + 1]; i++)
        {
            int s = _itemSegment[i];
            long before = Math.Min(_room[s], _undecidedBytes[s]);
            _undecidedBytes[s] -= sign * _itemBytes[i];
            if (kept) _room[s] -= sign * _itemBytes[i];
            Debug.Assert(_room[s] >= 0 && _undecidedBytes[s] >= 0, "a kept buffer fits; bytes are undecided once");
            change += (Int128)(Math.Min(_room[s], _undecidedBytes[s]) - before) * _prices[s];
            if (!kept) continue;
            for (int t = 0; t < _limits.Length; t++)
            {
                if (_itemBytes[i] > _limits[t].Above) _countRoom[t * _room.Length + s] -= sign;
            }
        }
        return change;
    }

    private bool Fits(int f)
    {
        for (int i = _itemFirst[f]; i < _itemFirst[f + 1]; i++)
        {
            int s = _itemSegment[i];
            if (_room[s] < _itemBytes[i]) return false;
            for (int t = 0; t < _limits.Length; t++)
            {
                if (_itemBytes[i] > _limits[t].Above && _countRoom[t * _room.Length + s] == 0) return false;
            }
        }
        return true;
    }

}
