using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>
/// Dynamic ordering kept up to date in the sub-problem's <see cref="OrderingTree"/> instead of computed per node:
/// O(log n) per buffer a placement raises and nothing per node, O(n) memory. A cursor is a preorder index; a node
/// finds its candidates as successors of the one it tried last, which is where it left them once its child's
/// changes are undone. Pays off on large, sparse sub-problems.
/// </summary>
internal readonly struct TreeOrdering : IOrdering
{
    private readonly OrderingTree _tree;
    private readonly BufferState _buffers;
    private readonly int[] _order;
    private readonly int _arenaTop;

    /// <summary>The ordering of a node of <paramref name="sub"/>; its children's frames start at <paramref name="arenaTop"/>.</summary>
    public TreeOrdering(SubProblem sub, BufferState buffers, int arenaTop)
    {
        Debug.Assert(sub.Tree is not null);
        _tree = sub.Tree;
        _buffers = buffers;
        _order = sub.Order;
        _arenaTop = arenaTop;
    }

    public bool IsSorted => true;

    public bool IsEmpty => _tree.IsEmpty;

    public long LowestTop()
    {
        _tree.EnsureOrdered();
        return _tree.MinTop;
    }

    public int First(long minOffset, int minPreorder)
    {
        _tree.EnsureOrdered();
        return _tree.LowerBound(minOffset, minPreorder);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(int cursor) => cursor >= 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public OrderEntry At(int cursor)
    {
        Debug.Assert(_tree.KeyOf(cursor) == _buffers.MinOffsets[_order[cursor]], "the tree holds the min offsets of the node's state");
        return new OrderEntry(_tree.KeyOf(cursor), cursor);
    }

    public int Next(int cursor)
    {
        _tree.EnsureOrdered();
        return _tree.Successor(cursor);
    }

    /// <summary>The node returns without another candidate: the tree's order is not kept while the search unwinds.</summary>
    public void Abandon() => _tree.Suspend();

    public void Take(int cursor) => _tree.Remove(cursor);

    public void Move(int preorder, long minOffset)
    {
        _tree.Remove(preorder);
        _tree.Insert(preorder, minOffset);
    }

    public void CollectRaised(int trailMark)
    {
    }

    /// <summary>The tree is the child's ordering already; the arena is not used.</summary>
    public (int Start, int Count) Descend() => (_arenaTop, 0);

    public void Restore(int cursor) => _tree.Insert(cursor, _buffers.MinOffsets[_order[cursor]]);
}
