using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// How many ordered pairs of a sub-problem's buffers overlap in time (the sum of their degrees), from their section
/// ranges, instead of walking every buffer's overlap list, O(k × live set): counted over the sections they span,
/// O(k + sections), when those are few beside the buffers (the pieces of a decomposition, started at almost every node
/// on nested lifetimes), else by two sorts and a merge, O(k log k). Exact for buffers without gaps (two of them
/// overlap exactly when their section ranges meet); a buffer with gaps counts as its hull, which only over-counts. It
/// only guides <see cref="OrderingChoice"/>, which never changes the result.
/// </summary>
internal sealed class OverlapDegrees
{
    // Counting pays off while the sections spanned are at most this many times the buffers.
    private const int SectionsPerBuffer = 4;

    private int[] _lower = new int[64];
    private int[] _upper = new int[64];

    /// <summary>The number of ordered pairs (u, v), u ≠ v, of <paramref name="buffers"/> whose section ranges meet.</summary>
    public long Count(int[] buffers, int[] firstSection, int[] lastSection)
    {
        int k = buffers.Length;
        if (k == 0) return 0;
        int lowest = int.MaxValue, highest = int.MinValue;
        foreach (int b in buffers)
        {
            lowest = Math.Min(lowest, firstSection[b]);
            highest = Math.Max(highest, lastSection[b]);
        }
        return (long)(highest - lowest) <= (long)SectionsPerBuffer * k
            ? CountOverSections(buffers, firstSection, lastSection, lowest, highest)
            : CountBySorting(buffers, firstSection, lastSection);
    }

    /// <summary><see cref="Count"/> by two sorts and a merge.</summary>
    internal long CountBySorting(int[] buffers, int[] firstSection, int[] lastSection)
    {
        int k = buffers.Length;
        Reserve(k);
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

    /// <summary>
    /// <see cref="Count"/> from how many buffers start and end at each section of [<paramref name="lowest"/>,
    /// <paramref name="highest"/>], which holds every buffer's range: the same sums as <see cref="CountBySorting"/>,
    /// each section's buffers taken at once.
    /// </summary>
    internal long CountOverSections(int[] buffers, int[] firstSection, int[] lastSection, int lowest, int highest)
    {
        int k = buffers.Length, width = highest - lowest + 1;
        Reserve(width);
        var starts = _lower.AsSpan(0, width);
        var ends = _upper.AsSpan(0, width);
        starts.Clear();
        ends.Clear();
        foreach (int b in buffers)
        {
            Debug.Assert(lowest <= firstSection[b] && firstSection[b] < lastSection[b] && lastSection[b] <= highest, "a range within the sections counted");
            starts[firstSection[b] - lowest]++;
            ends[lastSection[b] - lowest]++;
        }
        // At section x: the buffers ending there started before x (those that start before x, counted so far), and
        // the buffers starting there see those that ended by x (counted so far, x's own included).
        long startedBefore = 0, endedBefore = 0, started = 0, ended = 0;
        for (int x = 0; x < width; x++)
        {
            startedBefore += ends[x] * started;
            ended += ends[x];
            endedBefore += starts[x] * ended;
            started += starts[x];
        }
        return startedBefore - endedBefore - k;
    }

    private void Reserve(int length)
    {
        if (_lower.Length >= length) return;
        _lower = new int[Math.Max(length, 2 * _lower.Length)];
        _upper = new int[_lower.Length];
    }
}
