namespace MiniMalloc.Planning;

/// <summary>
/// The live-bytes profile as horizontal bars ready to draw: one per stretch of steps with the same live total, or,
/// when the profile changes more often than there are pixel columns, one per column holding the column's maximum
/// (the maximum is what matters against a capacity, so no over-full step can vanish between pixels).
/// </summary>
internal static class ReportProfileBars
{
    /// <summary>A stretch of the profile: x from <see cref="X0"/> to <see cref="X1"/>, live bytes, and the steps it stands for.</summary>
    public readonly record struct Bar(double X0, double X1, long Value, long FirstStep, long EndStep);

    public static IReadOnlyList<Bar> Of(LiveProfile profile, ReportScale scale, int columns)
    {
        var steps = profile.Steps;
        var live = profile.LiveBytes;
        var bars = new List<Bar>();
        if (steps.Count < 2) return bars;
        if (steps.Count - 1 <= columns)
        {
            for (int i = 0; i + 1 < steps.Count; i++)
            {
                bars.Add(new Bar(scale.X(steps[i]), scale.X(steps[i + 1]), live[i], steps[i], steps[i + 1]));
            }
        }
        else
        {
            var best = new int[columns];
            Array.Fill(best, -1);
            for (int i = 0; i + 1 < steps.Count; i++)
            {
                int first = Math.Clamp((int)Math.Floor(scale.X(steps[i]) - scale.Left), 0, columns - 1);
                int last = Math.Clamp((int)Math.Ceiling(scale.X(steps[i + 1]) - scale.Left) - 1, first, columns - 1);
                for (int c = first; c <= last; c++)
                {
                    if (best[c] < 0 || live[i] > live[best[c]]) best[c] = i;
                }
            }
            for (int c = 0; c < columns; c++)
            {
                int i = best[c];
                if (i >= 0) bars.Add(new Bar(scale.Left + c, scale.Left + c + 1, live[i], steps[i], steps[i + 1]));
            }
        }
        return MergeEqualNeighbours(bars);
    }

    private static List<Bar> MergeEqualNeighbours(List<Bar> bars)
    {
        var merged = new List<Bar>(bars.Count);
        foreach (var bar in bars)
        {
            if (merged.Count > 0 && merged[^1] is var previous && previous.Value == bar.Value && previous.X1 == bar.X0)
            {
                merged[^1] = previous with { X1 = bar.X1, EndStep = Math.Max(previous.EndStep, bar.EndStep) };
            }
            else
            {
                merged.Add(bar);
            }
        }
        return merged;
    }
}
