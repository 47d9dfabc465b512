using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The union of a changing multiset of byte ranges over fixed coordinates (a segment tree with cover counts): adding
/// or removing a range costs O(log n), and the union's size, lowest and highest byte are read at the root in O(1).
/// The union is one contiguous range exactly when its size equals highest minus lowest.
/// </summary>
internal sealed class CoverTree
{
    private readonly long[] _coordinates;
    private readonly int[] _count;
    private readonly long[] _covered;
    private readonly long[] _lowest;
    private readonly long[] _highest;
    private readonly int _leaves;

    /// <summary>Creates an empty union over the sorted, distinct <paramref name="coordinates"/> (the ranges' ends).</summary>
    public CoverTree(long[] coordinates)
    {
        Debug.Assert(coordinates.Length >= 2, "at least one elementary range");
        _coordinates = coordinates;
        _leaves = coordinates.Length - 1;
        int size = 4 * _leaves;
        _count = new int[size];
        _covered = new long[size];
        _lowest = new long[size];
        _highest = new long[size];
        Array.Fill(_lowest, long.MaxValue);
        Array.Fill(_highest, long.MinValue);
    }

    /// <summary>Bytes covered by at least one range.</summary>
    public long Covered => _covered[1];

    /// <summary>The lowest covered byte (long.MaxValue when nothing is covered).</summary>
    public long Lowest => _lowest[1];

    /// <summary>One past the highest covered byte (long.MinValue when nothing is covered).</summary>
    public long Highest => _highest[1];

    /// <summary>True when the covered bytes form one range (or none).</summary>
    public bool IsContiguous => Covered == 0 || Covered == Highest - Lowest;

    /// <summary>Adds (<paramref name="delta"/> = 1) or removes (-1) the range [lower, upper); both are coordinates.</summary>
    public void Update(long lower, long upper, int delta)
    {
        if (upper <= lower) return;
        int from = Array.BinarySearch(_coordinates, lower);
        int to = Array.BinarySearch(_coordinates, upper);
        Debug.Assert(from >= 0 && to >= 0, "ranges end at coordinates");
        Update(1, 0, _leaves, from, to, delta);
    }

    private void Update(int node, int left, int right, int from, int to, int delta)
    {
        if (to <= left || right <= from) return;
        if (from <= left && right <= to)
        {
            _count[node] += delta;
            Debug.Assert(_count[node] >= 0, "only ranges that were added are removed");
        }
        else
        {
            int middle = (left + right) / 2;
            Update(2 * node, left, middle, from, to, delta);
            Update(2 * node + 1, middle, right, from, to, delta);
        }
        Pull(node, left, right);
    }

    private void Pull(int node, int left, int right)
    {
        if (_count[node] > 0)
        {
            _covered[node] = _coordinates[right] - _coordinates[left];
            _lowest[node] = _coordinates[left];
            _highest[node] = _coordinates[right];
        }
        else if (right - left == 1)
        {
            _covered[node] = 0;
            _lowest[node] = long.MaxValue;
            _highest[node] = long.MinValue;
        }
        else
        {
            int l = 2 * node, r = 2 * node + 1;
            _covered[node] = _covered[l] + _covered[r];
            _lowest[node] = Math.Min(_lowest[l], _lowest[r]);
            _highest[node] = Math.Max(_highest[l], _highest[r]);
        }
    }
}
