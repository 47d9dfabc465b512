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

    /// <summary>
    /// The buffers' indices by first step, then index: one 16-byte key each (the step, then the index, in one
    /// <see cref="Int128"/>) rather than a 32-byte <see cref="OrderKey"/>, as the sorts' arrays are a large part of
    /// what the sweeps allocate at hundreds of thousands of buffers.
    /// </summary>
    public static int[] ByStart(IReadOnlyList<Buffer> buffers)
    {
        var keys = new Int128[buffers.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = ((Int128)buffers[i].Lifespan.Lower << 32) | (uint)i;
        keys.AsSpan().Sort();
        var order = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++) order[i] = (int)(uint)(keys[i] & uint.MaxValue);
        return order;
    }

    /// <summary>
    /// The buffers' indices by end step, those ending at one step in no particular order (but the same on every
    /// run): for sweeps that release everything ending by a step before going on, where that order does not matter.
    /// </summary>
    public static int[] ByEnd(IReadOnlyList<Buffer> buffers)
    {
        var ends = new long[buffers.Count];
        var order = new int[buffers.Count];
        for (int i = 0; i < ends.Length; i++)
        {
            ends[i] = buffers[i].Lifespan.Upper;
            order[i] = i;
        }
        Array.Sort(ends, order);
        return order;
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
