namespace MiniMalloc;

/// <summary>
/// Switches for every search technique of the paper (all on by default, so that each one's effect can be
/// measured by turning it off), the preordering heuristics, and limits.
/// </summary>
public sealed record SolverOptions
{
    /// <summary>The default preordering heuristics, tried round robin: WAT, TAW, TWA.</summary>
    public static readonly IReadOnlyList<string> DefaultPreorderingHeuristics = ["WAT", "TAW", "TWA"];

    /// <summary>Only explore canonical solutions: buffers placed in non-decreasing (offset, preorder index).</summary>
    public bool CanonicalOnly { get; init; } = true;

    /// <summary>Prune when a section's floor plus its unplaced sizes exceeds the capacity.</summary>
    public bool SectionInference { get; init; } = true;

    /// <summary>Try unplaced buffers in order of (min offset, preorder index) at every node.</summary>
    public bool DynamicOrdering { get; init; } = true;

    /// <summary>Skip candidates at or above the lowest top of any unplaced buffer (they leave a fillable hole).</summary>
    public bool CheckDominance { get; init; } = true;

    /// <summary>Raise a section's floor to the smallest min offset of its unplaced buffers.</summary>
    public bool UnallocatedFloor { get; init; } = true;

    /// <summary>Sort buffers by a preordering heuristic before the search.</summary>
    public bool StaticPreordering { get; init; } = true;

    /// <summary>Split the remaining buffers into independent sub-problems when no unplaced buffer crosses a section boundary.</summary>
    public bool DynamicDecomposition { get; init; } = true;

    /// <summary>Treat the offset just placed as a floor for every section (placements are canonical).</summary>
    public bool MonotonicFloor { get; init; } = true;

    /// <summary>Stop trying alternatives at a node once a buffer with nothing overhead has been tried.</summary>
    public bool HatlessPruning { get; init; } = true;

    /// <summary>
    /// Preordering heuristics: strings of the letters A (area), C (section count), L (lower), O (overlap count),
    /// T (largest section total), U (upper), W (width), Z (size), each compared in descending order. More than one
    /// are tried round robin with node budgets that double every round.
    /// </summary>
    public IReadOnlyList<string> PreorderingHeuristics { get; init; } = DefaultPreorderingHeuristics;

    /// <summary>
    /// For problems of more than 1,500 buffers: when the first attempt of the search runs out of nodes (twice the
    /// buffer count), try the near-linear <see cref="SweepAllocator"/> and return its plan when it fits, before
    /// searching on (on by default). Large problems with slack are planned by that first attempt (about one node
    /// per buffer), so this only answers the ones it cannot. Switch off to always search (the reference's behaviour).
    /// </summary>
    public bool LargeProblemHeuristic { get; init; } = true;

    /// <summary>The buffer count above which <see cref="LargeProblemHeuristic"/> applies (internal, for tests).</summary>
    internal int LargeProblemThreshold { get; init; } = 1500;

    /// <summary>
    /// How many threads may search at once (default 1). With more than one and several preordering heuristics, the
    /// threads share the round robin's attempts (each attempt keeps its heuristic and node budget, and a free thread
    /// takes the next one), and the answer is the first attempt in round-robin order that decides: the plan, the
    /// verdict and the heuristic reported are those of a single-threaded solve, whatever the timing. Only the
    /// elapsed time and the nodes and backtracks counted (which include attempts that ran beside the deciding one)
    /// differ. With one heuristic there is one attempt, so one thread searches.
    /// </summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// Sub-problems with more buffers than this keep their dynamic ordering in a tree that is updated in place (and
    /// their section maxima in a segment tree) instead of computing a fresh ordering at every node: the same search,
    /// node for node, in O(log n) per change instead of O(n) per node and O(n) memory instead of O(n²). -1 (the
    /// default): decided per sub-problem, by its size against how many buffers each of its buffers overlaps.
    /// Internal so that tests can force either representation (0: always the tree; int.MaxValue: never).
    /// </summary>
    internal int IncrementalThreshold { get; init; } = -1;

    /// <summary>
    /// An <see cref="IncrementalThreshold"/> for tests: each sub-problem takes one representation or the other by a
    /// hash of its sections, so that sub-problems of both kinds nest in one another.
    /// </summary>
    internal const int MixedRepresentations = -2;

    /// <summary>
    /// Sub-problems of at least this many buffers search the large piece of a decomposition as a narrowed view of
    /// themselves where that is the same search (see <see cref="Search.NarrowedViews"/>), instead of building a new
    /// one; smaller ones build it, which costs them less than the check. Internal: tests set 0 to use views on small
    /// problems, and int.MaxValue to compare with none.
    /// </summary>
    internal int NarrowedViewThreshold { get; init; } = Search.NarrowedViews.DefaultThreshold;

    /// <summary>Give up after this long (null: no limit). A timed-out solve is reported as such, never as infeasible.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Give up after about this many search nodes (null: no limit), reported as <see cref="SolveStatus.TimedOut"/>
    /// like the time limit. Work, not time: where a budgeted solve stops does not depend on the machine's speed,
    /// so its verdict is the same everywhere (with <see cref="Parallelism"/> 1). Counted in the engine's polls
    /// of 512 nodes. Not used by <see cref="CapacityMinimizer"/>, whose budget is <see cref="MinimizeOptions.NodeBudget"/>.
    /// </summary>
    public long? NodeBudget { get; init; }

    /// <summary>
    /// Give up after about this much work (null: no limit), reported as <see cref="NodeBudget"/> is: units of about one
    /// array element the search reads or writes where a node's cost depends on the problem's shape (the sections a
    /// placement occupies and raises, the buffers it raises; see <see cref="Search.WorkMeter"/>). A node budget bounds
    /// the time only where nodes are cheap; this bounds it on every shape, and is as deterministic. Counted at the
    /// engine's polls, with the nodes. <see cref="CapacityMinimizer"/>'s probes share one.
    /// </summary>
    public long? WorkBudget { get; init; }

    /// <summary>Checks the heuristics and returns the first problem found, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (PreorderingHeuristics.Count == 0) return "at least one preordering heuristic is required";
        foreach (var heuristic in PreorderingHeuristics)
        {
            if (string.IsNullOrEmpty(heuristic)) return "a preordering heuristic may not be empty";
            foreach (var c in heuristic)
            {
                if ("ACLOTUWZ".IndexOf(c) < 0)
                {
                    return $"preordering heuristic '{heuristic}' has the letter '{c}'; the letters are A C L O T U W Z";
                }
            }
        }
        if (Timeout is { } t && t < TimeSpan.Zero) return "the timeout may not be negative";
        if (NodeBudget is < 0) return $"node budget {NodeBudget} may not be negative";
        if (WorkBudget is < 0) return $"work budget {WorkBudget} may not be negative";
        if (Parallelism < 1) return $"parallelism {Parallelism} must be at least 1";
        return null;
    }
}
