using System.Diagnostics;
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
        // By first step, then largest first, then index; released in order of end step (which of those ending at
        // one step goes first does not matter: the holes after all of them are the gaps between what stays live).
        var starts = new OrderKey[n];
        var size = new long[n];
        for (int i = 0; i < n; i++)
        {
            size[i] = buffers[i].Size;
            starts[i] = new OrderKey(buffers[i].Lifespan.Lower, ~size[i], 0, i);
        }
        var order = OrderKey.Sorted(starts);
        var released = OrderKey.ByEnd(buffers);
        var offsets = new long[n];
        var live = new LiveAllocations(size, offsets); // live allocations by (offset, buffer): disjoint, so offsets distinct
        var holes = new OrderedKeys(1024);             // (size << 64) | lower of each free range between live allocations
        int next = 0;
        foreach (int b in order)
        {
            if (size[b] == 0) continue; // occupies nothing: offset 0
            long now = buffers[b].Lifespan.Lower;
            for (; next < n && buffers[released[next]].Lifespan.Upper <= now; next++)
            {
                int done = released[next];
                // Empty buffers were never placed; a buffer with an empty lifespan was released as soon as placed.
                if (size[done] == 0 || buffers[done].Lifespan.Upper <= buffers[done].Lifespan.Lower) continue;
                Release(done, live, holes);
            }
            long start = Place(size[b], buffers[b].Alignment, live, holes);
            offsets[b] = start;
            live.Add(b);
            if (buffers[b].Lifespan.Upper <= now) Release(b, live, holes);
        }
        return Solution.FromOffsets(problem, offsets);
    }

    private static long Place(long size, long alignment, LiveAllocations live, OrderedKeys holes)
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
        long top = live.HighestEnd();
        long aligned = Aligned.Up(top, alignment);
        if (aligned > top) holes.Add(Key(aligned - top, top));
        return aligned;
    }

    private static void Release(int buffer, LiveAllocations live, OrderedKeys holes)
    {
        long offset = live.OffsetOf(buffer), end = live.EndOf(buffer);
        live.Remove(buffer);
        long below = live.EndBelow(offset);
        if (offset > below) holes.Remove(Key(offset - below, below));
        if (live.OffsetAtOrAbove(end) is { } nextOffset)
        {
            if (nextOffset > end) holes.Remove(Key(nextOffset - end, end));
            holes.Add(Key(nextOffset - below, below));
        }
        // With nothing above, the freed range simply joins the free space at the top (holes lie only below allocations).
    }

    /// <summary>The live allocations, ordered by offset; each key names its buffer, whose end is its offset plus its size.</summary>
    private sealed class LiveAllocations(long[] size, long[] offsets)
    {
        private readonly OrderedKeys _keys = new(1024);

        public long OffsetOf(int buffer) => offsets[buffer];

        public long EndOf(int buffer) => offsets[buffer] + size[buffer];

        public void Add(int buffer) => _keys.Add(Key(offsets[buffer], buffer));

        public void Remove(int buffer)
        {
            bool removed = _keys.Remove(Key(offsets[buffer], buffer));
            Debug.Assert(removed, "only live buffers are released");
        }

        // The end of the highest allocation below offset, or 0.
        public long EndBelow(long offset) => _keys.TryFloor(Key(offset, 0) - 1, out var below) ? EndOf(BufferOf(below)) : 0;

        public long? OffsetAtOrAbove(long offset) => _keys.TryCeiling(Key(offset, 0), out var above) ? (long)(above >> 64) : null;

        // The end of the highest allocation, or 0.
        public long HighestEnd() => _keys.TryMax(out var highest) ? EndOf(BufferOf(highest)) : 0;

        private static int BufferOf(Int128 key) => (int)(uint)(key & uint.MaxValue);

        private static Int128 Key(long offset, int buffer) => ((Int128)offset << 64) | (uint)buffer;
    }

    private static Int128 Key(long size, long lower) => ((Int128)size << 64) | (Int128)(ulong)lower;
}
