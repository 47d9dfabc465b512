namespace MiniMalloc;

/// <summary>
/// The part of a problem that lies within a range of steps: a relaxation, so whatever cannot fit in the slice
/// cannot fit in the whole problem either.
/// </summary>
/// <remarks>
/// Every buffer live somewhere in the range keeps its size, alignment and fixed offset, and its lifespan and gaps
/// are cut to the range; buffers not live there are left out, and hints are dropped (they never change what fits).
/// Sound because a solution of the whole problem, restricted to the kept buffers, is a solution of the slice at
/// the same capacity: a kept buffer occupies, at each step of the range, exactly the bytes it occupied there before
/// and nothing at any other step, so two buffers that collide in the slice would collide in the whole problem at
/// the same step. Hence the slice's minimal height is at most the whole problem's, and an exact proof that the
/// slice does not fit in a capacity proves the same of the whole problem.
/// </remarks>
internal static class TimeSlice
{
    /// <summary>The buffers of <paramref name="problem"/> cut to the steps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static Problem Of(Problem problem, long from, long to)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (to <= from) throw new ArgumentException($"the range [{from}, {to}) is empty");
        var kept = new List<Buffer>();
        foreach (var buffer in problem.Buffers)
        {
            long lower = Math.Max(buffer.Lifespan.Lower, from), upper = Math.Min(buffer.Lifespan.Upper, to);
            if (lower >= upper) continue;
            var gaps = new List<Gap>(buffer.Gaps.Count);
            foreach (var gap in buffer.Gaps)
            {
                long gapLower = Math.Max(gap.Lifespan.Lower, lower), gapUpper = Math.Min(gap.Lifespan.Upper, upper);
                if (gapLower < gapUpper) gaps.Add(gap with { Lifespan = new Lifespan(gapLower, gapUpper) });
            }
            var cut = buffer with { Lifespan = new Lifespan(lower, upper), Gaps = gaps, Hint = null };
            if (OccupiedPieces.Of(cut).Count > 0) kept.Add(cut);
        }
        return problem with { Buffers = kept };
    }
}
