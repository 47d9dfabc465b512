using MiniMalloc.Heuristics;

namespace MiniMalloc;

/// <summary>
/// A fast heuristic plan: fixed buffers first, then the others by decreasing size (then decreasing lifespan,
/// then index), each at the aligned offset of the tightest free hole it fits in among the buffers already placed
/// (as XLA's heap simulator does), or on top when no hole fits. Gives the first upper bound when minimizing, and
/// a fallback plan when an exact search runs out of time.
/// </summary>
public static class BestFitDecreasing
{
    /// <summary>Places every buffer (ignoring the capacity) and returns the plan; fixed offsets are kept.</summary>
    public static Solution Solve(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Solve(problem, new TimeNeighbours(problem.Buffers));
    }

    /// <summary>The same, with the problem's time neighbours already indexed (the heuristic planner shares them).</summary>
    internal static Solution Solve(Problem problem, TimeNeighbours neighbours)
    {
        var buffers = problem.Buffers;
        int n = buffers.Count;
        var pieces = new IReadOnlyList<OccupiedPieces.Piece>[n];
        for (int i = 0; i < n; i++) pieces[i] = OccupiedPieces.Of(buffers[i]);
        var order = Enumerable.Range(0, n)
            .OrderBy(i => buffers[i].Offset is null ? 1 : 0)
            .ThenByDescending(i => buffers[i].Size)
            .ThenByDescending(i => buffers[i].Lifespan.Width)
            .ThenBy(i => i)
            .ToArray();
        var offsets = new long[n];
        // Only buffers overlapping in time can conflict: look those up rather than scan all placed ones.
        var placed = new bool[n];
        var forbidden = new List<(long Lower, long Upper)>();
        foreach (int b in order)
        {
            var buffer = buffers[b];
            placed[b] = true;
            if (buffer.Offset is { } fixedOffset)
            {
                offsets[b] = fixedOffset;
                continue;
            }
            forbidden.Clear();
            foreach (int p in neighbours.Of(b, buffer.Lifespan))
            {
                if (!placed[p]) continue;
                foreach (var pb in pieces[b])
                {
                    foreach (var pp in pieces[p])
                    {
                        if (!pb.Steps.Overlaps(pp.Steps)) continue;
                        // b at x conflicts with p when [x + wb.lo, x + wb.hi) meets [op + wp.lo, op + wp.hi).
                        long lower = offsets[p] + pp.Window.Lower - pb.Window.Upper + 1;
                        long upper = offsets[p] + pp.Window.Upper - pb.Window.Lower;
                        if (upper > lower) forbidden.Add((lower, upper));
                    }
                }
            }
            offsets[b] = TightestFit(forbidden, buffer.Alignment);
        }
        return Solution.FromOffsets(problem, offsets);
    }

    // The lowest aligned offset of the smallest bounded hole between forbidden ranges [lower, upper) of x, or the
    // first aligned offset above all of them.
    private static long TightestFit(List<(long Lower, long Upper)> forbidden, long alignment)
    {
        forbidden.Sort();
        long best = -1, bestSlack = long.MaxValue;
        long cursor = 0;
        foreach (var (lower, upper) in forbidden)
        {
            long candidate = Aligned.Up(cursor, alignment);
            if (candidate < lower)
            {
                long slack = lower - 1 - candidate;
                if (slack < bestSlack)
                {
                    best = candidate;
                    bestSlack = slack;
                }
            }
            if (upper > cursor) cursor = upper;
        }
        return best >= 0 ? best : Aligned.Up(cursor, alignment);
    }
}
