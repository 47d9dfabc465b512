namespace MiniMalloc.Heuristics;

/// <summary>
/// Turns an order of the movable buffers into a plan: fixed buffers at their offsets, then each buffer in order at
/// the lowest aligned offset where it overlaps none of the buffers placed before it (gaps and their windows
/// exactly as <see cref="BestFitDecreasing"/> reads them, through <see cref="OccupiedPieces"/>). Every plan of a
/// problem whose windows start at byte 0 is reached by some order (place its buffers by increasing offset), so the
/// orders are a complete search space for the local search.
/// </summary>
/// <remarks>
/// A move (one buffer to another position) re-places only what it can change: the buffers whose order relative to
/// the moved one changed, then, in order, the later neighbours of every buffer whose offset changed. Each of
/// those costs its own neighbours (found through <see cref="TimeNeighbours"/>), not a pass over all buffers, so a
/// move costs as far as its change spreads, not the problem's size (on 100,000-buffer networks, a few thousand
/// moves a second). A move can be reverted from its undo log.
/// </remarks>
internal sealed class OrderDecoder
{
    // How many placements run between two checks of the stop condition inside one move.
    private const int StopCheckInterval = 1024;

    private readonly IReadOnlyList<Buffer> _buffers;
    private readonly long[] _size;
    private readonly long[] _alignment;
    private readonly PieceTable _pieces;
    private readonly TimeNeighbours _neighbours;
    private readonly TopTracker _tops;
    private readonly int[] _order;
    private readonly int[] _rank;
    private readonly long[] _offset;
    private readonly long _reference;

    // The buffers to re-place in this move, by rank; a buffer is queued at most once per move (stamp).
    private readonly RankHeap _pending;
    private readonly int[] _queued;
    private int _stamp;

    // Offsets changed by the last move, to revert it.
    private int[] _undoBuffer = new int[64];
    private long[] _undoOffset = new long[64];
    private int _undoCount;
    private int _lastFrom = -1, _lastTo = -1;

    // The offsets the buffer being placed may not take: [lower, upper) each.
    private long[] _forbiddenLower = new long[64];
    private long[] _forbiddenUpper = new long[64];

    /// <summary>Prepares the decoder; fixed buffers are placed at once, the others by <see cref="DecodeAll"/>.</summary>
    /// <param name="buffers">The problem's buffers.</param>
    /// <param name="pieces">Their pieces.</param>
    /// <param name="neighbours">Their neighbours in time.</param>
    /// <param name="reference">The line above which tops count towards <see cref="Excess"/> (the lower bound).</param>
    public OrderDecoder(IReadOnlyList<Buffer> buffers, PieceTable pieces, TimeNeighbours neighbours, long reference)
    {
        _buffers = buffers;
        _reference = reference;
        _pieces = pieces;
        _neighbours = neighbours;
        int n = buffers.Count;
        _size = new long[n];
        _alignment = new long[n];
        _rank = new int[n];
        _offset = new long[n];
        _queued = new int[n];
        _tops = new TopTracker(n);
        int movable = 0;
        for (int b = 0; b < n; b++)
        {
            _size[b] = buffers[b].Size;
            _alignment[b] = buffers[b].Alignment;
            if (buffers[b].Offset is { } fixedOffset)
            {
                // Fixed buffers come before every movable one: rank -1 reads as "already placed".
                _rank[b] = -1;
                _offset[b] = fixedOffset;
                _tops.Set(b, fixedOffset + _size[b]);
            }
            else
            {
                movable++;
            }
        }
        _order = new int[movable];
        _pending = new RankHeap(movable);
    }

    /// <summary>The movable buffers in placement order.</summary>
    public ReadOnlySpan<int> Order => _order;

    /// <summary>The number of buffers without a fixed offset.</summary>
    public int MovableCount => _order.Length;

    /// <summary>The current offset of every buffer.</summary>
    public ReadOnlySpan<long> Offsets => _offset;

    /// <summary>The plan's height: the highest offset + size.</summary>
    public long Height => _tops.Max;

    /// <summary>
    /// How far the tops rise above the reference line, summed over all buffers: among plans of equal height, the
    /// lower one leaves more room under the peak.
    /// </summary>
    public Int128 Excess { get; private set; }

    /// <summary>
    /// The work done so far: one unit per lowest fit and per buffer it looks at (see <see cref="HeuristicOptions.MaxWork"/>).
    /// </summary>
    public long Work { get; private set; }

    /// <summary>How many buffers reach <see cref="Height"/>.</summary>
    public int AtHeight => _tops.CountAtMax;

