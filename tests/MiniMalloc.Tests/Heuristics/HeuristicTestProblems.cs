namespace MiniMalloc.Heuristics;

/// <summary>The random problems and the brute-force overlap check that the heuristics' tests share.</summary>
internal static class HeuristicTestProblems
{
    /// <summary>
    /// <paramref name="count"/> buffers starting within <paramref name="span"/> steps, each live for up to
    /// <paramref name="maxLife"/>, aligned to a power of two up to <paramref name="maxAlignment"/>; a few empty, and
    /// equal sizes often, so that the ties' order matters. With <paramref name="withFixed"/>, every fiftieth buffer is
    /// fixed, far apart in time from the other fixed ones so that they never collide.
    /// </summary>
    public static Problem RandomProblem(int count, ulong seed, int span, int maxLife, long maxAlignment = 1, bool withFixed = false)
    {
        var random = new SplitMix64(seed);
        var buffers = new Buffer[count];
        for (int i = 0; i < count; i++)
        {
            long lower = random.Below(span);
            long upper = lower + 1 + random.Below(maxLife);
            long alignment = 1L << random.Below((int)Math.Log2(maxAlignment) + 1);
            long size = random.Below(20) == 0 ? 0 : 16 * (1 + random.Below(60));
            buffers[i] = new Buffer($"b{i}", lower, upper, size) { Alignment = alignment };
        }
        if (withFixed)
        {
            for (int i = 0; i < count; i += 50) buffers[i] = buffers[i] with { Lifespan = new Lifespan(2 * i, 2 * i + 1), Offset = 64 * random.Below(100) };
        }
        return new Problem(buffers, long.MaxValue / 4);
    }

    /// <summary>True when two non-empty buffers that overlap in time overlap in space: the definition, in O(n²).</summary>
    public static bool Overlaps(Problem problem, IReadOnlyList<long> offsets)
    {
        var b = problem.Buffers;
        for (int i = 0; i < b.Count; i++)
        {
            for (int j = i + 1; j < b.Count; j++)
            {
                if (b[i].Size > 0 && b[j].Size > 0 && b[i].Lifespan.Overlaps(b[j].Lifespan)
                    && offsets[i] < offsets[j] + b[j].Size && offsets[j] < offsets[i] + b[i].Size) return true;
            }
        }
        return false;
    }
}
