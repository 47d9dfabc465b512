using MiniMalloc.Heuristics;

namespace MiniMalloc.Generators;

/// <summary>
/// Generates network-like planning problems of any size for the scale benchmark and for tests: a sequence of
/// operators, one per step, each producing an activation that is mostly consumed within a few steps and
/// sometimes kept for long (a skip connection); sizes spread log-uniformly over [64 B, 1 MiB]; capacity a fixed
/// factor above the max-live-size lower bound. Every problem is a function of its arguments alone.
/// </summary>
/// <remarks>
/// Compiled into both the benchmark harness (tests/MiniMalloc.Benchmarks, by a linked Compile item) and the test
/// project (tests/MiniMalloc.Tests, where the file lives), so that the scale curve and the tests see the same problems.
/// </remarks>
internal static class NetworkProblemGenerator
{
    /// <summary>The smallest activation size.</summary>
    public const long MinSize = 64;

    /// <summary>The largest activation size.</summary>
    public const long MaxSize = 1 << 20;

    /// <summary>The share of activations that live long (skip connections, concatenations).</summary>
    public const double LongLivedShare = 0.1;

    /// <summary>How many steps a long-lived activation outlives its producer at most.</summary>
    public const int MaxLongLife = 500;

    /// <summary>Generates a problem.</summary>
    /// <param name="bufferCount">The number of buffers (activations).</param>
    /// <param name="seed">Chooses the problem; the same seed always gives the same problem.</param>
    /// <param name="slack">Capacity over the lower bound (1.25: 25 % slack); the capacity is rounded up.</param>
    public static Problem Generate(int bufferCount, ulong seed, double slack = 1.25)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(slack, 1.0);
        var random = new SplitMix64(seed);
        var buffers = new Buffer[bufferCount];
        long step = 0;
        double logMin = Math.Log(MinSize), logMax = Math.Log(MaxSize);
        for (int i = 0; i < bufferCount; i++)
        {
            // One operator per step; about one in five produces a second output at the same step.
            if (i > 0 && random.NextDouble() >= 0.2) step++;
            long life = random.NextDouble() < LongLivedShare
                ? (long)Math.Round(Math.Exp(random.NextDouble() * Math.Log(MaxLongLife / 4.0)) * 4.0) // 4 .. 500 steps
                : 1 + (long)(random.NextDouble() * 3); // consumed by one of the next three operators
            long size = (long)Math.Round(Math.Exp(logMin + random.NextDouble() * (logMax - logMin)));
            buffers[i] = new Buffer($"t{i}", step, step + life + 1, Math.Clamp(size, MinSize, MaxSize));
        }
        long lowerBound = LiveProfile.Of(buffers).Peak;
        long capacity = (long)Math.Ceiling(lowerBound * slack);
        return new Problem(buffers, capacity);
    }
}
