using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// Dynamic decomposition without rebuilding what a piece shares with its sub-problem. When a split leaves one large
/// piece whose fresh preorder would order its buffers as the sub-problem's preorder does, that piece is searched as a
/// narrowed view of the sub-problem (<see cref="SubProblem.Narrowed"/>): its root's ordering is the child's ordering
/// with the other pieces' buffers filtered out (arena) or hidden while it runs (tree), so the search visits the same
/// nodes as with a new piece, without a new preorder (a sort), ordering and tree at every split.
/// </summary>
/// <remarks>
/// Nested lifetimes (a training graph's forward activations, live until their backward step) make a placement split
/// off a few small pieces while the large one goes on: rebuilding it costs the live set at every node, and keeping
/// every level's arrays costs the buffer count times the live set in memory. A view keeps its sub-problem's arrays,
/// placed buffers included, so its scans cost the sub-problem's size: once more than half of it is placed, a real
/// piece (which compacts) is built instead, which bounds the scans by twice the live set, paid for by the sort saved.
/// </remarks>
internal sealed class NarrowedViews
{
    /// <summary>
    /// The sub-problem size from which views are used by default: below it, a new piece costs about what the checks
    /// for a view do (the published benchmarks' sub-problems are smaller, and search exactly as before).
    /// </summary>
    public const int DefaultThreshold = 512;

    private readonly BufferState _buffers;
    private readonly OrderingArena _arena;
    private readonly TemporalDecomposition _decomposition;
    private readonly StaticPreordering _preordering;
    private readonly bool _sorted;
    private readonly int _threshold;

    public NarrowedViews(BufferState buffers, OrderingArena arena, TemporalDecomposition decomposition, StaticPreordering preordering, bool staticPreordering, int threshold)
    {
        _threshold = threshold;
        _buffers = buffers;
        _arena = arena;
        _decomposition = decomposition;
        _preordering = preordering;
        _sorted = staticPreordering;
    }

    /// <summary>
    /// The view for the largest piece of the split of <paramref name="sub"/> at cut points [cutMark, cutEnd), or
    /// null when a new piece is to be built. The child's ordering at [childStart, childStart + childCount) of the
    /// arena becomes the view's root ordering (<paramref name="viewCount"/> entries); <paramref name="viewPiece"/> is
    /// the piece's index, <paramref name="alone"/> whether every other piece is empty.
    /// </summary>
    public SubProblem? Choose(SubProblem sub, int cutMark, int cutEnd, int childStart, int childCount, out int viewPiece, out int viewCount, out bool alone)
    {
        viewPiece = viewCount = 0;
        alone = false;
        if (sub.Buffers.Length < _threshold) return null;
        int unplaced = sub.Tree is { } tree ? tree.Count : childCount;
        if (2L * unplaced < sub.Buffers.Length) return null;
        viewPiece = _decomposition.LargestPiece(sub, cutMark, cutEnd, out int lower, out int upper, out viewCount);
        if (2L * viewCount < sub.Buffers.Length) return null;
        if (!_preordering.KeepsOrder(sub, lower, upper, _sorted)) return null;
        alone = viewCount == unplaced;
        if (sub.Tree is null && !alone) _arena.Keep(childStart, childCount, sub.Order, _buffers.FirstSection, lower, upper);
        return sub.Narrowed(lower, upper);
    }

    /// <summary>
    /// A view of a sub-problem with a tree starts: the other pieces' buffers (unplaced, outside its sections) leave
    /// the shared tree until it ends. Their min offsets stay what they are: no placement in one piece raises another's.
    /// O(buffers of the view), like <see cref="Choose"/>.
    /// </summary>
    public void Hide(SubProblem view)
    {
        if (view.Tree is not { } tree) return;
        var preorderOf = _buffers.PreorderOf;
        foreach (int b in view.Buffers)
        {
            if (Outside(view, b)) tree.Remove(preorderOf[b]);
        }
    }

    /// <summary>The view ends: gives the shared tree back the buffers <see cref="Hide"/> took out.</summary>
    public void Unhide(SubProblem view)
    {
        if (view.Tree is not { } tree) return;
        var preorderOf = _buffers.PreorderOf;
        var minOffsets = _buffers.MinOffsets;
        foreach (int b in view.Buffers)
        {
            if (Outside(view, b)) tree.Insert(preorderOf[b], minOffsets[b]);
        }
    }

    // An unplaced buffer of the sub-problem that the view narrows, in a sibling piece. (The view's buffers also hold
    // those of the enclosing views' siblings, which these hid already.)
    private bool Outside(SubProblem view, int b)
    {
        if (_buffers.Offsets[b] != BufferState.NoOffset) return false;
        int first = _buffers.FirstSection[b], last = _buffers.LastSection[b];
        if (first < view.OuterLower || first >= view.OuterUpper) return false;
        bool outside = last <= view.SectionLower || view.SectionUpper <= first;
        Debug.Assert(outside || (view.SectionLower <= first && last <= view.SectionUpper), "no unplaced buffer crosses a view's bounds");
        return outside;
    }
}
