namespace MiniMalloc.Tests.Property;

/// <summary>
/// Random small problems for checking the solver against <see cref="BruteForceSolver"/>: up to eight buffers
/// over a dozen steps, small sizes, alignments 1, 2, 4 or 8, and sometimes gaps (with and without windows, the
/// windows anywhere in the buffer), fixed offsets and hints. Every problem is a function of its seed alone.
/// </summary>
internal static class SmallProblemGenerator
{
    private static readonly int[] Alignments = [2, 4, 8];

    /// <summary>The problem for <paramref name="seed"/>; its capacity is 0 (the caller chooses one).</summary>
    public static Problem Generate(int seed)
    {
        var random = new Random(seed);
        // Half of the problems have five to eight buffers: the interesting searches need several.
        int count = random.Next(2) == 0 ? random.Next(1, 9) : random.Next(5, 9);
        int horizon = random.Next(3, 13);
        bool dense = random.Next(4) == 0;
        var buffers = new List<Buffer>(count);
        for (int i = 0; i < count; i++)
        {
            int lower, upper;
            if (dense)
            {
                // Long lifespans make many buffers live together: deep searches, tight packings.
                lower = random.Next(0, Math.Max(1, horizon / 3));
                upper = random.Next(Math.Max(lower + 1, 2 * horizon / 3), horizon + 1);
            }
            else
            {
                lower = random.Next(0, horizon);
                upper = random.Next(lower + 1, horizon + 1);
            }
            long size = random.Next(8) == 0 ? random.Next(7, 13) : random.Next(1, 7);
            long alignment = random.Next(3) == 0 ? Alignments[random.Next(Alignments.Length)] : 1;
            buffers.Add(new Buffer($"b{i}", lower, upper, size)
            {
                Alignment = alignment,
                Gaps = upper - lower >= 2 && random.Next(10) < 3 ? RandomGaps(random, lower, upper, size) : [],
            });
        }

        if (random.Next(8) == 0) FixSome(random, buffers);
        if (random.Next(10) == 0)
        {
            for (int i = 0; i < buffers.Count; i++)
            {
                if (random.Next(2) == 0) buffers[i] = buffers[i] with { Hint = buffers[i].Alignment * random.Next(0, 6) };
            }
        }
        return new Problem(buffers, 0);
    }

    private static List<Gap> RandomGaps(Random random, int lower, int upper, long size)
    {
        var gaps = new List<Gap>();
        int from = lower;
        int wanted = random.Next(3) == 0 ? 2 : 1;
        for (int g = 0; g < wanted && from < upper; g++)
        {
            int gapLower = random.Next(from, upper);
            int gapUpper = random.Next(gapLower + 1, upper + 1);
            Window? window = null;
            if (random.Next(2) == 0)
            {
                // Windows at the bottom (a buffer shrinking in place) are the common case; anywhere else is legal too.
                long windowLower = random.Next(2) == 0 ? 0 : random.Next(0, (int)size);
                long windowUpper = random.Next((int)windowLower + 1, (int)size + 1);
                window = new Window(windowLower, windowUpper);
            }
            gaps.Add(new Gap(new Lifespan(gapLower, gapUpper), window));
            from = gapUpper;
        }
        return gaps;
    }

    // Fixed buffers may make a problem infeasible at every capacity (two of them clashing); the brute force
    // finds that out and the caller skips such seeds.
    private static void FixSome(Random random, List<Buffer> buffers)
    {
        int fixedCount = random.Next(4) == 0 ? 2 : 1;
        for (int f = 0; f < fixedCount; f++)
        {
            int i = random.Next(buffers.Count);
            buffers[i] = buffers[i] with { Offset = buffers[i].Alignment * random.Next(0, 5) };
        }
    }
}