    /// <summary>The <paramref name="k"/>-th buffer reaching <see cref="Height"/> (k in [0, AtHeight)).</summary>
    public int BufferAtHeight(int k) => _tops.AtMax(k);

    /// <summary>The buffer's position in <see cref="Order"/>, or -1 for a fixed buffer.</summary>
    public int RankOf(int buffer) => _rank[buffer];

    /// <summary>The buffers whose lifespans overlap <paramref name="buffer"/>'s (valid until the next call).</summary>
    public ReadOnlySpan<int> NeighboursOf(int buffer) => _neighbours.Of(buffer, _buffers[buffer].Lifespan);

    /// <summary>Places every movable buffer in <paramref name="order"/> (a permutation of the movable buffers).</summary>
    public void DecodeAll(ReadOnlySpan<int> order)
    {
        if (order.Length != _order.Length) throw new ArgumentException("the order must hold every movable buffer once", nameof(order));
        order.CopyTo(_order);
        for (int i = 0; i < _order.Length; i++) _rank[_order[i]] = i;
        for (int i = 0; i < _order.Length; i++)
        {
            int b = _order[i];
            _offset[b] = LowestFit(b, i);
            _tops.Set(b, _offset[b] + _size[b]);
        }
        _undoCount = 0;
        _lastFrom = _lastTo = -1;
        Int128 excess = 0;
        for (int b = 0; b < _offset.Length; b++) excess += Above(_offset[b] + _size[b]);
        Excess = excess;
    }

