namespace MiniMalloc.Sweeping;

/// <summary>
/// A set of ints kept as a sorted array: insert and remove shift the entries above (O(count) each), and the set is
/// read in order as a span, with no enumerator. For the sweep's live sets, which it copies whole at every section and
/// walks whole at every buffer's start (O(count) each anyway): a tree set's in-order walks cost far more per entry.
/// </summary>
internal sealed class SortedInts
{
    private int[] _items = new int[16];

    /// <summary>How many ints the set holds.</summary>
    public int Count { get; private set; }

    /// <summary>The ints, ascending.</summary>
    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    /// <summary>Adds <paramref name="value"/> unless it is in the set already.</summary>
    public void Add(int value)
    {
        int at = Items.BinarySearch(value);
        if (at >= 0) return;
        at = ~at;
        if (Count == _items.Length) Array.Resize(ref _items, 2 * _items.Length);
        Array.Copy(_items, at, _items, at + 1, Count - at);
        _items[at] = value;
        Count++;
    }

    /// <summary>Removes <paramref name="value"/> when it is in the set.</summary>
    public void Remove(int value)
    {
        int at = Items.BinarySearch(value);
        if (at < 0) return;
        Array.Copy(_items, at + 1, _items, at, Count - at - 1);
        Count--;
    }
}
