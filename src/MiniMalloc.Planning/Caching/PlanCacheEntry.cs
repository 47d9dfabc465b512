namespace MiniMalloc.Planning;

/// <summary>What the cache keeps for a problem: the plan, its bounds and the warnings its solve produced.</summary>
internal sealed record PlanCacheEntry
{
    /// <summary>The offsets, in the problem's buffer order.</summary>
    public required IReadOnlyList<long> Offsets { get; init; }

    /// <summary>Per buffer, its pool (an index into the problem's pools) for a pool plan; null for a one-arena plan.</summary>
    public IReadOnlyList<int>? Pools { get; init; }

    /// <summary>The plan's height (highest offset + size); for a pool plan, its cost.</summary>
    public required long Height { get; init; }

    /// <summary>The lower bound known for the height (for a pool plan, on the cost).</summary>
    public long LowerBound { get; init; }

    /// <summary>True when the height was minimized (rather than only fitted in a capacity).</summary>
    public bool Minimized { get; init; }

    /// <summary>True when the height is proven minimal.</summary>
    public bool ProvenOptimal { get; init; }

    /// <summary>Warnings the solve produced (for example a fallback plan), replayed on every hit so that builds with -warnaserror do not depend on cache state.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];
}