    /// <summary>
    /// Moves the buffer at position <paramref name="from"/> to position <paramref name="to"/> (the ones between
    /// shift by one) and re-places what that changes. Returns false, with the move already reverted, as soon as a
    /// buffer's top would exceed <paramref name="abortAbove"/> or <paramref name="stop"/> says so; on true, the
    /// move stands until <see cref="Revert"/>.
    /// </summary>
    public bool TryMove(int from, int to, long abortAbove, Func<bool> stop)
    {
        int moved = _order[from];
        Shift(from, to);
        _lastFrom = from;
        _lastTo = to;
        _undoCount = 0;
        _stamp++;
        _pending.Clear();
        Enqueue(moved);
        // Neighbours now on the other side of the moved buffer see it appear or disappear below them.
        int lo = Math.Min(from, to), hi = Math.Max(from, to);
        foreach (int x in NeighboursOf(moved))
        {
            int r = _rank[x];
            if (r >= lo && r <= hi) Enqueue(x);
        }
        int placements = 0;
        while (_pending.Count > 0)
        {
            int rank = _pending.PopMin();
            int b = _order[rank];
            long offset = LowestFit(b, rank);
            long previous = _offset[b];
            if (offset != previous)
            {
                Log(b);
                Excess += Above(offset + _size[b]) - Above(previous + _size[b]);
                _offset[b] = offset;
                _tops.Set(b, offset + _size[b]);
                if (offset + _size[b] > abortAbove)
                {
                    Revert();
                    return false;
                }
                long size = _size[b];
                var neighbours = NeighboursOf(b);
                Work += neighbours.Length;
                foreach (int x in neighbours)
                {
                    if (_rank[x] <= rank) continue;
                    // x keeps its lowest fit unless b now meets it, or b's old place could have been what kept it
                    // from a lower one (it lay below x's top). Whole rectangles: pieces only occupy less.
                    long lower = _offset[x], top = lower + _size[x];
                    if ((offset < top && lower < offset + size) || (lower > 0 && previous < top - 1)) Enqueue(x);
                }
            }
            if (++placements % StopCheckInterval == 0 && stop())
            {
                Revert();
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A buffer placed before <paramref name="buffer"/> that it rests on (whose top, aligned up, is its offset),
    /// chosen by <paramref name="pick"/> among them (pick modulo their number), or -1 when it lies at 0 or rests
    /// only on fixed buffers.
    /// </summary>
    public int Support(int buffer, ulong pick)
    {
        long x = _offset[buffer];
        if (x == 0) return -1;
        int rank = _rank[buffer], count = 0, chosen = -1;
        for (int pass = 0; pass < 2; pass++)
        {
            int index = 0;
            foreach (int q in NeighboursOf(buffer))
            {
                int r = _rank[q];
                if (r < 0 || r >= rank || !Supports(q, buffer, x)) continue;
                if (pass == 0) count++;
                else if (index++ == (int)(pick % (ulong)count)) { chosen = q; break; }
            }
            if (count == 0) return -1;
        }
        return chosen;
    }

    // Whether q, placed, blocks buffer b just below offset x: some forbidden range of b ends at x (aligned).
    private bool Supports(int q, int b, long x)
    {
        long placed = _offset[q];
        long alignment = _alignment[b];
        if (_pieces.Whole[b] && _pieces.Whole[q])
        {
            long upper = placed + _size[q];
            return upper <= x && Aligned.Up(upper, alignment) == x;
        }
        for (int pb = _pieces.First[b]; pb < _pieces.First[b + 1]; pb++)
        {
            for (int pq = _pieces.First[q]; pq < _pieces.First[q + 1]; pq++)
            {
                if (_pieces.StepLower[pb] >= _pieces.StepUpper[pq] || _pieces.StepLower[pq] >= _pieces.StepUpper[pb]) continue;
                long upper = placed + _pieces.WindowUpper[pq] - _pieces.WindowLower[pb];
                if (upper <= x && Aligned.Up(upper, alignment) == x) return true;
            }
        }
        return false;
    }

    /// <summary>Undoes the last successful <see cref="TryMove"/> (no effect when there is none).</summary>
    public void Revert()
    {
        for (int i = _undoCount - 1; i >= 0; i--)
        {
            int b = _undoBuffer[i];
            Excess += Above(_undoOffset[i] + _size[b]) - Above(_offset[b] + _size[b]);
            _offset[b] = _undoOffset[i];
            _tops.Set(b, _offset[b] + _size[b]);
        }
        _undoCount = 0;
        if (_lastFrom >= 0) Shift(_lastTo, _lastFrom);
        _lastFrom = _lastTo = -1;
    }

    private long Above(long top) => top > _reference ? top - _reference : 0;

    private void Shift(int from, int to)
    {
        int moved = _order[from];
        if (to < from)
        {
            for (int i = from; i > to; i--)
            {
                _order[i] = _order[i - 1];
                _rank[_order[i]] = i;
            }
        }
        else
        {
            for (int i = from; i < to; i++)
            {
                _order[i] = _order[i + 1];
                _rank[_order[i]] = i;
            }
        }
        _order[to] = moved;
        _rank[moved] = to;
    }

    private void Enqueue(int buffer)
    {
        if (_queued[buffer] == _stamp) return;
        _queued[buffer] = _stamp;
        _pending.Push(_rank[buffer]);
    }

    private void Log(int buffer)
    {
        if (_undoCount == _undoBuffer.Length)
        {
            Array.Resize(ref _undoBuffer, _undoCount * 2);
            Array.Resize(ref _undoOffset, _undoCount * 2);
        }
        _undoBuffer[_undoCount] = buffer;
        _undoOffset[_undoCount++] = _offset[buffer];
    }

    // The lowest aligned offset at which buffer b, at position rank, meets none of the buffers placed before it.
    private long LowestFit(int b, int rank)
    {
        int count = 0;
        long size = _size[b];
        bool whole = _pieces.Whole[b];
        var neighbours = NeighboursOf(b);
        Work += neighbours.Length + 1;
        foreach (int q in neighbours)
        {
            if (_rank[q] >= rank) continue;
            long placed = _offset[q];
            if (whole && _pieces.Whole[q])
            {
                // b at x meets q when [x, x + size) meets [placed, placed + q's size).
                Forbid(ref count, placed - size + 1, placed + _size[q]);
                continue;
            }
            for (int pb = _pieces.First[b]; pb < _pieces.First[b + 1]; pb++)
            {
                for (int pq = _pieces.First[q]; pq < _pieces.First[q + 1]; pq++)
                {
                    if (_pieces.StepLower[pb] >= _pieces.StepUpper[pq] || _pieces.StepLower[pq] >= _pieces.StepUpper[pb]) continue;
                    // b at x meets q when [x + wb.lo, x + wb.hi) meets [placed + wq.lo, placed + wq.hi).
                    Forbid(ref count, placed + _pieces.WindowLower[pq] - _pieces.WindowUpper[pb] + 1,
                        placed + _pieces.WindowUpper[pq] - _pieces.WindowLower[pb]);
                }
            }
        }
        if (count > 1) Array.Sort(_forbiddenLower, _forbiddenUpper, 0, count);
        long alignment = _alignment[b];
        long x = 0;
        for (int k = 0; k < count; k++)
        {
            if (_forbiddenLower[k] > x) break;
            if (_forbiddenUpper[k] > x) x = Aligned.Up(_forbiddenUpper[k], alignment);
        }
        return x;
    }

    private void Forbid(ref int count, long lower, long upper)
    {
        if (upper <= 0 || upper <= lower) return;
        if (count == _forbiddenLower.Length)
        {
            Array.Resize(ref _forbiddenLower, count * 2);
            Array.Resize(ref _forbiddenUpper, count * 2);
        }
        _forbiddenLower[count] = lower;
        _forbiddenUpper[count++] = upper;
    }
}
