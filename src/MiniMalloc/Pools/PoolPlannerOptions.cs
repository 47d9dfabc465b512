namespace MiniMalloc;

/// <summary>How <see cref="PoolPlanner"/> spends its effort.</summary>
public sealed record PoolPlannerOptions
{
    /// <summary>
    /// Search nodes for the whole plan (the work, counted, so that the plan and the bound are the same on every
    /// machine). Null: a default that grows with the buffer count (<see cref="NodeBudgetFor"/>).
    /// </summary>
    public long? NodeBudget { get; init; }

    /// <summary>
    /// Units of work for the whole plan (about one array element read or written: a buffer looked at, a plan copied,
    /// a single-pool search's buffers and its own work), beside the nodes: a node's cost grows with the problem (a
    /// single-pool search over thousands of buffers, a move that looks at every buffer live beside it), so the
    /// nodes alone do not bound the time. Deterministic, as the nodes. Null: <see cref="DefaultWorkBudget"/> when
    /// <see cref="NodeBudget"/> is not set either, else none (a node budget set is the whole budget).
    /// </summary>
    public long? WorkBudget { get; init; }

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

    /// <summary>
    /// The default work budget (<see cref="WorkBudget"/>) up to <see cref="LargeProblemBuffers"/> buffers: more than
    /// the challenging benchmarks A-K use as two-pool problems (their plans are those of the node budget alone), and
    /// at the 5-15 ns a unit costs a bound of about a minute whatever the shape.
    /// </summary>
    public const long DefaultWorkBudget = 4_000_000_000;

    /// <summary>
    /// Above this many buffers a problem gets <see cref="LargeWorkBudget"/> and <see cref="LargeWorkPerBuffer"/> by
    /// default (and evict and pack tries its packings without search first): well above the benchmarks A-K (at most
    /// 454 buffers) and the generated networks of 1,000 measured with the node budget alone.
    /// </summary>
    public const int LargeProblemBuffers = 2_000;

    /// <summary>
    /// The default work budget above <see cref="LargeProblemBuffers"/> buffers: this, plus <see cref="LargeWorkPerBuffer"/>
    /// per buffer; at the 5-15 ns a unit measured there, about 5 s at 10,000 buffers and 10 s at 100,000 (generated
    /// networks, fast pool at 50-90 %), where the node budget alone took 12-25 s and over 8 minutes.
    /// </summary>
    public const long LargeWorkBudget = 600_000_000;

    /// <summary>The default work budget's growth per buffer above <see cref="LargeProblemBuffers"/> buffers.</summary>
    public const long LargeWorkPerBuffer = 4_000;

    /// <summary>The work budget for a problem of <paramref name="buffers"/> buffers: <see cref="WorkBudget"/>, else <see cref="DefaultWorkBudget"/> unless a node budget is set (then none).</summary>
    public long? WorkBudgetFor(int buffers) => WorkBudget ?? (NodeBudget is null ? (buffers > LargeProblemBuffers ? LargeWorkBudget + LargeWorkPerBuffer * buffers : DefaultWorkBudget) : null);

    /// <summary>Returns the first problem found, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (NodeBudget is < 0) return $"node budget {NodeBudget} may not be negative";
        if (WorkBudget is < 0) return $"work budget {WorkBudget} may not be negative";
        if (TimeLimit is { } t && t < TimeSpan.Zero) return "the time limit may not be negative";
        if (Search is null) return "the search options are required";
        return Search.Validate();
    }
}
