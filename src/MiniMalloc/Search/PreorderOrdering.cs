using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>
/// The ordering without dynamic ordering: a node's unplaced buffers in preorder (the static preordering's order,
/// or the partition's when that is off too), with their current min offsets, filtered afresh at every node in the
/// <see cref="OrderingArena"/>. Candidates are not sorted, so the candidate loop must go through all of them.
/// </summary>
internal readonly struct PreorderOrdering : IOrdering
{
    private readonly OrderingArena _arena;
    private readonly BufferState _buffers;
    private readonly SubProblem _sub;
    private readonly int _start;
    private readonly int _count;

    /// <summary>The ordering at [start, start + count) of the arena, of a node of <paramref name="sub"/>.</summary>
    public PreorderOrdering(OrderingArena arena, BufferState buffers, SubProblem sub, int start, int count)
    {
        _arena = arena;
        _buffers = buffers;
        _sub = sub;
        _start = start;
        _count = count;
    }

    public bool IsSorted => false;

    public bool IsEmpty => _count == 0;

    public long LowestTop() => _arena.LowestTop(_start, _count, _sub.SizeByPreorder);

    public int First(long minOffset, int minPreorder) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(int cursor) => cursor < _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public OrderEntry At(int cursor)
    {
        var entry = _arena.Entries.Items[_start + cursor];
        Debug.Assert(entry.Offset == _buffers.MinOffsets[_sub.Order[entry.Preorder]], "a node's ordering holds the min offsets of its state");
        return entry;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int cursor) => cursor + 1;

    public void Abandon()
    {
    }

    public void Take(int cursor)
    {
    }

    public void Move(int preorder, long minOffset)
    {
    }

    public void CollectRaised(int trailMark)
    {
    }

    public (int Start, int Count) Descend() => (_start + _count, _arena.Filter(_start, _count, _sub.Order, _buffers));

    public void Restore(int cursor) => _arena.Entries.Truncate(_start + _count);
}
