using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>
/// A growable array used as a stack of plain values: the undo trails and scratch lists of the search. Unlike
/// <see cref="Stack{T}"/> it exposes its array and lets callers truncate to a saved mark in O(1).
/// </summary>
internal sealed class ValueStack<T> where T : struct
{
    private T[] _items;

    public ValueStack(int capacity = 64) => _items = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public T[] Items => _items;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(T item)
    {
        if (Count == _items.Length) Grow(Count + 1);
        _items[Count++] = item;
    }

    /// <summary>Makes room for <paramref name="extra"/> more items and returns the array (which may have moved).</summary>
    public T[] Reserve(int extra)
    {
        if (Count + extra > _items.Length) Grow(Count + extra);
        return _items;
    }

    /// <summary>Drops every item above <paramref name="mark"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Truncate(int mark)
    {
        Debug.Assert(mark >= 0 && mark <= Count, "a mark is taken below the items it drops");
        Count = mark;
    }

    /// <summary>Sets the count after items were written directly into <see cref="Items"/>.</summary>
    public void SetCount(int count)
    {
        Debug.Assert(count >= 0 && count <= _items.Length);
        Count = count;
    }

    private void Grow(int needed) => Array.Resize(ref _items, Math.Max(needed, _items.Length * 2));
}
