using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// Dynamic temporal decomposition's bookkeeping: per section boundary, how many unplaced buffers cross it (from
/// their first section to their last, gaps included). When a placement drops a count to zero, the sub-problem's
/// unplaced buffers split there into pieces that interact with nothing on the other side; the cut points of each
/// split are kept on a stack, so that a pieces frame of the search can take its pieces one after another.
/// </summary>
internal sealed class TemporalDecomposition
{
    private readonly BufferState _buffers;
    private readonly int[] _cuts;
    private readonly ValueStack<int> _cutPoints = new(64);
    private readonly ValueStack<int> _members = new(64);
    private readonly ValueStack<int> _pieceCounts = new(16);

    public TemporalDecomposition(BufferState buffers, int[] cuts)
    {
        _buffers = buffers;
        _cuts = cuts;
    }

    /// <summary>
    /// Placing <paramref name="b"/> leaves one unplaced buffer fewer over each boundary it crosses. Returns the mark
    /// to undo it with; when some count dropped to zero, the cut points of <paramref name="sub"/> lie at
    /// [mark, <paramref name="cutEnd"/>) (its lower end first, its upper end last), else cutEnd is 0.
    /// </summary>
    public int Cut(SubProblem sub, int b, out int cutEnd)
    {
        int mark = _cutPoints.Count;
        _cutPoints.Push(sub.SectionLower);
        var cuts = _cuts;
        for (int s = _buffers.FirstSection[b], last = _buffers.LastSection[b]; s + 1 < last; s++)
        {
            Debug.Assert(cuts[s] > 0, "a boundary's count includes every unplaced buffer that crosses it");
            if (--cuts[s] == 0) _cutPoints.Push(s + 1);
        }
        if (_cutPoints.Count - mark == 1)
        {
            cutEnd = 0;
            return mark;
        }
        _cutPoints.Push(sub.SectionUpper);
        cutEnd = _cutPoints.Count;
        return mark;
    }

    /// <summary>Undoes <see cref="Cut"/> for <paramref name="b"/> (unplaced again).</summary>
    public void Restore(int b, int mark)
    {
        var cuts = _cuts;
        for (int s = _buffers.FirstSection[b], last = _buffers.LastSection[b]; s + 1 < last; s++) ++cuts[s];
        Debug.Assert(mark <= _cutPoints.Count);
        _cutPoints.Truncate(mark);
    }

    /// <summary>
    /// Piece <paramref name="index"/> of a split of <paramref name="sub"/>: its unplaced buffers between cut points
    /// index - 1 and index, in <paramref name="sub"/>'s preorder (which the piece's own mostly keeps: see
    /// <see cref="StaticPreordering.Preorder"/>), as a sub-problem; null when none are left there.
    /// </summary>
    public SubProblem? Piece(SubProblem sub, int index)
    {
        int lower = _cutPoints.Items[index - 1], upper = _cutPoints.Items[index];
        var offsets = _buffers.Offsets;
        var first = _buffers.FirstSection;
        var last = _buffers.LastSection;
        _members.Truncate(0);
        foreach (int b in sub.Order)
        {
            if (offsets[b] != BufferState.NoOffset || last[b] <= lower || upper <= first[b]) continue;
            _members.Push(b);
        }
        if (_members.Count == 0) return null;
        return new SubProblem(_members.Items.AsSpan(0, _members.Count).ToArray(), lower, upper) { Ties = sub.OrderWithoutTotals ? Array.Empty<int>() : null };
    }

    /// <summary>
    /// The largest piece of the split of <paramref name="sub"/> at cut points [<paramref name="mark"/>,
    /// <paramref name="cutEnd"/>): its index (as <see cref="Piece"/> takes it), its sections [<paramref name="lower"/>,
    /// <paramref name="upper"/>) and how many unplaced buffers it holds (the first piece of that many on ties).
    /// Each unplaced buffer lies within one piece (none crosses a cut point): found by bisection. O(k log pieces).
    /// </summary>
    public int LargestPiece(SubProblem sub, int mark, int cutEnd, out int lower, out int upper, out int count)
    {
        int pieces = cutEnd - mark - 1;
        var counts = _pieceCounts.Reserve(pieces);
        Array.Clear(counts, 0, pieces);
        var offsets = _buffers.Offsets;
        var first = _buffers.FirstSection;
        var points = _cutPoints.Items;
        foreach (int b in sub.Buffers)
        {
            // A view's buffers include its siblings', outside its sections.
            if (offsets[b] != BufferState.NoOffset || first[b] < sub.SectionLower || first[b] >= sub.SectionUpper) continue;
            // The last cut point at or below the buffer's first section starts its piece.
            int lo = mark, hi = cutEnd - 1;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) >>> 1;
                if (points[mid] <= first[b]) lo = mid;
                else hi = mid;
            }
            Debug.Assert(points[lo] <= first[b] && _buffers.LastSection[b] <= points[lo + 1], "no unplaced buffer crosses a cut point");
            counts[lo - mark]++;
        }
        int best = 0;
        for (int p = 1; p < pieces; p++)
        {
            if (counts[p] > counts[best]) best = p;
        }
        lower = points[mark + best];
        upper = points[mark + best + 1];
        count = counts[best];
        return mark + best + 1;
    }
}
