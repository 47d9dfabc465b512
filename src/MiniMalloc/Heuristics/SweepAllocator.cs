namespace MiniMalloc;

/// <summary>
/// A near-linear heuristic for large problems: sweeps the schedule once, in step order, and gives each buffer that
/// starts an aligned hole free at that moment (the first, or the tightest), like a malloc that knows every lifetime in advance
/// (buffers starting together are placed largest first). Buffers with gaps keep their whole size for their whole
/// lifespan (safe, if not tight); fixed buffers are reserved for their whole lifespans. O(n log n + n · live).
/// </summary>
public static class SweepAllocator
{
    /// <summary>
    /// Places every buffer (ignoring the capacity) twice, once into the first hole that fits and once into the
    /// tightest, and returns the lower plan; fixed offsets are kept.
    /// </summary>
    public static Solution Solve(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var firstFit = Solve(problem, tightest: false);
        var bestFit = Solve(problem, tightest: true);
        return bestFit.Height < firstFit.Height ? bestFit : firstFit;
    }

    private static Solution Solve(Problem problem, bool tightest)
    {
        var buffers = problem.Buffers;
        int n = buffers.Count;
        var offsets = new long[n];
        var byStart = Enumerable.Range(0, n)
            .Where(i => buffers[i].Offset is null)
            .OrderBy(i => buffers[i].Lifespan.Lower)
            .ThenByDescending(i => buffers[i].Size)
            .ThenBy(i => i)
            .ToArray();
        var fixedBuffers = Enumerable.Range(0, n).Where(i => buffers[i].Offset is not null).ToArray();
        foreach (int f in fixedBuffers) offsets[f] = buffers[f].Offset!.Value;

        // Live allocations ordered by offset, and by end step so that they can be released in time.
        var live = new SortedSet<(long Offset, long End, int Buffer)>();
        var ends = new PriorityQueue<int, long>();
        var blocked = new List<(long Offset, long End)>();
        foreach (int b in byStart)
        {
            var buffer = buffers[b];
            long now = buffer.Lifespan.Lower;
            while (ends.TryPeek(out int done, out long end) && end <= now)
            {
                ends.Dequeue();
                live.Remove((offsets[done], offsets[done] + buffers[done].Size, done));
            }
            blocked.Clear();
            foreach (var entry in live) blocked.Add((entry.Offset, entry.End));
            foreach (int f in fixedBuffers)
            {
                if (buffers[f].Lifespan.Overlaps(buffer.Lifespan)) blocked.Add((offsets[f], offsets[f] + buffers[f].Size));
            }
            if (fixedBuffers.Length > 0) blocked.Sort();
            long candidate = Hole(blocked, buffer.Size, buffer.Alignment, tightest);
            offsets[b] = candidate;
            live.Add((candidate, candidate + buffer.Size, b));
            ends.Enqueue(b, buffer.Lifespan.Upper);
        }
        return Solution.FromOffsets(problem, offsets);
    }

    // The first (or the tightest) free hole between the blocked ranges (sorted by offset) that holds the buffer,
    // else the top.
    private static long Hole(List<(long Lower, long Upper)> blocked, long size, long alignment, bool tightest)
    {
        long cursor = 0, best = -1, bestSlack = long.MaxValue;
        foreach (var (lower, upper) in blocked)
        {
            long start = Aligned.Up(cursor, alignment);
            long slack = lower - (start + size);
            if (slack >= 0 && slack < bestSlack)
            {
                best = start;
                bestSlack = slack;
                if (!tightest) break;
            }
            cursor = Math.Max(cursor, upper);
        }
        return best >= 0 ? best : Aligned.Up(cursor, alignment);
    }
}
