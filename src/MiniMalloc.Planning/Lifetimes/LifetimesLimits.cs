namespace MiniMalloc.Planning;

/// <summary>
/// The limits a lifetimes file must respect, so that hostile or broken input is rejected quickly with a coded
/// error and no arithmetic in the solver or the header can overflow 64 bits.
/// </summary>
public static class LifetimesLimits
{
    /// <summary>The largest input file read, in bytes (64 MiB).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The most buffers in one file.</summary>
    public const int MaxBuffers = 100_000;

    /// <summary>The most gaps per buffer (validation compares gaps pairwise).</summary>
    public const int MaxGapsPerBuffer = 1_024;

    /// <summary>The longest id, in UTF-16 characters.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The deepest JSON nesting accepted (the format needs 5: document, buffers, buffer, gaps, gap, window).</summary>
    public const int MaxDepth = 16;

    /// <summary>The largest step, size, offset, hint or capacity: 2^53 (see <see cref="ProblemChecker.MaxValue"/>).</summary>
    public const long MaxValue = ProblemChecker.MaxValue;

    /// <summary>The largest alignment: 2^30.</summary>
    public const long MaxAlignment = 1L << 30;

    /// <summary>The largest sum of all buffer sizes: 2^53, so that any offset + size and any section total fits in 64 bits.</summary>
    public const long MaxTotalSize = 1L << 53;

    /// <summary>The largest sum of all areas (size times lifespan width): 2^62.</summary>
    public const long MaxTotalArea = 1L << 62;
}
