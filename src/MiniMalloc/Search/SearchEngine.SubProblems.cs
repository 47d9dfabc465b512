namespace MiniMalloc.Search;

/// <summary>
/// The search's sub-problems: a partition or a piece of a decomposition starts (static preordering, the choice of
/// its ordering's representation, its root node) and ends (its preorder given back), and the dynamic temporal
/// decomposition that splits a sub-problem into pieces and takes them in turn on a pieces frame. The nodes
/// themselves are in <c>SearchEngine.cs</c>.
/// </summary>
internal sealed partial class SearchEngine
{
    // ---- sub-problems -------------------------------------------------------------------------------------------

    // A partition, or a piece of a decomposition: numbers its buffers (static preordering), builds its ordering of
    // the kind that suits it, and pushes its root node.
    private void PushSubProblem(SubProblem sub)
    {
        StaticPreordering(sub);
        if (_choice.UsesTree(sub, _buffers))
        {
            // The maxima are exact over a tree sub-problem's sections while it runs: read afresh when it starts, kept
            // in step by its placements, and read again where a sub-problem without a tree (which changes only the
            // arrays) ends (see ReleaseSubProblem).
            _maxima ??= new SectionMaxima(_sections.Floor, _sections.Total);
            _maxima.Refresh(sub.SectionLower, sub.SectionUpper, _sections.Floor, _sections.Total);
            var tree = new OrderingTree(sub.SizeByPreorder);
            var order = sub.Order;
            for (int i = 0; i < order.Length; i++) tree.Insert(i, _buffers.MinOffsets[order[i]]);
            sub.Tree = tree;
            PushNode(sub, _arena.Entries.Count, 0, 0, 0, ownsSub: true);
            return;
        }
        var (start, count) = _arena.PushRoot(sub.Order, _buffers.MinOffsets, sorted: Uses(SearchTechniques.DynamicOrdering));
        PushNode(sub, start, count, 0, 0, ownsSub: true);
    }

    private void ReleaseSubProblem(SubProblem sub)
    {
        if (sub.IsView) _views!.Unhide(sub);
        if (sub.Tree is null) _maxima?.Refresh(sub.SectionLower, sub.SectionUpper, _sections.Floor, _sections.Total);
        _preordering.Release(sub);
    }

    /// <summary>Static preordering: the sub-problem's buffers sorted by the attempt's heuristic (or left as they are).</summary>
    private void StaticPreordering(SubProblem sub) => _preordering.Preorder(sub, Uses(SearchTechniques.StaticPreordering));

    // ---- decomposition ------------------------------------------------------------------------------------------

    /// <summary>
    /// Dynamic temporal decomposition: when placing b leaves no unplaced buffer crossing some section boundary, the
    /// rest splits into independent sub-problems, each searched on its own (a pieces frame takes them in turn);
    /// otherwise the child node searches on. The child's ordering lies at [childStart, childStart + childCount).
    /// </summary>
    private void DynamicDecomposition(int f, int childStart, int childCount, long offset, int preorder, int b)
    {
        ref var frame = ref _frames.Items[f];
        var sub = frame.Sub;
        // b belongs to no piece, so no piece's leaf publishes its offset.
        _solution[b] = offset;
        frame.CutMark = _decomposition.Cut(sub, b, out int cutEnd);
        if (cutEnd == 0)
        {
            PushNode(sub, childStart, childCount, offset, preorder, ownsSub: false);
            return;
        }
        if (_views?.Choose(sub, frame.CutMark, cutEnd, childStart, childCount, out int viewPiece, out int viewCount, out bool alone) is { } view)
        {
            // The view's root ordering is the child's, without the other pieces' buffers. Alone, it needs no pieces
            // frame; else the frame takes it in its turn, its ordering kept in the arena under the other pieces'.
            if (alone)
            {
                PushNode(view, childStart, childCount, 0, 0, ownsSub: true);
                return;
            }
            _frames.Push(new SearchFrame
            {
                Kind = FrameKind.Pieces, Sub = sub, Start = childStart, Count = view.Tree is null ? viewCount : 0, Next = frame.CutMark + 1, CutEnd = cutEnd,
                View = view, ViewPiece = viewPiece,
            });
            return;
        }
        _arena.Entries.Truncate(childStart);
        _frames.Push(new SearchFrame { Kind = FrameKind.Pieces, Sub = sub, Start = childStart, Next = frame.CutMark + 1, CutEnd = cutEnd });
    }

    // The pieces frame f: after a piece was found (or at the start), searches the next non-empty piece; the
    // decomposition is done when every piece is found or when one is not.
    private SearchOutcome? NextPiece(int f, SearchOutcome? pieceOutcome)
    {
        if (pieceOutcome is { } outcome && outcome != SearchOutcome.Found) return outcome;
        ref var frame = ref _frames.Items[f];
        for (int c = frame.Next; c < frame.CutEnd; c++)
        {
            if (c == frame.ViewPiece && frame.View is { } view)
            {
                frame.Next = c + 1;
                _views!.Hide(view);
                PushNode(view, frame.Start, frame.Count, 0, 0, ownsSub: true);
                return null;
            }
            if (_decomposition.Piece(frame.Sub, c) is not { } piece) continue;
            frame.Next = c + 1;
            PushSubProblem(piece);
            return null;
        }
        return SearchOutcome.Found;
    }
}
