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

    /// <summary>
    /// Computes the profile of <paramref name="buffers"/> (gaps leave out their bytes, windows count theirs). An alias
    /// group counts the bytes its live members occupy, each byte once, however many members share it.
    /// </summary>
    /// <exception cref="ArgumentException">An alias is malformed.</exception>
    public static LiveProfile Of(IReadOnlyList<Buffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        // Parallel arrays of primitives, sorted together: generic collections of tuples would be compiled at run time
        // even in ahead-of-time compiled code (the MSBuild task computes a profile on every cache hit).
        AliasGroups? groups = null;
        for (int i = 0; i < buffers.Count; i++)
        {
            if (buffers[i].Alias is not null)
            {
                groups = AliasGroups.Resolve(buffers);
                if (groups.Errors.Count > 0) throw new ArgumentException(groups.Errors[0].Message, nameof(buffers));
                break;
            }
        }
        int count = 0;
        var eventSteps = new long[2 * buffers.Count];
        var deltas = new long[2 * buffers.Count];
        void Add(long lower, long upper, long bytes)
        {
            if (count + 2 > eventSteps.Length)
            {
                Array.Resize(ref eventSteps, 2 * eventSteps.Length + 2);
                Array.Resize(ref deltas, eventSteps.Length);
            }
            eventSteps[count] = lower;
            deltas[count++] = bytes;
            eventSteps[count] = upper;
            deltas[count++] = -bytes;
        }
        for (int i = 0; i < buffers.Count; i++)
        {
            if (groups is not null && groups.RootOf(i) != i) continue;
            if (groups is not null && groups.HasMembers(i))
            {
                foreach (var segment in GroupOccupancy.Of(buffers, groups.MembersOf(i), groups))
                {
                    Add(segment.Steps.Lower, segment.Steps.Upper, segment.Covered);
                }
                continue;
            }
            foreach (var piece in OccupiedPieces.Of(buffers[i]))
            {
                Add(piece.Steps.Lower, piece.Steps.Upper, piece.Window.Size);
            }
        }
        Debug.Assert(count % 2 == 0, "every piece gives two events");
        Array.Sort(eventSteps, deltas, 0, count);
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
