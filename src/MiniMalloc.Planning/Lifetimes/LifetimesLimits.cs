namespace MiniMalloc.Planning;

/// <summary>
/// The limits an input file must respect, whatever its format, so that hostile or broken input is rejected quickly
/// with a coded error and no arithmetic in the solver or the header can overflow 64 bits. The checks that both
/// readers make (the lifetimes reader while it reads, <see cref="ProblemLimits"/> on a CSV problem) are written
/// here once, each returning its message or null.
/// </summary>
internal static class LifetimesLimits
{
    /// <summary>The largest input file read, in bytes (64 MiB).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The most buffers in one file: ten times a large model's, so that the planner's scale (measured up to 500,000
    /// buffers) is reachable from a file, while a hostile file is still stopped before it costs gigabytes.
    /// </summary>
    public const int MaxBuffers = 1_000_000;

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

    /// <summary>The message for a file of <paramref name="length"/> bytes, or null when it is within the limit.</summary>
    public static string? FileTooLarge(long length) => length > MaxFileBytes
        ? FormattableString.Invariant($"the file has {length} bytes; the limit is {MaxFileBytes} (64 MiB)")
        : null;

    /// <summary>The message for an id longer than the limit, or null.</summary>
    public static string? IdTooLong(string id) => id.Length > MaxIdLength
        ? FormattableString.Invariant($"id {JsonText.Quote(id)} is {id.Length} characters long; the limit is {MaxIdLength}")
        : null;

    /// <summary>The messages for sizes and areas that add up beyond the limits (none when the totals are within them).</summary>
    public static IReadOnlyList<string> Totals(ReadOnlySpan<(long Size, long Width)> buffers) =>
        WithinLimits(buffers) ? [] : ExactTotals(buffers);

    // 64-bit sums that stop as soon as a total would pass its limit: exact for every file within the limits, and
    // without the 128-bit arithmetic that ahead-of-time compiled code cannot contain (it would be compiled at run
    // time in every build). Negative values are left to the exact sums.
    private static bool WithinLimits(ReadOnlySpan<(long Size, long Width)> buffers)
    {
        long totalSize = 0, totalArea = 0;
        foreach (var (size, width) in buffers)
        {
            if (size < 0 || width < 0 || size > MaxTotalSize - totalSize) return false;
            totalSize += size;
            if (width > 0 && size > (MaxTotalArea - totalArea) / width) return false;
            totalArea += size * width;
        }
        return true;
    }

    private static List<string> ExactTotals(ReadOnlySpan<(long Size, long Width)> buffers)
    {
        var messages = new List<string>();
        Int128 totalSize = 0, totalArea = 0;
        foreach (var (size, width) in buffers)
        {
            totalSize += size;
            totalArea += (Int128)size * width;
        }
        if (totalSize > MaxTotalSize) messages.Add(FormattableString.Invariant($"the sizes add up to {totalSize} bytes; the limit is 2^53"));
        if (totalArea > MaxTotalArea) messages.Add(FormattableString.Invariant($"the areas (size x lifespan) add up to {totalArea}; the limit is 2^62"));
        return messages;
    }
}
