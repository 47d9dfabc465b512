using System.Diagnostics;
using MiniMalloc.Collections;
using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>
/// The exact search's first descent, made in O(n log² n) instead of O(live) per node: buffers are placed in
/// canonical order, each at its min offset (the highest top of the buffers placed beside it in time), always the one
/// of lowest (min offset, preorder rank); the preorder compares the largest live total of any step the buffer
/// spans, then its width, then its area (the search's TWA), or total, area, width (TAW). With room enough and buffers
/// of alignment 1 it is the plan of the search's first attempt without dynamic decomposition (whose sub-problems
/// rank their buffers by their own live totals), offset for offset. Buffers with gaps keep their whole size for their
/// whole lifespan; problems with fixed buffers are not taken (null).
/// </summary>
/// <remarks>
/// <para>
/// Since placements are canonical, the space under the tops already placed is never used again, so each step has a
/// floor (the highest top over it) and a buffer's min offset is the highest floor over its steps. The floors form
/// a skyline of runs of equal floor. A buffer whose min offset is the lowest of all lies within one run at the lowest
/// floor (its steps are all at that floor, and every floor is at least as high), and runs at one floor are
/// separated by higher ones, so what is placed in one never changes what fits in another. So the descent takes the
/// lowest run, places the best-ranked buffer lying within it (found in O(log² n), see <see cref="ContainedBuffers"/>),
/// and when none does, raises the run to its lower neighbour's floor and merges them (no buffer's min offset
/// changes). Each step places a buffer or removes a run: O(n) steps. Re-evaluating every buffer beside the one placed
/// instead, as the search does at every node, costs O(live) per placement, and a lazily updated queue of min
/// offsets re-examines the buffers waiting under a rising stack hundreds of times each (measured: up to 500 a buffer
/// on training graphs with a thousand live).
/// </para>
/// <para>
/// Measured at 100,000 buffers with a thousand live: on networks whose long-lived buffers fragment memory, 0-5 %
/// above the live-size bound where first fit by decreasing size class is 2-11 % above (the exact search's first
/// attempt took 18 s and 2 GB for its plan of 30,000 such buffers, this 0.8 s); on random lifespans with ten
/// thousand live, 2-3 % where the sweep is 10 % above and first fit runs out of its budget (see docs/benchmarks.md).
/// </para>
/// </remarks>
public static class SkylineDescent
{
    /// <summary>The plan by the TWA preorder (the capacity ignored), or null when some buffer has a fixed offset.</summary>
    public static Solution? Solve(Problem problem) => Solve(problem, SkylinePreorder.TotalWidthArea);

    /// <summary>The plan by <paramref name="preorder"/> (the capacity ignored), or null when some buffer has a fixed offset.</summary>
    public static Solution? Solve(Problem problem, SkylinePreorder preorder)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var buffers = problem.Buffers;
        int n = buffers.Count;
        for (int i = 0; i < n; i++)
        {
            if (buffers[i].Offset is not null) return null;
        }
        var offsets = new long[n];
        if (n == 0) return Solution.FromOffsets(problem, offsets);
        var steps = StepPoints.Of(buffers);
        int ranges = steps.Length - 1;
        var first = new int[n];
        var end = new int[n];
        for (int b = 0; b < n; b++)
        {
            first[b] = steps.AsSpan().BinarySearch(buffers[b].Lifespan.Lower);
            end[b] = steps.AsSpan().BinarySearch(buffers[b].Lifespan.Upper);
            Debug.Assert(first[b] >= 0 && end[b] > first[b], "every lifespan's ends are step points, the lower one first");
        }
        var byRank = Preordered(buffers, first, end, ranges, preorder);
        var rank = new int[n];
        var toPlace = new List<int>(n);
        for (int r = 0; r < n; r++)
        {
            rank[byRank[r]] = r;
            // A buffer of no bytes occupies nothing: it stays at offset 0.
            if (buffers[byRank[r]].Size > 0) toPlace.Add(byRank[r]);
        }
        var waiting = new ContainedBuffers(ranges, first, end, rank, toPlace);
        var skyline = new Skyline(ranges);
        while (waiting.Count > 0)
        {
            var (lower, upper, floor) = skyline.Lowest();
            int best = waiting.BestWithin(lower, upper);
            if (best == int.MaxValue)
            {
                // Some run holds a waiting buffer (the whole schedule does, once it is one run), so it can rise.
                if (!skyline.RaiseLowest()) throw new UnreachableException("a single run holds every waiting buffer");
                continue;
            }
            int c = byRank[best];
            waiting.Remove(c);
            long at = Aligned.Up(floor, buffers[c].Alignment);
            offsets[c] = at;
            skyline.PlaceInLowest(first[c], end[c], at + buffers[c].Size);
        }
        return Solution.FromOffsets(problem, offsets);
    }

    // The buffers by the preorder: each key descending, then by index.
    private static int[] Preordered(IReadOnlyList<Buffer> buffers, int[] first, int[] end, int ranges, SkylinePreorder preorder)
    {
        int n = buffers.Count;
        // T: the largest live total of any step range the buffer spans.
        var delta = new long[ranges + 1];
        for (int b = 0; b < n; b++)
        {
            delta[first[b]] += buffers[b].Size;
            delta[end[b]] -= buffers[b].Size;
        }
        var live = new long[ranges];
        long running = 0;
        for (int s = 0; s < ranges; s++) live[s] = running += delta[s];
        var maxima = new RangeMaxima();
        maxima.Build(live, 0, ranges);
        var total = new long[n];
        var width = new long[n];
        var area = new long[n];
        for (int b = 0; b < n; b++)
        {
            total[b] = maxima.Max(first[b], end[b]);
            width[b] = buffers[b].Lifespan.Width;
            area[b] = buffers[b].Area;
        }
        var (second, third) = preorder == SkylinePreorder.TotalWidthArea ? (width, area) : (area, width);
        var keys = new OrderKey[n];
        for (int b = 0; b < n; b++) keys[b] = new OrderKey(~total[b], ~second[b], ~third[b], b);
        return OrderKey.Sorted(keys);
    }
}
