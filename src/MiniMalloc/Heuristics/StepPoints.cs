namespace MiniMalloc;

/// <summary>
/// The distinct first and end steps of a problem's lifespans, sorted: the step ranges between consecutive points are
/// the leaves of the heuristics' trees over time (first fit's interval unions, the first descent's skyline).
/// </summary>
internal static class StepPoints
{
    public static long[] Of(IReadOnlyList<Buffer> buffers)
    {
        var points = new long[2 * buffers.Count];
        for (int b = 0; b < buffers.Count; b++)
        {
            points[2 * b] = buffers[b].Lifespan.Lower;
            points[2 * b + 1] = buffers[b].Lifespan.Upper;
        }
        Array.Sort(points);
        int distinct = 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (distinct == 0 || points[i] != points[distinct - 1]) points[distinct++] = points[i];
        }
        return points[..distinct];
    }
}
