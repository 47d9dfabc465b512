namespace MiniMalloc;

/// <summary>
/// The baseline every pool plan is measured against (what USMP-style planners do): buffers with a fixed offset
/// first, then the others by decreasing size (then decreasing lifespan, then index), each into the first allowed
/// pool, in the order of preference, where it fits at its lowest aligned offset.
/// </summary>
public static class PoolGreedy
{
    /// <summary>The baseline plan, or null when some buffer fits in none of its allowed pools.</summary>
    /// <exception cref="ArgumentException">The problem is malformed (see <see cref="PoolProblemChecker"/>).</exception>
    public static PoolSolution? Solve(PoolProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (PoolProblemChecker.FirstError(problem) is { } error) throw new ArgumentException(error, nameof(problem));
        var folded = FoldedPoolProblem.Fold(problem);
        if (folded.EmptyGroup >= 0) return null;
        var packer = new PoolPacker(folded);
        return Place(folded, packer, BySize(folded.Buffers)) ? folded.Expand(packer.PoolOf, packer.Offsets) : null;
    }

    /// <summary>Fixed buffers first, then decreasing size, decreasing width, index.</summary>
    internal static int[] BySize(IReadOnlyList<Buffer> buffers) => Enumerable.Range(0, buffers.Count)
        .OrderBy(i => buffers[i].Offset is null ? 1 : 0)
        .ThenByDescending(i => buffers[i].Size)
        .ThenByDescending(i => buffers[i].Lifespan.Width)
        .ThenBy(i => i)
        .ToArray();

    /// <summary>Places every buffer in <paramref name="order"/> into its first allowed pool where it fits; false when one fits nowhere.</summary>
    internal static bool Place(FoldedPoolProblem problem, PoolPacker packer, int[] order)
    {
        packer.Clear();
        foreach (int k in order)
        {
            if (!PlaceFirstFit(problem, packer, k)) return false;
        }
        return true;
    }

    internal static bool PlaceFirstFit(FoldedPoolProblem problem, PoolPacker packer, int k)
    {
        ulong mask = problem.Masks[k];
        for (int p = 0; p < problem.Pools.Count; p++)
        {
            if ((mask & (1UL << p)) == 0) continue;
            long offset = packer.LowestFit(k, p);
            if (offset < 0) continue;
            packer.Place(k, p, offset);
            return true;
        }
        return false;
    }
}
