namespace MiniMalloc.Planning;

/// <summary>A plan and what is known about it: where it came from, its bounds, what the search cost.</summary>
/// <param name="Solution">The offsets and the height.</param>
/// <param name="LowerBound">The best lower bound known on the height.</param>
/// <param name="Minimized">True when the height was minimized rather than only fitted in the capacity.</param>
/// <param name="ProvenOptimal">True when the height is proven minimal.</param>
internal sealed record Plan(Solution Solution, long LowerBound, bool Minimized, bool ProvenOptimal)
{
    /// <summary>True when the plan came from the cache.</summary>
    public bool CacheHit { get; init; }

    /// <summary>True when the plan is the heuristic fallback's after the exact search timed out.</summary>
    public bool FallbackUsed { get; init; }

    /// <summary>Warnings the plan's solve produced (replayed from the cache on a hit).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Nodes, backtracks, time and heuristic of the search that found it (empty for a cache hit).</summary>
    public SolveStatistics Statistics { get; init; } = new();

    /// <summary>What the cache keeps of it.</summary>
    public PlanCacheEntry ToCacheEntry() => new()
    {
        Offsets = Solution.Offsets,
        Height = Solution.Height,
        LowerBound = LowerBound,
        Minimized = Minimized,
        ProvenOptimal = ProvenOptimal,
        Warnings = Warnings,
    };
}
