using MiniMalloc.Heuristics;

namespace MiniMalloc.Generators;

/// <summary>How <see cref="ShapeProblemGenerator"/> draws buffer sizes.</summary>
internal enum SizeDistribution
{
    /// <summary>Uniform over [<see cref="SizeSampler.MinSize"/>, <see cref="SizeSampler.MaxSize"/>].</summary>
    Uniform,

    /// <summary>Log-normal, heavy-tailed: median 16 KiB, σ = 1.5 in natural log, clamped to [16 B, 256 MiB].</summary>
    LogNormal,

    /// <summary>Powers of two, the exponent uniform over [6, 20] (64 B to 1 MiB).</summary>
    PowerOfTwo,
}

/// <summary>Draws sizes of one <see cref="SizeDistribution"/> from a seeded sequence.</summary>
internal static class SizeSampler
{
    /// <summary>The smallest uniform and power-of-two size.</summary>
    public const long MinSize = 64;

    /// <summary>The largest uniform and power-of-two size.</summary>
    public const long MaxSize = 1 << 20;

    /// <summary>The clamp of log-normal sizes.</summary>
    public const long LogNormalMin = 16, LogNormalMax = 256L << 20;

    /// <summary>The median of log-normal sizes.</summary>
    public const double LogNormalMedian = 16 * 1024;

    /// <summary>The spread of log-normal sizes (standard deviation of the natural log).</summary>
    public const double LogNormalSigma = 1.5;

    public static long Next(SizeDistribution distribution, ref SplitMix64 random) => distribution switch
    {
        SizeDistribution.Uniform => MinSize + (long)(random.NextDouble() * (MaxSize - MinSize + 1)),
        SizeDistribution.PowerOfTwo => 1L << (6 + random.Below(15)),
        SizeDistribution.LogNormal => Math.Clamp((long)Math.Round(LogNormalMedian * Math.Exp(LogNormalSigma * Gaussian(ref random))), LogNormalMin, LogNormalMax),
        _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "unknown size distribution"),
    };

    // Box-Muller: one standard normal value from two uniform ones (1 - u keeps the logarithm finite).
    private static double Gaussian(ref SplitMix64 random)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
