namespace MiniMalloc.Planning;

/// <summary>
/// A lifetimes file read and turned into the solver's <see cref="MiniMalloc.Problem"/> (once, with the effective
/// capacity and alignment), or the diagnostics that explain why it could not be.
/// </summary>
internal sealed record LifetimesReadResult
{
    /// <summary>The document, or null when there are errors.</summary>
    public LifetimesDocument? Document { get; init; }

    /// <summary>The problem, or null when there are errors. Its capacity is <see cref="Capacity"/>'s bytes, or 0 when there is none.</summary>
    public Problem? Problem { get; init; }

    /// <summary>The effective capacity (the caller's, else the file's), or null when neither gives one.</summary>
    public Capacity? Capacity { get; init; }

    /// <summary>The pools, each buffer's allowed pools and weight, for a pool problem; null for a one-arena problem.</summary>
    public PlanPools? Pools { get; init; }

    /// <summary>The effective default alignment of buffers (the caller's, else the file's).</summary>
    public Alignment Alignment { get; init; }

    /// <summary>Every error found (as many as the reader could find in one pass) and warnings, in file order.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>True when <see cref="Document"/> and <see cref="Problem"/> are set.</summary>
    public bool Succeeded => Document is not null && Problem is not null;
}
