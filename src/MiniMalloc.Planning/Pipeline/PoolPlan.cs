namespace MiniMalloc.Planning;

/// <summary>A pool plan and what is known about it: where it came from, the lower bound on its cost.</summary>
/// <param name="Solution">Each buffer's pool and offset, the heights per pool, the cost.</param>
/// <param name="CostLowerBound">A proven lower bound on the cost of every plan.</param>
/// <param name="ProvenOptimal">True when no plan costs less.</param>
/// <param name="Method">Which path of the planner found it ("exact", "anytime", "greedy"; "cache" for a hit).</param>
internal sealed record PoolPlan(PoolSolution Solution, long CostLowerBound, bool ProvenOptimal, string Method)
{
    /// <summary>True when the plan came from the cache.</summary>
    public bool CacheHit { get; init; }

    /// <summary>Warnings the plan's planning produced (replayed from the cache on a hit).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Search nodes the planner visited (0 for a cache hit).</summary>
    public long Nodes { get; init; }

    /// <summary>What the cache keeps of it: the offsets and, per buffer, the pool.</summary>
    public PlanCacheEntry ToCacheEntry() => new()
    {
        Offsets = Solution.Offsets,
        Pools = Solution.PoolOf,
        Height = Solution.Cost,
        LowerBound = CostLowerBound,
        Minimized = true,
        ProvenOptimal = ProvenOptimal,
        Warnings = Warnings,
    };

    /// <summary>The heights per pool, rounded up to each pool's arena alignment (what the header's arena sizes say).</summary>
    public IReadOnlyList<long> ArenaSizes(IReadOnlyList<long> alignments) =>
        Solution.Heights.Select((h, p) => OffsetsHeaderWriter.ArenaSize(h, alignments[p])).ToList();
}
