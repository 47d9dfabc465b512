namespace MiniMalloc.Search;

/// <summary>
/// The unallocated floor by scanning the buffers of each affected section for the lowest unplaced min offset:
/// O(buffers live in the affected sections) per placement, the sections visited in increasing order, whatever the size of the sub-problem. Used where the
/// ordering is not a sorted arena to paint along (<see cref="TreeOrdering"/>, <see cref="PreorderOrdering"/>).
/// </summary>
internal readonly struct ListedFloor : IUnallocatedFloor
{
    private readonly AffectedSections _affected;
    private readonly BufferState _buffers;
    private readonly SectionState _sections;

    public ListedFloor(AffectedSections affected, BufferState buffers, SectionState sections)
    {
        _affected = affected;
        _buffers = buffers;
        _sections = sections;
    }

    public void Placed(int buffer)
    {
    }

    public void Raised(int buffer) => _affected.Mark(_buffers.Spans[buffer]);

    public void Clear() => _affected.Clear();

    public bool Raise<TBounds>(ref TBounds bounds, long ceiling) where TBounds : struct, ISectionBounds
    {
        var affected = _affected;
        var floors = _sections.Floor;
        var members = _sections.Members;
        var witnesses = _sections.FloorWitness;
        var offsets = _buffers.Offsets;
        var minOffsets = _buffers.MinOffsets;
        bool raised = false;
        int runs = affected.Merge();
        for (int a = 0; a < runs; a++)
        {
            var (lower, upper) = affected.Run(a);
            _buffers.Work.Units += upper - lower;
            for (int s = lower; s < upper; s++)
            {
                if (floors[s] >= ceiling) continue;
                int witness = witnesses[s];
                if (witness >= 0 && offsets[witness] == BufferState.NoOffset && minOffsets[witness] <= floors[s]) continue;
                long lowest = _buffers.LowestUnplacedMinOffsetAbove(members[s], floors[s], out witnesses[s]);
                if (lowest == long.MaxValue) continue;
                bounds.RaiseFloor(s, lowest);
                raised = true;
            }
        }
        affected.Clear();
        return raised;
    }

    public void Lowered(int buffer)
    {
    }

    public void Unplaced(int buffer)
    {
    }
}
