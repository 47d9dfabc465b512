using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// Range maxima of floor + total, total and floor over the sections, for the inference check of large
/// sub-problems: a bottom-up segment tree, updated where the search changes a section (O(log S) per section, or
/// O(length + log S) for a run of them) and queried over a range in O(log S), instead of scanning every section
/// of the sub-problem at every node.
/// </summary>
internal sealed class SectionMaxima
{
    private readonly int _width;
    private readonly long[] _floorTotal;
    private readonly long[] _total;
    private readonly long[] _floor;

    public SectionMaxima(long[] floors, long[] totals)
    {
        int count = floors.Length;
        _width = 1;
        while (_width < Math.Max(1, count)) _width *= 2;
        _floorTotal = new long[2 * _width];
        _total = new long[2 * _width];
        _floor = new long[2 * _width];
        Array.Fill(_floorTotal, long.MinValue);
        Array.Fill(_total, long.MinValue);
        Array.Fill(_floor, long.MinValue);
        for (int s = 0; s < count; s++) SetLeaf(s, floors[s], totals[s]);
        for (int i = _width - 1; i >= 1; i--) Pull(i);
    }

    /// <summary>Section <paramref name="s"/> now has this floor and total.</summary>
    public void Set(int s, long floor, long total)
    {
        Debug.Assert(s >= 0 && s < _width);
        SetLeaf(s, floor, total);
        for (int i = (s + _width) >> 1; i >= 1; i >>= 1) Pull(i);
    }

    /// <summary>Sections [lower, upper) changed: reads them again from the arrays.</summary>
    public void Refresh(int lower, int upper, long[] floors, long[] totals)
    {
        Debug.Assert(lower >= 0 && upper <= floors.Length);
        if (lower >= upper) return;
        for (int s = lower; s < upper; s++) SetLeaf(s, floors[s], totals[s]);
        int lo = (lower + _width) >> 1, hi = (upper - 1 + _width) >> 1;
        while (lo >= 1)
        {
            for (int i = lo; i <= hi; i++) Pull(i);
            lo >>= 1;
            hi >>= 1;
        }
    }

    /// <summary>The maxima over sections [lower, upper); long.MinValue each for an empty range.</summary>
    public (long FloorTotal, long Total, long Floor) Max(int lower, int upper)
    {
        Debug.Assert(lower >= 0 && lower <= upper && upper <= _width);
        long floorTotal = long.MinValue, total = long.MinValue, floor = long.MinValue;
        for (int lo = lower + _width, hi = upper + _width; lo < hi; lo >>= 1, hi >>= 1)
        {
            if ((lo & 1) == 1)
            {
                floorTotal = Math.Max(floorTotal, _floorTotal[lo]);
                total = Math.Max(total, _total[lo]);
                floor = Math.Max(floor, _floor[lo]);
                lo++;
            }
            if ((hi & 1) == 1)
            {
                hi--;
                floorTotal = Math.Max(floorTotal, _floorTotal[hi]);
                total = Math.Max(total, _total[hi]);
                floor = Math.Max(floor, _floor[hi]);
            }
        }
        return (floorTotal, total, floor);
    }

    private void SetLeaf(int s, long floor, long total)
    {
        int i = s + _width;
        _floorTotal[i] = floor + total;
        _total[i] = total;
        _floor[i] = floor;
    }

    private void Pull(int i)
    {
        int l = 2 * i, r = l + 1;
        _floorTotal[i] = Math.Max(_floorTotal[l], _floorTotal[r]);
        _total[i] = Math.Max(_total[l], _total[r]);
        _floor[i] = Math.Max(_floor[l], _floor[r]);
    }

    /// <summary>Whether the maxima of sections [lower, upper) are those of the arrays (for Debug checks).</summary>
    internal bool Agrees(int lower, int upper, long[] floors, long[] totals)
    {
        long floorTotal = long.MinValue, total = long.MinValue, floor = long.MinValue;
        for (int s = lower; s < upper; s++)
        {
            floorTotal = Math.Max(floorTotal, floors[s] + totals[s]);
            total = Math.Max(total, totals[s]);
            floor = Math.Max(floor, floors[s]);
        }
        return Max(lower, upper) == (floorTotal, total, floor);
    }
}
