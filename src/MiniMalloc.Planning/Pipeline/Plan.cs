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

    /// <summary>Which path of the planner made it (for a cache hit: unknown, <see cref="PlanOrigin.ExactSearch"/>).</summary>
    public PlanOrigin Origin { get; init; }

    /// <summary>How the exact search ended: decided, or stopped by its budget or by the time limit.</summary>
    public ExactSearchEnd ExactEnd { get; init; }

    /// <summary>
    /// True when the time limit (not the work budget) cut a search of this plan short, so that another machine could
    /// plan differently: such a plan is never stored in the plan cache.
    /// </summary>
    public bool CutByClock { get; init; }

    /// <summary>What made the plan, in the summary line's words (see <see cref="PlanMethod.Describe"/>).</summary>
    public string Method => PlanMethod.Describe(Origin, ExactEnd);

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
