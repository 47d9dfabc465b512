namespace MiniMalloc;

/// <summary>
/// What an alias group occupies over time, relative to its root's offset: at each step, the union of the byte
/// ranges of its members that are live then (each member's own gaps and windows honoured). Computed by one sweep
/// over the members' pieces with a <see cref="CoverTree"/>: O(p log p) for p pieces.
/// </summary>
internal static class GroupOccupancy
{
    /// <summary>A stretch of steps over which the group's occupied bytes do not change.</summary>
    /// <param name="Steps">The steps.</param>
    /// <param name="Covered">How many bytes are occupied.</param>
    /// <param name="Hull">The lowest to the highest occupied byte: the occupied bytes themselves when <paramref name="Contiguous"/>.</param>
    /// <param name="Contiguous">True when the occupied bytes form one range.</param>
    public readonly record struct Segment(Lifespan Steps, long Covered, Window Hull, bool Contiguous);

    /// <summary>The group's non-empty segments in step order; neighbouring steps with the same bytes form one segment.</summary>
    public static List<Segment> Of(IReadOnlyList<Buffer> buffers, IReadOnlyList<int> members, AliasGroups groups)
    {
        var events = new List<(long Time, int Delta, long Lower, long Upper)>();
        var coordinates = new List<long>();
        foreach (int m in members)
        {
            long shift = groups.OffsetInRoot(m);
            foreach (var piece in OccupiedPieces.Of(buffers[m]))
            {
                long lower = shift + piece.Window.Lower, upper = shift + piece.Window.Upper;
                if (upper <= lower) continue;
                events.Add((piece.Steps.Lower, 1, lower, upper));
                events.Add((piece.Steps.Upper, -1, lower, upper));
                coordinates.Add(lower);
                coordinates.Add(upper);
            }
        }
        var segments = new List<Segment>();
        if (events.Count == 0) return segments;
        events.Sort((x, y) => x.Time.CompareTo(y.Time));
        long[] sorted = [.. coordinates.Distinct().Order()];
        var tree = new CoverTree(sorted);
        for (int i = 0; i < events.Count;)
        {
            long time = events[i].Time;
            while (i < events.Count && events[i].Time == time)
            {
                var e = events[i++];
                tree.Update(e.Lower, e.Upper, e.Delta);
            }
            if (i == events.Count || tree.Covered == 0) continue;
            var segment = new Segment(new Lifespan(time, events[i].Time), tree.Covered, new Window(tree.Lowest, tree.Highest), tree.IsContiguous);
            if (segments.Count > 0 && segments[^1] is var last && last.Steps.Upper == time
                && last.Covered == segment.Covered && last.Hull == segment.Hull && last.Contiguous == segment.Contiguous)
            {
                segments[^1] = last with { Steps = new Lifespan(last.Steps.Lower, segment.Steps.Upper) };
            }
            else
            {
                segments.Add(segment);
            }
        }
        return segments;
    }
}
