namespace MiniMalloc.Planning;

/// <summary>What a successful plan looks like, for the summary line and the task's outputs.</summary>
internal sealed record PlanSummary
{
    /// <summary>Number of buffers.</summary>
    public required int BufferCount { get; init; }

    /// <summary>PREFIX_ARENA_SIZE: the plan's height rounded up to the arena alignment (the height itself without a header).</summary>
    public required long ArenaSize { get; init; }

    /// <summary>The plan's height (highest offset + size).</summary>
    public required long Peak { get; init; }

    /// <summary>The capacity planned for, or null when none was given.</summary>
    public Capacity? Capacity { get; init; }

    /// <summary>The lower bound on the height (at least the maximum of live bytes over steps).</summary>
    public required long LowerBound { get; init; }

    /// <summary>Time spent planning (reading, solving and writing).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>True when the plan came from the cache.</summary>
    public bool CacheHit { get; init; }

    /// <summary>True when the height was minimized; false when the plan only had to fit the capacity.</summary>
    public bool Minimized { get; init; }

    /// <summary>True when the height is proven minimal.</summary>
    public bool ProvenOptimal { get; init; }

    /// <summary>Number of buffers whose offset differs from the previous plan (0 without one).</summary>
    public int MovedOffsets { get; init; }

    /// <summary>Number of buffers that had an offset in the previous plan (0 without one).</summary>
    public int PreviousOffsets { get; init; }

    /// <summary>What made the plan (<see cref="Plan.Method"/>); null without a plan or for a cache hit.</summary>
    public string? Method { get; init; }

    /// <summary>Which path made the plan (<see cref="PlanOrigin.ExactSearch"/> without a plan or for a cache hit).</summary>
    public PlanOrigin Origin { get; init; }

    /// <summary>True when the plan used a heuristic fallback after a timeout.</summary>
    public bool FallbackUsed { get; init; }

    /// <summary>False when the header already held exactly this content (left untouched).</summary>
    public bool HeaderWritten { get; init; }

    /// <summary>For a pool plan: the cost, its lower bound and the heights per pool; null for one arena.</summary>
    public PoolFigures? Pools { get; init; }

    /// <summary>The report written, or null.</summary>
    public string? ReportPath { get; init; }
}
