using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>
/// Raises a lower bound on the height with exact searches of relaxations: the buffers within a range of steps
/// around a peak of the live profile (a <see cref="TimeSlice"/>), growing while the slice fits at the bound. A slice that does not fit below some height proves that
/// the whole problem does not either; a slice is far smaller than the problem, so the search may decide it where
/// it could not decide the whole.
/// </summary>
internal static class SubsetBound
{
    // Slices grow around a centre by this many profile intervals on each side, doubling from 1.
    private const int FirstHalfWidth = 1;

    // Peaks of the live profile to grow slices around, fullest first.
    private const int Centres = 3;

    /// <summary>
    /// Returns a bound at least <paramref name="lower"/>, raised in steps of <paramref name="granularity"/> (see
    /// <see cref="HeightGranularity"/>) while some slice is proven not to fit at the bound, but never above
    /// <paramref name="ceiling"/> + granularity. Uses at most about <paramref name="nodes"/> of the runner's nodes.
    /// </summary>
    public static long Raise(Problem problem, long lower, long granularity, long ceiling, ProbeRunner probes,
        IReadOnlyList<string> heuristics, long nodesPerHeuristic, long nodes)
    {
        var profile = LiveProfile.Of(problem);
        int intervals = profile.Steps.Count - 1; // the last step ends the profile
        if (intervals < 3) return lower;
        long stopAt = probes.Nodes + Math.Min(nodes, probes.Remaining);
        foreach (int centre in CrowdedIntervals(profile, intervals))
        {
            for (int half = FirstHalfWidth; ; half *= 2)
            {
                int first = Math.Max(0, centre - half), last = Math.Min(intervals - 1, centre + half);
                // The whole problem is the minimizer's own question, not a relaxation's.
                if (first == 0 && last == intervals - 1) break;
                var slice = TimeSlice.Of(problem, profile.Steps[first], profile.Steps[last + 1]);
                bool decided = true;
                while (lower <= ceiling && probes.Nodes < stopAt && !probes.Exhausted)
                {
                    var result = probes.Probe(slice, lower, heuristics, Math.Min(nodesPerHeuristic, stopAt - probes.Nodes));
                    if (result.Status != SolveStatus.Infeasible)
                    {
                        decided = result.Status == SolveStatus.Solved;
                        break;
                    }
                    // Nothing of height lower or less fits the slice, so nothing does the whole problem either.
                    lower = HeightGranularity.RoundUp(lower + 1, granularity);
                }
                if (lower > ceiling || probes.Nodes >= stopAt || probes.Exhausted) return lower;
                // A slice that could not be decided will not get easier when it grows.
                if (!decided) break;
            }
        }
        return lower;
    }

    // The peaks of the live profile (the middle of each run of intervals with more live bytes than both neighbours),
    // fullest first: a slice needs more height than its own peak to prove anything, so crowded places come first.
    private static IEnumerable<int> CrowdedIntervals(LiveProfile profile, int intervals)
    {
        var peaks = new List<int>();
        for (int first = 0; first < intervals;)
        {
            int last = first;
            while (last + 1 < intervals && profile.LiveBytes[last + 1] == profile.LiveBytes[first]) last++;
            long live = profile.LiveBytes[first];
            bool aboveLeft = first == 0 || profile.LiveBytes[first - 1] < live;
            bool aboveRight = last == intervals - 1 || profile.LiveBytes[last + 1] < live;
            if (aboveLeft && aboveRight && live > 0) peaks.Add((first + last) / 2);
            first = last + 1;
        }
        return peaks.OrderByDescending(i => profile.LiveBytes[i]).ThenBy(i => i).Take(Centres);
    }
}
