using System.Diagnostics;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// Section bounds read from the section arrays themselves: the full check scans the sub-problem's sections
/// (O(sections) per placement), the fast path reads the node's <see cref="NeighbourMaxima"/> (O(sections) once per
/// node, then O(the buffer's sections) per candidate). Goes with the orderings computed per node.
/// </summary>
internal struct ScannedBounds : ISectionBounds
{
    private readonly SectionState _sections;
    private readonly SectionSpan[][] _spans;
    private readonly NeighbourMaxima _neighbours;
    private readonly SectionRule _rule;
    private readonly int _lower;
    private readonly int _upper;
    private readonly int _node;

    // The placement in hand.
    private int _buffer;
    private long _offset;
    private long _inside;
    private bool _raisedHold;

    /// <summary>The bounds of the node of <paramref name="sub"/> in frame <paramref name="node"/> of the search's stack.</summary>
    public ScannedBounds(SectionState sections, BufferState buffers, NeighbourMaxima neighbours, SectionRule rule, SubProblem sub, int node)
    {
        _sections = sections;
        _spans = buffers.Spans;
        _neighbours = neighbours;
        _rule = rule;
        _lower = sub.SectionLower;
        _upper = sub.SectionUpper;
        _node = node;
    }

    /// <summary>
    /// Inside b's span each section would hold b's top plus what stays unplaced there: offset + (window top - window
    /// size) + its present total; outside, the sections are as at the node, seen through the monotonic floor.
    /// </summary>
    public bool FitsBeforePlacing(int b, long offset)
    {
        Debug.Assert(_rule.Both && _spans[b].Length == 1);
        if (_neighbours.Node != _node) _neighbours.Compute(_node, _lower, _upper, _sections.Floor, _sections.Total);
        var span = _spans[b][0];
        var totals = _sections.Total;
        long most = long.MinValue;
        for (int s = span.Lower; s < span.Upper; s++)
        {
            if (totals[s] > most) most = totals[s];
        }
        return FitsAround(span, offset, offset + span.Window.Upper - span.Window.Size + most);
    }

    public void Occupy(int b, long offset)
    {
        _buffer = b;
        _offset = offset;
        _inside = _sections.Occupy(_spans[b], offset);
        _raisedHold = true;
    }

    public readonly bool Fits(bool fast) => fast ? FitsAround(_spans[_buffer][0], _offset, _inside) : Scan(_offset);

    public void RaiseFloor(int s, long floor)
    {
        _sections.RaiseFloor(s, floor);
        _raisedHold &= _rule.Holds(floor, _sections.Total[s], _offset);
    }

    /// <summary>Fast: only the raised sections changed since <see cref="Fits"/> said yes, so only they are checked.</summary>
    public readonly bool FitsAfterRaise(bool fast) => fast ? _raisedHold : Scan(_offset);

    public readonly void Undo(int b, int floorMark) => _sections.Undo(_spans[b], floorMark);

    // The fast verdict from the node's neighbour maxima: the largest floor + total inside the span, and outside it
    // max over sections of max(floor, offset) + total, which is what the monotonic floor and section inference ask.
    private readonly bool FitsAround(SectionSpan span, long offset, long inside)
    {
        Debug.Assert(_neighbours.Node == _node, "the neighbour maxima describe this node's state");
        long capacity = _rule.Capacity;
        if (inside > capacity) return false;
        var n = _neighbours;
        if (Math.Max(n.PrefixFloorTotal[span.Lower], n.SuffixFloorTotal[span.Upper]) > capacity) return false;
        long outsideTotal = Math.Max(n.PrefixTotal[span.Lower], n.SuffixTotal[span.Upper]);
        return outsideTotal == long.MinValue || offset + outsideTotal <= capacity;
    }

    private readonly bool Scan(long offset)
    {
        var floors = _sections.Floor;
        var totals = _sections.Total;
        var rule = _rule;
        for (int s = _lower; s < _upper; s++)
        {
            if (!rule.Holds(floors[s], totals[s], offset)) return false;
        }
        return true;
    }
}
