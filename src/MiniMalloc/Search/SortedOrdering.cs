using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>
/// Dynamic ordering computed afresh at every node: the node's unplaced buffers sorted by (min offset, preorder
/// index) in the <see cref="OrderingArena"/>. A child's ordering is its parent's without the placed buffer and the
/// raised ones, merged with the raised ones (sorted): O(n) per node, nothing per change. Fast on small, dense
/// sub-problems such as the published benchmarks.
/// </summary>
internal readonly struct SortedOrdering : IOrdering
{
    private readonly OrderingArena _arena;
    private readonly BufferState _buffers;
    private readonly SubProblem _sub;
    private readonly int _start;
    private readonly int _count;

    /// <summary>The ordering at [start, start + count) of the arena, of a node of <paramref name="sub"/>.</summary>
    public SortedOrdering(OrderingArena arena, BufferState buffers, SubProblem sub, int start, int count)
    {
        _arena = arena;
        _buffers = buffers;
        _sub = sub;
        _start = start;
        _count = count;
    }

    public bool IsSorted => true;

    public bool IsEmpty => _count == 0;

    public long LowestTop() => _arena.LowestTop(_start, _count, _sub.SizeByPreorder);

    /// <summary>The candidates that canonical solutions skip form a prefix of a sorted ordering: found by bisection.</summary>
    public int First(long minOffset, int minPreorder) => _arena.FirstNotBefore(_start, _count, new OrderEntry(minOffset, minPreorder));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(int cursor) => cursor < _count;

    // Read the arena every time: a child's ordering may have grown (moved) it.
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

    public void CollectRaised(int trailMark) => _arena.CollectRaised(_buffers, trailMark);

    public (int Start, int Count) Descend() => (_start + _count, _arena.Merge(_start, _count, _sub.Order, _buffers));

    public void Restore(int cursor) => _arena.Entries.Truncate(_start + _count);

    /// <summary>The node's ordering, for the unallocated floor's walk.</summary>
    public (int Start, int Count) Range => (_start, _count);
}
