using System.Diagnostics;

namespace MiniMalloc.Collections;

/// <summary>
/// A union of half-open ranges [lower, upper) of offsets, kept as disjoint ranges sorted by lower bound: adding a
/// range merges it with every range it meets or touches, and <see cref="LowestFree(long, long, long)"/> finds the lowest aligned
/// offset at or above a given one where a block of a given size meets none of them. Ranges are only ever added (a
/// first-fit placement never removes a buffer), so the union only grows together.
/// </summary>
/// <remarks>
/// The free gap after each range is indexed by blocks of <see cref="BlockSize"/> ranges (the largest gap of each),
/// so that finding a gap large enough skips whole blocks of small ones instead of stepping range by range: on
/// nested lifespans (training graphs) a union holds thousands of ranges with small holes between them. Adding shifts
/// the arrays (a memory move) and recomputes the maxima of the blocks after the change, both linear in the ranges
/// above it, which is cheaper than a tree's allocations at the sizes met. A struct, so that a table of unions (one
/// per node of a segment tree over time) costs nothing until a node is used.
/// </remarks>
internal struct IntervalUnion
{
    /// <summary>Ranges per block of the gap index.</summary>
    public const int BlockSize = 64;

    private long[]? _lower;
    private long[]? _upper;
    private long[]? _blockGap; // the largest gap after a range of each block (the last range's gap is unbounded)
    private int _count;

    /// <summary>How many disjoint ranges the union holds.</summary>
    public readonly int Count => _count;

    /// <summary>Adds [<paramref name="lower"/>, <paramref name="upper"/>) to the union.</summary>
    public void Add(long lower, long upper)
    {
        Debug.Assert(lower < upper, "a range holds at least one byte");
        if (_lower is null)
        {
            _lower = new long[4];
            _upper = new long[4];
            _blockGap = new long[1];
        }
        // The first range that ends at or after `lower` is the first one the new range may meet or touch.
        int first = FirstEndingAtOrAfter(lower);
        int last = first;
        while (last < _count && _lower[last] <= upper)
        {
            lower = Math.Min(lower, _lower[last]);
            upper = Math.Max(upper, _upper![last]);
            last++;
        }
        int merged = last - first;
        if (merged == 0)
        {
            if (_count == _lower.Length)
            {
                Array.Resize(ref _lower, _count * 2);
                Array.Resize(ref _upper, _count * 2);
                Array.Resize(ref _blockGap, (_count * 2 + BlockSize - 1) / BlockSize);
            }
            Array.Copy(_lower, first, _lower, first + 1, _count - first);
            Array.Copy(_upper!, first, _upper!, first + 1, _count - first);
            _count++;
        }
        else if (merged > 1)
        {
            Array.Copy(_lower, last, _lower, first + 1, _count - last);
            Array.Copy(_upper!, last, _upper!, first + 1, _count - last);
            _count -= merged - 1;
        }
        _lower[first] = lower;
        _upper![first] = upper;
        // The gap before the new range changed too, so the blocks from the one holding it onwards are recomputed.
        for (int block = Math.Max(0, first - 1) / BlockSize; block * BlockSize < _count; block++) IndexBlock(block);
    }

    /// <summary>
    /// The lowest offset y at or above <paramref name="x"/>, a multiple of <paramref name="alignment"/> (x is one),
    /// such that [y, y + <paramref name="size"/>) meets no range of the union.
    /// </summary>
    public readonly long LowestFree(long x, long size, long alignment)
    {
        int from = 0;
        return LowestFree(x, size, alignment, ref from, out _);
    }

    /// <summary>
    /// As <see cref="LowestFree(long, long, long)"/>, and <paramref name="freeUntil"/> is where the next range above
    /// the answer y starts (<see cref="long.MaxValue"/> when none does): every offset range within [y, freeUntil)
    /// meets none of the union, so a caller whose candidate rises within it need not ask again.
    /// <paramref name="from"/> is the index of a range at or before the first that ends above x (0 when nothing is
    /// known); it is moved to the same for the answer, so that a caller asking again at rising offsets gallops
    /// forward from where it was instead of searching the whole union each time.
    /// </summary>
    public readonly long LowestFree(long x, long size, long alignment, ref int from, out long freeUntil)
    {
        Debug.Assert(x % alignment == 0, "the offset asked about is aligned");
        Debug.Assert(from >= 0 && from <= _count && (from == 0 || _upper![from - 1] <= x), "no range before `from` ends above x");
        freeUntil = long.MaxValue;
        if (_count == 0) return x;
        // Only the first range ending after x can meet [x, x + size): the ranges are disjoint and sorted.
        int k = FirstEndingAtOrAfter(x + 1, from);
        from = k;
        if (k == _count) return x;
        if (_lower![k] >= x + size)
        {
            freeUntil = _lower[k];
            return x;
        }
        // Blocked by range k: the answer lies in the first gap after k (or above the last range) that holds it.
        for (int i = k; ; i++)
        {
            if (i == _count - 1)
            {
                from = _count;
                return Aligned.Up(_upper![i], alignment);
            }
            if (i % BlockSize == 0)
            {
                // Skip whole blocks whose largest gap is too small (one-range blocks at the end never are).
                while (i / BlockSize < (_count - 1) / BlockSize && _blockGap![i / BlockSize] < size) i += BlockSize;
                if (i >= _count - 1)
                {
                    from = _count;
                    return Aligned.Up(_upper![_count - 1], alignment);
                }
            }
            long start = Aligned.Up(_upper![i], alignment);
            if (start + size <= _lower![i + 1])
            {
                from = i + 1;
                freeUntil = _lower[i + 1];
                return start;
            }
        }
    }

    private void IndexBlock(int block)
    {
        long largest = 0;
        int end = Math.Min(_count - 1, (block + 1) * BlockSize);
        for (int i = block * BlockSize; i < end; i++) largest = Math.Max(largest, _lower![i + 1] - _upper![i]);
        _blockGap![block] = largest;
    }

    // The index of the first range whose upper end is at least `value` (binary search; the uppers are sorted too).
    private readonly int FirstEndingAtOrAfter(long value) => FirstEndingAtOrAfter(value, 0);

    // The same, knowing that no range before `from` qualifies: a galloping search forward from it, so that its cost
    // grows with the distance to the answer rather than with the whole union.
    private readonly int FirstEndingAtOrAfter(long value, int from)
    {
        int low = from, step = 1;
        int high = from;
        while (high < _count && _upper![high] < value)
        {
            low = high + 1;
            high = Math.Min(_count, high + step);
            step *= 2;
        }
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_upper![middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
