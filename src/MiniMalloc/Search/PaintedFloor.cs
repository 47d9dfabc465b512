namespace MiniMalloc.Search;

/// <summary>
/// The unallocated floor over a <see cref="SortedOrdering"/>, without scanning sections' buffers: walking the
/// child's ordering (the parent's without the placed and the raised buffers, merged with the raised ones) in
/// increasing min offset, each buffer "paints" the marked sections it spans that are still open, which so get the
/// lowest min offset of their unplaced buffers. O(buffers + sections of the sub-problem) per placement.
/// </summary>
internal readonly struct PaintedFloor : IUnallocatedFloor
{
    private readonly SectionMarks _marks;
    private readonly OrderingArena _arena;
    private readonly BufferState _buffers;
    private readonly SectionState _sections;
    private readonly SubProblem _sub;
    private readonly int _start;
    private readonly int _count;

    /// <summary>The floor of a node of <paramref name="sub"/> whose ordering lies at [start, start + count) of the arena.</summary>
    public PaintedFloor(SectionMarks marks, OrderingArena arena, BufferState buffers, SectionState sections, SubProblem sub, int start, int count)
    {
        _marks = marks;
        _arena = arena;
        _buffers = buffers;
        _sections = sections;
        _sub = sub;
        _start = start;
        _count = count;
    }

    public void Placed(int buffer)
    {
    }

    public void Raised(int buffer) => _marks.Mark(_buffers.Spans[buffer]);

    public void Clear() => _marks.Clear(_sub.SectionLower, _sub.SectionUpper);

    /// <remarks>Needs the raised buffers collected (<see cref="IOrdering.CollectRaised"/>).</remarks>
    public bool Raise<TBounds>(ref TBounds bounds, long ceiling) where TBounds : struct, ISectionBounds
    {
        var marks = _marks;
        var floors = _sections.Floor;
        int open = marks.Open(_sub.SectionLower, _sub.SectionUpper, floors, ceiling);
        // The marks of the sub-problem's sections are read, and the ordering walked, once per placement.
        _buffers.Work.Units += _sub.SectionUpper - _sub.SectionLower + _count + _arena.RaisedCount;
        bool raised = false;
        var entries = _arena.Entries.Items;
        var order = _sub.Order;
        var offsets = _buffers.Offsets;
        var minOffsets = _buffers.MinOffsets;
        var spans = _buffers.Spans;
        var raisedEntries = _arena.Raised;
        int r = 0, raisedCount = _arena.RaisedCount;
        int i = _start, end = _start + _count;
        while (open > 0)
        {
            // The parent's entries that are still in the child's ordering: unplaced and not raised.
            while (i < end)
            {
                int candidate = order[entries[i].Preorder];
                if (offsets[candidate] == BufferState.NoOffset && minOffsets[candidate] == entries[i].Offset) break;
                i++;
            }
            OrderEntry next;
            if (i < end && (r == raisedCount || OrderEntry.Precedes(entries[i], raisedEntries[r]))) next = entries[i++];
            else if (r < raisedCount) next = raisedEntries[r++];
            else break;
            long lowest = next.Offset;
            foreach (var span in spans[order[next.Preorder]])
            {
                for (int s = marks.FindOpen(span.Lower); s < span.Upper; s = marks.FindOpen(s + 1))
                {
                    marks.Close(s);
                    open--;
                    if (floors[s] < lowest)
                    {
                        bounds.RaiseFloor(s, lowest);
                        raised = true;
                    }
                }
            }
        }
        return raised;
    }

    public void Lowered(int buffer)
    {
    }

    public void Unplaced(int buffer)
    {
    }
}
