namespace MiniMalloc;

/// <summary>
/// Turns a problem with aliases into one the solvers take: each alias group (an owner and every buffer that lives
/// in its bytes) becomes one buffer with the root's size, alignment and placement, live from its first member's
/// first step to its last member's last, and occupying at each step the bytes its live members occupy then,
/// expressed as gaps and windows. Where those bytes are not one range (members live at the same step with a hole
/// between them) the window covers the hole: plans stay valid, and only a plan that would put another buffer into
/// that hole is missed. Problems without aliases are returned as they are.
/// </summary>
public static class AliasFolding
{
    /// <summary>Folds <paramref name="problem"/>.</summary>
    /// <exception cref="ArgumentException">An alias is malformed (see <see cref="AliasGroups.Errors"/>).</exception>
    public static FoldedProblem Fold(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var buffers = problem.Buffers;
        var groups = AliasGroups.Resolve(buffers);
        if (groups.Errors.Count > 0) throw new ArgumentException(groups.Errors[0].Message, nameof(problem));
        int[] roots = [.. groups.Roots];
        if (!groups.HasAliases) return new FoldedProblem(problem, problem, groups, roots, isExact: true);

        bool exact = true;
        var folded = new Buffer[roots.Length];
        for (int k = 0; k < roots.Length; k++)
        {
            var root = buffers[roots[k]];
            if (!groups.HasMembers(roots[k]))
            {
                folded[k] = root;
                continue;
            }
            var members = groups.MembersOf(roots[k]);
            var segments = GroupOccupancy.Of(buffers, members, groups);
            long lower = members.Min(m => buffers[m].Lifespan.Lower);
            long upper = members.Max(m => buffers[m].Lifespan.Upper);
            foreach (var s in segments) exact &= s.Contiguous && s.Hull.Lower == 0;
            folded[k] = root with { Lifespan = new Lifespan(lower, upper), Gaps = Gaps(segments, lower, upper, root.Size) };
        }
        return new FoldedProblem(problem, problem with { Buffers = folded }, groups, roots, exact);
    }

    // The steps of the group's lifespan where it does not hold all of the root's bytes: none (between segments) or
    // a window (the segment's hull), neighbours with the same window merged.
    private static List<Gap> Gaps(List<GroupOccupancy.Segment> segments, long lower, long upper, long size)
    {
        var gaps = new List<Gap>();
        long cursor = lower;
        foreach (var s in segments)
        {
            if (s.Steps.Lower > cursor) Add(gaps, new Gap(new Lifespan(cursor, s.Steps.Lower)));
            if (s.Covered != size) Add(gaps, new Gap(s.Steps, s.Hull));
            cursor = s.Steps.Upper;
        }
        if (upper > cursor) Add(gaps, new Gap(new Lifespan(cursor, upper)));
        return gaps;
    }

    private static void Add(List<Gap> gaps, Gap gap)
    {
        if (gaps.Count > 0 && gaps[^1].Lifespan.Upper == gap.Lifespan.Lower && gaps[^1].Window == gap.Window)
        {
            gaps[^1] = gaps[^1] with { Lifespan = new Lifespan(gaps[^1].Lifespan.Lower, gap.Lifespan.Upper) };
            return;
        }
        gaps.Add(gap);
    }
}
