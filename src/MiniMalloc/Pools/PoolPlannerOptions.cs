namespace MiniMalloc;

/// <summary>How <see cref="PoolPlanner"/> spends its effort.</summary>
public sealed record PoolPlannerOptions
{
    /// <summary>
    /// Search nodes for the whole plan (the work, counted, so that the plan and the bound are the same on every
    /// machine). Null: a default that grows with the buffer count (<see cref="NodeBudgetFor"/>).
    /// </summary>
    public long? NodeBudget { get; init; }

    /// <summary>A safety net on the wall-clock time (null: none). A plan cut short by it is reported as <see cref="PoolStopReason.TimedOut"/>.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Cancels the planning; the best plan found so far is returned.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>After the cost, lower the heights of the pools, fastest first, keeping the cost.</summary>
    public bool MinimizeHeights { get; init; }

    /// <summary>The technique switches of the single-pool search that places buffers within each pool.</summary>
    public SolverOptions Search { get; init; } = new();

    /// <summary>The node budget for a problem of <paramref name="buffers"/> buffers: <see cref="NodeBudget"/>, or 2,000,000 or 200 per buffer when that is more.</summary>
    public long NodeBudgetFor(int buffers) => NodeBudget ?? Math.Max(2_000_000, 200L * buffers);

    /// <summary>Returns the first problem found, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (NodeBudget is < 0) return $"node budget {NodeBudget} may not be negative";
        if (TimeLimit is { } t && t < TimeSpan.Zero) return "the time limit may not be negative";
        if (Search is null) return "the search options are required";
        return Search.Validate();
    }
}
