using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// How many ordered pairs of a sub-problem's buffers overlap in time (the sum of their degrees), from their section
/// ranges: two sorts and a merge, O(k log k), instead of walking every buffer's overlap list, O(k × live set). Exact
/// for buffers without gaps (two of them overlap exactly when their section ranges meet); a buffer with gaps counts
/// as its hull, which only over-counts. It only guides <see cref="OrderingChoice"/>, which never changes the result.
/// </summary>
internal sealed class OverlapDegrees
{
    private int[] _lower = new int[64];
    private int[] _upper = new int[64];

    /// <summary>The number of ordered pairs (u, v), u ≠ v, of <paramref name="buffers"/> whose section ranges meet.</summary>
    public long Count(int[] buffers, int[] firstSection, int[] lastSection)
    {
        int k = buffers.Length;
        if (_lower.Length < k)
        {
            _lower = new int[Math.Max(k, 2 * _lower.Length)];
            _upper = new int[_lower.Length];
        }
        var lower = _lower.AsSpan(0, k);
        var upper = _upper.AsSpan(0, k);
        for (int i = 0; i < k; i++)
        {
            lower[i] = firstSection[buffers[i]];
            upper[i] = lastSection[buffers[i]];
            Debug.Assert(lower[i] < upper[i], "a buffer spans at least one section");
        }
        lower.Sort();
        upper.Sort();
        // u and v meet when lower_v < upper_u and upper_v > lower_u: per u, the v that start before u ends, less
        // those that end by the time u starts (which start before u ends too), less u itself.
        long startedBefore = 0, endedBefore = 0;
        for (int i = 0, j = 0; i < k; i++)
        {
            while (j < k && lower[j] < upper[i]) j++;
            startedBefore += j;
        }
        for (int i = 0, j = 0; i < k; i++)
        {
            while (j < k && upper[j] <= lower[i]) j++;
            endedBefore += j;
        }
        return startedBefore - endedBefore - k;
    }
}
