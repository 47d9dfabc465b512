using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// Total live bytes per step. Its maximum is the trivial lower bound on any solution's height, and the step
/// where it exceeds a capacity is the plainest explanation of infeasibility.
/// </summary>
public sealed class LiveProfile
{
    private LiveProfile(long[] steps, long[] liveBytes, long peak, long peakStep)
    {
        Steps = steps;
        LiveBytes = liveBytes;
        Peak = peak;
        PeakStep = peakStep;
    }

    /// <summary>The steps at which the live total changes, in increasing order.</summary>
    public IReadOnlyList<long> Steps { get; }

    /// <summary>Live bytes from <c>Steps[i]</c> up to <c>Steps[i + 1]</c>.</summary>
    public IReadOnlyList<long> LiveBytes { get; }

    /// <summary>The maximum live total: a lower bound on the height of every solution.</summary>
    public long Peak { get; }

    /// <summary>The first step at which the live total reaches <see cref="Peak"/> (0 for no buffers).</summary>
    public long PeakStep { get; }

    /// <summary>The first step whose live total exceeds <paramref name="capacity"/>, or null.</summary>
    public long? FirstStepAbove(long capacity)
    {
        for (int i = 0; i < LiveBytes.Count; i++)
        {
            if (LiveBytes[i] > capacity) return Steps[i];
        }
        return null;
    }

    /// <summary>The live total at <paramref name="step"/>.</summary>
    public long At(long step)
    {
        int index = Array.BinarySearch((long[])Steps, step);
        if (index < 0) index = ~index - 1;
        return index < 0 ? 0 : LiveBytes[index];
    }

    /// <summary>Computes the profile of <paramref name="buffers"/> (gaps leave out their bytes, windows count theirs).</summary>
    public static LiveProfile Of(IReadOnlyList<Buffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        // Parallel arrays of primitives, sorted together: generic collections of tuples would be compiled at run time
        // even in ahead-of-time compiled code (the MSBuild task computes a profile on every cache hit).
        int count = 0;
        foreach (var buffer in buffers) count += 2 * OccupiedPieces.Of(buffer).Count;
        var eventSteps = new long[count];
        var deltas = new long[count];
        int next = 0;
        foreach (var buffer in buffers)
        {
            foreach (var piece in OccupiedPieces.Of(buffer))
            {
                eventSteps[next] = piece.Steps.Lower;
                deltas[next++] = piece.Window.Size;
                eventSteps[next] = piece.Steps.Upper;
                deltas[next++] = -piece.Window.Size;
            }
        }
        Debug.Assert(next == count, "every piece gives two events");
        Array.Sort(eventSteps, deltas);
        var steps = new long[count];
        var live = new long[count];
        int distinct = 0;
        long total = 0, peak = 0, peakStep = 0;
        for (int i = 0; i < count;)
        {
            long step = eventSteps[i];
            while (i < count && eventSteps[i] == step) total += deltas[i++];
            steps[distinct] = step;
            live[distinct++] = total;
            if (total > peak)
            {
                peak = total;
                peakStep = step;
            }
        }
        Array.Resize(ref steps, distinct);
        Array.Resize(ref live, distinct);
        return new LiveProfile(steps, live, peak, peakStep);
    }

    /// <summary>Computes the profile of a problem's buffers.</summary>
    public static LiveProfile Of(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Of(problem.Buffers);
    }
}
