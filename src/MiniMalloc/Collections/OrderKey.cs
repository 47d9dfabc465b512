namespace MiniMalloc.Collections;

/// <summary>
/// A sort key of up to three longs compared in turn, ascending, then an index: sorting an array of these is a sort
/// of indices by a lexicographic key without a comparison delegate (the runtime specializes the sort for the struct
/// and inlines <see cref="CompareTo"/>), so large orders are cheaper to build, also before the JIT has optimized
/// anything. A key to compare descending is stored complemented (<c>~x</c>, which reverses every long's order).
/// The index makes every key distinct, so any correct sort gives the same order.
/// </summary>
internal readonly struct OrderKey(long first, long second, long third, int index) : IComparable<OrderKey>
{
    private readonly long _first = first;
    private readonly long _second = second;
    private readonly long _third = third;

    /// <summary>The index this key orders.</summary>
    public int Index { get; } = index;

    public int CompareTo(OrderKey other)
    {
        if (_first != other._first) return _first < other._first ? -1 : 1;
        if (_second != other._second) return _second < other._second ? -1 : 1;
        if (_third != other._third) return _third < other._third ? -1 : 1;
        return Index.CompareTo(other.Index);
    }

    /// <summary>The indices of <paramref name="keys"/>, sorted by their keys (the array is sorted in place).</summary>
    public static int[] Sorted(OrderKey[] keys)
    {
        keys.AsSpan().Sort();
        var order = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++) order[i] = keys[i].Index;
        return order;
    }
}
