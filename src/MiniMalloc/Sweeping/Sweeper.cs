using System.Diagnostics;

namespace MiniMalloc.Sweeping;

/// <summary>
/// The sweep of the paper: one pass over all piece end points in time order that yields sections, partitions and
/// the pairwise overlaps with effective sizes. O(n log n + number of overlapping pairs · pieces).
/// </summary>
internal static class Sweeper
{
    private readonly record struct Point(long Time, bool IsLeft, int Buffer, Window Window, bool IsEndpoint);

    public static SweepResult Sweep(Problem problem)
    {
        var buffers = problem.Buffers;
        int n = buffers.Count;
        var pieces = new OccupiedPieces.Piece[n][];
        var points = new List<Point>(n * 2);
        for (int b = 0; b < n; b++)
        {
            var ps = pieces[b] = [.. OccupiedPieces.Of(buffers[b])];
            for (int k = 0; k < ps.Length; k++)
            {
                points.Add(new Point(ps[k].Steps.Lower, true, b, ps[k].Window, k == 0));
                points.Add(new Point(ps[k].Steps.Upper, false, b, ps[k].Window, k == ps.Length - 1));
            }
        }
        // Time first; at equal times right end points before left ones (so [0,3) and [3,9) do not overlap); then
        // buffer index, which makes every later tie-break deterministic.
        points.Sort(static (x, y) =>
        {
            int c = x.Time.CompareTo(y.Time);
            if (c != 0) return c;
            if (x.IsLeft != y.IsLeft) return x.IsLeft ? 1 : -1;
            return x.Buffer.CompareTo(y.Buffer);
        });

        var sections = new List<int[]>();
        var partitions = new List<Partition>();
        var spans = new List<SectionSpan>[n];
        var neighbourArrays = NeighbourArrays(points, n);
        var effectiveSizes = buffers.Any(HasGaps) ? neighbourArrays.Select(a => new long[a.Length]).ToArray() : null;
        var filled = new int[n];
        for (int b = 0; b < n; b++) spans[b] = new List<SectionSpan>(pieces[b].Length);
        var actives = new SortedInts();
        var alive = new SortedInts();
        var sectionStart = new int[n];
        var partitionBuffers = new List<int>();
        long lastSectionTime = points.Count > 0 ? points[0].Time : 0;
        int lastSectionIndex = 0;
        foreach (var point in points)
        {
            int b = point.Buffer;
            if (!point.IsLeft)
            {
                if (lastSectionTime < point.Time)
                {
                    lastSectionTime = point.Time;
                    sections.Add(actives.Items.ToArray());
                }
                actives.Remove(b);
                if (point.IsEndpoint) alive.Remove(b);
                spans[b].Add(new SectionSpan(sectionStart[b], sections.Count, point.Window));
                if (alive.Count == 0)
                {
                    partitions.Add(new Partition([.. partitionBuffers], lastSectionIndex, sections.Count));
                    partitionBuffers.Clear();
                    lastSectionIndex = sections.Count;
                }
            }
            else
            {
                if (point.IsEndpoint)
                {
                    partitionBuffers.Add(b);
                    foreach (int other in alive.Items)
                    {
                        if (effectiveSizes is null)
                        {
                            // Without gaps, buffers alive together overlap, and each one's effective size is its size.
                            neighbourArrays[other][filled[other]++] = b;
                            neighbourArrays[b][filled[b]++] = other;
                            continue;
                        }
                        if (EffectiveSize(pieces[other], pieces[b]) is { } otherToThis)
                        {
                            neighbourArrays[other][filled[other]] = b;
                            effectiveSizes[other][filled[other]++] = otherToThis;
                        }
                        if (EffectiveSize(pieces[b], pieces[other]) is { } thisToOther)
                        {
                            neighbourArrays[b][filled[b]] = other;
                            effectiveSizes[b][filled[b]++] = thisToOther;
                        }
                    }
                    alive.Add(b);
                }
                actives.Add(b);
                sectionStart[b] = sections.Count;
            }
        }
        var spanArrays = new SectionSpan[n][];
        for (int b = 0; b < n; b++)
        {
            // Buffers with gaps may share no time with some that are alive beside them: fewer than counted.
            Debug.Assert(effectiveSizes is not null || filled[b] == neighbourArrays[b].Length, "without gaps the count is exact");
            if (filled[b] < neighbourArrays[b].Length)
            {
                Array.Resize(ref neighbourArrays[b], filled[b]);
                if (effectiveSizes is not null) Array.Resize(ref effectiveSizes[b], filled[b]);
            }
            if (effectiveSizes is null) Array.Sort(neighbourArrays[b]);
            else Array.Sort(neighbourArrays[b], effectiveSizes[b]);
            spanArrays[b] = [.. spans[b]];
        }
        var ownSizes = new long[n];
        for (int b = 0; b < n; b++) ownSizes[b] = buffers[b].Size;
        return new SweepResult([.. sections], [.. partitions], spanArrays, new OverlapLists(neighbourArrays, effectiveSizes, ownSizes));
    }

    // Whether the buffer's pieces can give an effective size other than its size towards some buffer beside it.
    private static bool HasGaps(Buffer buffer) => buffer.Gaps.Count > 0;

    /// <summary>
    /// Each buffer's neighbour array, sized for every buffer alive (between its first and last end points) beside it
    /// at some moment: the buffers alive when it starts, plus those that start while it is alive, counted in one
    /// pass without listing them. Exact without gaps. Filled in place by the sweep, the overlaps (O(n × live set) of
    /// them) take their final memory at once instead of growing lists and a copy of them.
    /// </summary>
    private static int[][] NeighbourArrays(List<Point> points, int n)
    {
        var counts = new long[n];
        var startsAtStart = new long[n];
        long starts = 0;
        int alive = 0;
        foreach (var point in points)
        {
            if (!point.IsEndpoint) continue;
            int b = point.Buffer;
            if (point.IsLeft)
            {
                counts[b] += alive;
                alive++;
                startsAtStart[b] = ++starts;
            }
            else
            {
                counts[b] += starts - startsAtStart[b];
                alive--;
            }
        }
        var arrays = new int[n][];
        for (int b = 0; b < n; b++) arrays[b] = counts[b] == 0 ? [] : new int[counts[b]];
        return arrays;
    }

    /// <summary>
    /// How far above buffer a's offset buffer x must start so that they never share a byte: the maximum, over
    /// the times both are live, of a's window top minus x's window bottom. Null when they are never live together.
    /// </summary>
    internal static long? EffectiveSize(ReadOnlySpan<OccupiedPieces.Piece> a, ReadOnlySpan<OccupiedPieces.Piece> x)
    {
        // Indexed loops over spans: this runs once per overlapping pair, and enumerators would allocate.
        long? result = null;
        for (int i = 0; i < a.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                if (!a[i].Steps.Overlaps(x[j].Steps)) continue;
                long diff = a[i].Window.Upper - x[j].Window.Lower;
                if (result is null || diff > result) result = diff;
            }
        }
        return result;
    }
}
