namespace MiniMalloc.Search;

/// <summary>
/// Which ordering a sub-problem keeps (with dynamic ordering on): one computed afresh at every node in the arena,
/// with bounds scanned from the section arrays, or one kept in a tree, with bounds from a segment tree.
/// </summary>
/// <remarks>
/// A fresh ordering and the neighbour maxima cost O(k + sections) per node; the tree and the section maxima cost
/// O(log) per buffer a placement raises, about the number of unplaced buffers each one overlaps. So the tree pays
/// off on sub-problems that are large, or span many sections, against that number: a sparse network, or a piece of
/// one whose sections are mostly filled already, yes; the dense published benchmarks, no (they run two to four
/// times slower with it). Both visit the same nodes. Above <see cref="ArenaLimit"/> buffers the tree is taken whatever
/// the density, for the arena's memory.
/// </remarks>
internal readonly struct OrderingChoice
{
    private const int MinTreeSize = 8;
    private const long TreeSparsity = 32;

    /// <summary>
    /// From this size on, always the tree: the arena holds an ordering per depth, so a search that goes down without
    /// backtracking stacks k orderings of up to k entries (k² / 2 × 16 bytes: 134 MB at this size, 80 GB at 100,000
    /// buffers), and copies each one in full at every node. Far above the published benchmarks' sub-problems.
    /// </summary>
    internal const int ArenaLimit = 4096;

    private readonly int _threshold;
    private readonly OverlapDegrees _degrees;

    /// <param name="dynamicOrdering">Without dynamic ordering there is nothing to keep sorted: never the tree.</param>
    /// <param name="threshold"><see cref="SolverOptions.IncrementalThreshold"/>.</param>
    public OrderingChoice(bool dynamicOrdering, int threshold)
    {
        _threshold = dynamicOrdering ? threshold : int.MaxValue;
        _degrees = new OverlapDegrees();
    }

    public bool UsesTree(SubProblem sub, BufferState buffers)
    {
        int k = sub.Buffers.Length;
        if (_threshold >= 0) return k > _threshold;
        if (_threshold == SolverOptions.MixedRepresentations) return ((sub.SectionLower * 31 + sub.SectionUpper) & 1) == 0;
        if (k <= MinTreeSize) return false;
        if (k >= ArenaLimit) return true;
        // Only unplaced neighbours can be raised: those of a sub-problem's buffers are in the sub-problem (all of
        // whose buffers are unplaced when it starts), so its overlapping pairs count them, without reading overlap
        // lists as long as the live set for each buffer.
        long degrees = _degrees.Count(sub.Buffers, buffers.FirstSection, buffers.LastSection);
        long perNode = k + (sub.SectionUpper - sub.SectionLower);
        return perNode * k > TreeSparsity * degrees;
    }
}
