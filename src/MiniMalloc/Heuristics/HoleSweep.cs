using MiniMalloc.Collections;

namespace MiniMalloc;

/// <summary>
/// The sweep allocator's best fit in O(n log n): sweeps the schedule once in step order (buffers starting together
/// largest first) and gives each buffer the tightest free hole between the live allocations that holds it, else the
/// top. Free holes are kept by (size, offset) and live allocations by offset, so no step copies the live set: for
/// problems whose live sets are large (training graphs, decoders) where <see cref="SweepAllocator"/> costs
/// O(n · live). Buffers with gaps keep their whole size for their whole lifespan; problems with fixed buffers are
/// not taken (null).
/// </summary>
public static class HoleSweep
{
    /// <summary>The plan (the capacity ignored), or null when some buffer has a fixed offset.</summary>
    public static Solution? Solve(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var buffers = problem.Buffers;
        int n = buffers.Count;
        for (int i = 0; i < n; i++)
        {
            if (buffers[i].Offset is not null) return null;
        }
        // By first step, then largest first, then index.
        var keys = new OrderKey[n];
        for (int i = 0; i < n; i++) keys[i] = new OrderKey(buffers[i].Lifespan.Lower, ~buffers[i].Size, 0, i);
        var order = OrderKey.Sorted(keys);
        var offsets = new long[n];
        var live = new OrderedKeys(1024);     // offsets of live allocations (disjoint, so distinct)
        var owner = new Dictionary<long, int>(); // offset -> the live buffer there
        var holes = new OrderedKeys(1024);    // (size << 64) | lower of each free range between live allocations
        var ends = new PriorityQueue<int, long>();
        foreach (int b in order)
        {
            var buffer = buffers[b];
            if (buffer.Size == 0) continue; // occupies nothing: offset 0
            long now = buffer.Lifespan.Lower;
            while (ends.TryPeek(out int done, out long end) && end <= now)
            {
                ends.Dequeue();
                Release(offsets[done], offsets[done] + buffers[done].Size, live, owner, holes, buffers, offsets);
            }
            long start = Place(buffer.Size, buffer.Alignment, live, owner, holes, buffers, offsets);
            offsets[b] = start;
            live.Add(start);
            owner[start] = b;
            ends.Enqueue(b, buffer.Lifespan.Upper);
        }
        return Solution.FromOffsets(problem, offsets);
    }

    private static long Place(long size, long alignment, OrderedKeys live, Dictionary<long, int> owner, OrderedKeys holes,
        IReadOnlyList<Buffer> buffers, long[] offsets)
    {
        // The tightest hole that holds the buffer once aligned (holes of equal size: the lowest first).
        Int128 probe = Key(size, 0);
        while (holes.TryCeiling(probe, out var hole))
        {
            long holeSize = (long)(hole >> 64), lower = (long)(ulong)hole;
            long start = Aligned.Up(lower, alignment);
            if (start + size <= lower + holeSize)
            {
                holes.Remove(hole);
                if (start > lower) holes.Add(Key(start - lower, lower));
                long upper = lower + holeSize;
                if (upper > start + size) holes.Add(Key(upper - (start + size), start + size));
                return start;
            }
            probe = hole + 1;
        }
        long top = live.TryMax(out var highest) ? End((long)highest, owner, buffers, offsets) : 0;
        long aligned = Aligned.Up(top, alignment);
        if (aligned > top) holes.Add(Key(aligned - top, top));
        return aligned;
    }

    private static void Release(long offset, long end, OrderedKeys live, Dictionary<long, int> owner, OrderedKeys holes,
        IReadOnlyList<Buffer> buffers, long[] offsets)
    {
        live.Remove(offset);
        owner.Remove(offset);
        long below = live.TryFloor(offset, out var previous) ? End((long)previous, owner, buffers, offsets) : 0;
        if (offset > below) holes.Remove(Key(offset - below, below));
        if (live.TryCeiling(end, out var next))
        {
            long nextOffset = (long)next;
            if (nextOffset > end) holes.Remove(Key(nextOffset - end, end));
            holes.Add(Key(nextOffset - below, below));
        }
        // With nothing above, the freed range simply joins the free space at the top (holes lie only below allocations).
    }

    private static long End(long offset, Dictionary<long, int> owner, IReadOnlyList<Buffer> buffers, long[] offsets)
    {
        int b = owner[offset];
        return offsets[b] + buffers[b].Size;
    }

    private static Int128 Key(long size, long lower) => ((Int128)size << 64) | (Int128)(ulong)lower;
}
