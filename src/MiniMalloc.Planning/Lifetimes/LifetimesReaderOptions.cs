namespace MiniMalloc.Planning;

/// <summary>
/// Values that win over the file's own while reading (MSBuild metadata and properties, CLI options), so that the
/// checks that depend on them (a buffer larger than the capacity, a misaligned fixed offset) use the values the
/// plan will really use.
/// </summary>
internal sealed record LifetimesReaderOptions
{
    /// <summary>The default options: the file's own values.</summary>
    public static LifetimesReaderOptions Default { get; } = new();

    /// <summary>The capacity to use instead of the file's; null keeps the file's.</summary>
    public Capacity? Capacity { get; init; }

    /// <summary>
    /// The pools to use instead of the file's (in order of preference); null keeps the file's. A version-1 file
    /// with pools set is a pool problem in which every buffer may go to every pool.
    /// </summary>
    public IReadOnlyList<PoolSpec>? Pools { get; init; }

    /// <summary>The default buffer alignment instead of the file's; null keeps the file's.</summary>
    public Alignment? Alignment { get; init; }
}
