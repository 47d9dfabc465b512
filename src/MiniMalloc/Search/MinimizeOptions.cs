namespace MiniMalloc;

/// <summary>
/// How <see cref="CapacityMinimizer"/> spends its effort. Every limit here counts search nodes, not time, so that
/// a minimization gives the same plan and the same bound on every machine; the solver options' timeout is only a
/// safety net.
/// </summary>
public sealed record MinimizeOptions
{
    /// <summary>The default probe heuristics: TWA, TAW, WAT.</summary>
    /// <remarks>
    /// The paper's three, with the section total first: near the lower bound the fullest sections are the ones that
    /// decide. Of the nine challenging benchmarks whose live-size bound is tight, TWA alone proves seven optimal in
    /// under 19,000 nodes each and TAW the other two in under 17,000, where the solver's round robin over WAT, TAW,
    /// TWA needs up to 155,000.
    /// </remarks>
    public static readonly IReadOnlyList<string> DefaultHeuristics = ["TWA", "TAW", "WAT"];

    /// <summary>
    /// The preordering heuristics a probe at the lower bound or the ceiling tries, one after the other, each with its
    /// own node budget (the solver options' heuristics are not used). The descent below the best plan uses only the
    /// first: a failed descent probe costs its whole budget, and on the challenging benchmarks D and J the first
    /// (TWA) finds the lowest plans; with WAT first, J does not descend below 1,048,576 at all.
    /// </summary>
    public IReadOnlyList<string> Heuristics { get; init; } = DefaultHeuristics;

    /// <summary>
    /// Nodes per heuristic in the first round of probes; each later round has four times as many, so that an
    /// unlucky first budget costs at most a third of the work. Null (the default): 8,192, or two per buffer when
    /// that is more, so that a probe can place every buffer (one node each).
    /// </summary>
    public long? ProbeNodes { get; init; }

    /// <summary>
    /// Search nodes for the whole minimization: bound, probes and subset bounds together. Null (the default):
    /// 500,000, or ten per buffer when that is more (a few probes' worth).
    /// </summary>
    public long? NodeBudget { get; init; }

    /// <summary>The first-round probe budget for a problem of <paramref name="buffers"/> buffers.</summary>
    public long ProbeNodesFor(int buffers) => ProbeNodes ?? Math.Max(8192, 2L * buffers);

    /// <summary>The node budget for a problem of <paramref name="buffers"/> buffers.</summary>
    public long NodeBudgetFor(int buffers) => NodeBudget ?? Math.Max(500_000, 10L * buffers);

    /// <summary>Of <see cref="NodeBudget"/>, how many nodes the subset bounds may use (0: none are tried).</summary>
    public long SubsetBoundNodes { get; init; } = 50_000;

    /// <summary>Probes below the best height that may fail in a row before a round moves on to bigger budgets.</summary>
    public int FailuresPerRound { get; init; } = 16;

    /// <summary>
    /// The first upper bound: a plan for the problem it is given (the problem as minimized, with every gap window
    /// reserving from byte 0; its capacity is the largest height allowed). A plan above the capacity, or one that is
    /// not valid for that problem, is ignored. Null: the lowest of <see cref="HeuristicPlanner"/>'s starting plans
    /// (best-fit decreasing, the sweep, first fit by size, lifespan and area), without its local search. This is
    /// the seam for a better heuristic, such as one improved by local search.
    /// </summary>
    public Func<Problem, CancellationToken, Solution?>? InitialPlan { get; init; }

    /// <summary>Returns the first problem found, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (Heuristics.Count == 0) return "at least one probe heuristic is required";
        if (new SolverOptions { PreorderingHeuristics = Heuristics }.Validate() is { } error) return error;
        if (ProbeNodes is < 1) return $"probe nodes {ProbeNodes} must be at least 1";
        if (NodeBudget is < 0) return $"node budget {NodeBudget} may not be negative";
        if (SubsetBoundNodes < 0) return $"subset bound nodes {SubsetBoundNodes} may not be negative";
        if (FailuresPerRound < 1) return $"failures per round {FailuresPerRound} must be at least 1";
        return null;
    }
}
