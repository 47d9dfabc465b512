using System.Diagnostics;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// Section bounds from the <see cref="SectionMaxima"/> segment tree, updated where a placement changes a section:
/// O(log S) per section changed and per check, nothing per node. Goes with the <see cref="TreeOrdering"/>.
/// </summary>
/// <remarks>
/// The maxima are exact over a tree sub-problem's sections while it runs: the engine reads them afresh when such a
/// sub-problem starts and where a sub-problem of the other kind (which changes only the arrays) ends.
/// </remarks>
internal struct MaximaBounds : ISectionBounds
{
    private readonly SectionMaxima _maxima;
    private readonly SectionState _sections;
    private readonly SectionSpan[][] _spans;
    private readonly SectionRule _rule;
    private readonly int _lower;
    private readonly int _upper;

    private long _offset;

    public MaximaBounds(SectionMaxima maxima, SectionState sections, BufferState buffers, SectionRule rule, SubProblem sub)
    {
        _maxima = maxima;
        _sections = sections;
        _spans = buffers.Spans;
        _rule = rule;
        _lower = sub.SectionLower;
        _upper = sub.SectionUpper;
    }

    /// <summary>The maxima of b's span and of the sections on either side, as <see cref="ScannedBounds"/> reads them.</summary>
    public readonly bool FitsBeforePlacing(int b, long offset)
    {
        var span = _spans[b][0];
        var maxima = _maxima;
        long capacity = _rule.Capacity;
        long inside = offset + span.Window.Upper - span.Window.Size + maxima.Max(span.Lower, span.Upper).Total;
        if (inside > capacity) return false;
        var before = maxima.Max(_lower, span.Lower);
        var after = maxima.Max(span.Upper, _upper);
        if (Math.Max(before.FloorTotal, after.FloorTotal) > capacity) return false;
        long outsideTotal = Math.Max(before.Total, after.Total);
        return outsideTotal == long.MinValue || offset + outsideTotal <= capacity;
    }

    public void Occupy(int b, long offset)
    {
        _offset = offset;
        _sections.Occupy(_spans[b], offset);
        RefreshSpans(b);
    }

    public readonly bool Fits(bool fast)
    {
        // Checked where it is cheap: the maxima of a small sub-problem agree with its arrays after every change.
        Debug.Assert(_upper - _lower > 64 || _maxima.Agrees(_lower, _upper, _sections.Floor, _sections.Total), "the maxima are in step with the sections");
        var (floorTotal, total, floor) = _maxima.Max(_lower, _upper);
        return _rule.HoldsOverMaxima(floorTotal, total, floor, _offset);
    }

    public readonly void RaiseFloor(int s, long floor)
    {
        _sections.RaiseFloor(s, floor);
        _maxima.Set(s, floor, _sections.Total[s]);
    }

    public readonly bool FitsAfterRaise(bool fast) => Fits(fast);

    /// <summary>
    /// The arrays first, then the maxima: b's spans, and the sections that the unallocated floor raised (the trail
    /// entries after b's own, see <see cref="SectionState"/>).
    /// </summary>
    public readonly void Undo(int b, int floorMark)
    {
        var spans = _spans[b];
        var trail = _sections.FloorTrail;
        var changes = trail.Items;
        int end = trail.Count;
        _sections.RestoreFloors(floorMark);
        _sections.Vacate(spans);
        RefreshSpans(b);
        var floors = _sections.Floor;
        var totals = _sections.Total;
        for (int i = floorMark + SectionState.SectionCount(spans); i < end; i++)
        {
            int s = changes[i].Index;
            _maxima.Set(s, floors[s], totals[s]);
        }
        trail.Truncate(floorMark);
    }

    private readonly void RefreshSpans(int b)
    {
        foreach (var span in _spans[b]) _maxima.Refresh(span.Lower, span.Upper, _sections.Floor, _sections.Total);
    }
}
