namespace MiniMalloc.Planning;

/// <summary>What the search did, once the input was read: the figures of the CLI's summary line, plan or not.</summary>
internal sealed record SearchReport
{
    /// <summary>Number of buffers.</summary>
    public required int BufferCount { get; init; }

    /// <summary>The capacity planned for, or null when there is none.</summary>
    public Capacity? Capacity { get; init; }

    /// <summary>The best lower bound known on the height.</summary>
    public required long LowerBound { get; init; }

    /// <summary>The plan's height, or null when there is no plan.</summary>
    public long? Height { get; init; }

    /// <summary>True when the height was minimized.</summary>
    public bool Minimized { get; init; }

    /// <summary>True when the plan's height is proven minimal.</summary>
    public bool ProvenOptimal { get; init; }

    /// <summary>What made the plan (<see cref="Plan.Method"/>); null without a plan or for a cache hit.</summary>
    public string? Method { get; init; }

    /// <summary>Which path made the plan (<see cref="PlanOrigin.ExactSearch"/> without a plan or for a cache hit).</summary>
    public PlanOrigin Origin { get; init; }

    /// <summary>Without a plan because the search stopped undecided: the best heuristic plan's height (above the capacity).</summary>
    public long? BestHeight { get; init; }

    /// <summary>
    /// Without a plan after <see cref="BestHeight"/> was found: true when the clock stopped the search, false when its
    /// work budget did (then the same on every machine).
    /// </summary>
    public bool UndecidedByClock { get; init; }

    /// <summary>True when the plan is the heuristic fallback's after a timeout.</summary>
    public bool HeuristicFallback { get; init; }

    /// <summary>True when the plan came from the cache (the statistics are then empty).</summary>
    public bool CacheHit { get; init; }

    /// <summary>Nodes, backtracks, the exact search's time and the preordering heuristic that decided.</summary>
    public SolveStatistics Statistics { get; init; } = new();

    /// <summary>
    /// The whole run's time, from reading the input to the outcome: what a user waited for. Unlike the exact search's
    /// time in <see cref="Statistics"/>, it includes the lower bound, the anytime plans and the validation.
    /// </summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>For a pool problem: the cost, its lower bound and the heights per pool; null for one arena.</summary>
    public PoolFigures? Pools { get; init; }

    /// <summary>The independent validator's verdict on the plan, or null when there is no plan.</summary>
    public bool? PlanValid { get; init; }
}
