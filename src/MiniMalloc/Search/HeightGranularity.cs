namespace MiniMalloc.Search;

/// <summary>
/// The step in which optimal heights come: the largest g such that some optimal solution has every offset, and
/// so its height, a multiple of g. Heights between two multiples need not be tried, and a proof that nothing fits
/// in h raises the lower bound to the next multiple of g above h, not just to h + 1.
/// </summary>
/// <remarks>
/// Why it holds, for a problem whose gap windows start at byte 0 (the form the minimizer searches; see
/// <see cref="SearchableProblem"/>; any other problem gets 1): let g divide every size, window end and fixed offset, and let every alignment
/// a either divide g or be a multiple of g. Take any solution and move its buffers down one at a time, in order of
/// their offsets, each to the lowest offset that is aligned, at least 0, and clear of the buffers already moved
/// (a fixed buffer stays where it is). A buffer's old offset is still clear: every buffer moved before it was below
/// it and only went down. So nothing rises, the capacity still holds, and the result is valid. The lowest clear
/// offset x is the highest top t (offset plus size or window end) of the moved buffers' pieces that lie below x at
/// a shared step, rounded up to the alignment (or 0 without any): that rounded value is at most x, and clear,
/// since a piece not below x lies above x plus the size. By induction every new offset is a multiple of g: it is
/// 0, a fixed offset, or such a top rounded up, and rounding a multiple of g up to a multiple of a keeps it a multiple of
/// g when a divides g, and gives a multiple of a, hence of g, when g divides a. The height, the largest offset plus
/// size, is then a multiple of g and no higher than before.
/// </remarks>
internal static class HeightGranularity
{
    /// <summary>The granularity of <paramref name="problem"/>'s heights (1 when nothing coarser can be shown).</summary>
    public static long Of(Problem problem)
    {
        long g = 0;
        foreach (var b in problem.Buffers)
        {
            g = Gcd(g, b.Size);
            if (b.Offset is { } offset) g = Gcd(g, offset);
            foreach (var gap in b.Gaps)
            {
                if (gap.Window is not { } w || w.Upper <= w.Lower) continue; // occupies nothing
                // A window above byte 0 leaves a hole below it, and moving buffers down can then make them collide.
                if (w.Lower > 0) return 1;
                g = Gcd(g, w.Upper);
            }
        }
        if (g == 0) return 1;
        // An alignment that neither divides g nor is divided by it shrinks g to their common divisor, which divides
        // the alignment. Repeat until every alignment is comparable with g (g only shrinks, so this ends).
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var b in problem.Buffers)
            {
                long a = b.Alignment;
                if (g % a != 0 && a % g != 0)
                {
                    g = Gcd(g, a);
                    changed = true;
                }
            }
        }
        return g;
    }

    /// <summary>The smallest multiple of <paramref name="granularity"/> at or above <paramref name="value"/>.</summary>
    public static long RoundUp(long value, long granularity)
    {
        long remainder = value % granularity;
        return remainder == 0 ? value : value + (granularity - remainder);
    }

    /// <summary>The largest multiple of <paramref name="granularity"/> at or below <paramref name="value"/> (value at least 0).</summary>
    public static long RoundDown(long value, long granularity) => value - value % granularity;

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return Math.Abs(a);
    }
}
