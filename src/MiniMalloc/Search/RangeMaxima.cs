using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// Range maxima over a snapshot of a slice of an array: built bottom-up in O(length), each query O(log length), the
/// storage reused from one build to the next. The largest section total a buffer spans (the T of the static
/// preordering) is one query per span, instead of a walk over every section of the span, which for the long-lived
/// buffers of a large sub-problem is as long as the sub-problem.
/// </summary>
internal sealed class RangeMaxima
{
    private long[] _tree = new long[128];
    private int _lower;
    private int _width;

    /// <summary>Takes a snapshot of <paramref name="values"/>[lower, upper).</summary>
    public void Build(long[] values, int lower, int upper)
    {
        Debug.Assert(0 <= lower && lower <= upper && upper <= values.Length);
        int length = upper - lower;
        if (_tree.Length < 2 * length) _tree = new long[Math.Max(2 * length, 2 * _tree.Length)];
        var tree = _tree;
        _lower = lower;
        _width = length;
        Array.Copy(values, lower, tree, length, length);
        for (int i = length - 1; i >= 1; i--) tree[i] = Math.Max(tree[2 * i], tree[2 * i + 1]);
    }

    /// <summary>The largest value in [lower, upper) (within the snapshot's slice); long.MinValue when empty.</summary>
    public long Max(int lower, int upper)
    {
        Debug.Assert(_lower <= lower && lower <= upper && upper <= _lower + _width, "a query within the snapshot");
        var tree = _tree;
        long max = long.MinValue;
        for (int lo = lower - _lower + _width, hi = upper - _lower + _width; lo < hi; lo >>= 1, hi >>= 1)
        {
            if ((lo & 1) == 1) max = Math.Max(max, tree[lo++]);
            if ((hi & 1) == 1) max = Math.Max(max, tree[--hi]);
        }
        return max;
    }
}
