namespace MiniMalloc;

/// <summary>The outcome of <see cref="PoolPlanner.Solve"/>.</summary>
public sealed record PoolPlanResult
{
    /// <summary>The best plan found (lowest cost, then lowest heights fastest first), or null when none was.</summary>
    public PoolSolution? Solution { get; init; }

    /// <summary>A proven lower bound on the cost of every plan (equal to the plan's cost when it is proven optimal).</summary>
    public long CostLowerBound { get; init; }

    /// <summary>True when no plan costs less than <see cref="Solution"/>.</summary>
    public bool ProvenOptimal { get; init; }

    /// <summary>Why the planner stopped.</summary>
    public required PoolStopReason StopReason { get; init; }

    /// <summary>Search nodes visited (all searches together).</summary>
    public long Nodes { get; init; }

    /// <summary>Units of work spent (all steps together; see <see cref="PoolPlannerOptions.WorkBudget"/>).</summary>
    public long Work { get; init; }

    /// <summary>Wall-clock time of the planning.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Which path found the plan: "exact" (the branch and bound), "anytime" (improved within the budget) or "greedy" (the baseline).</summary>
    public string Method { get; init; } = "";

    /// <summary>
    /// True when the branch and bound decided every branch. Without a plan and not <see cref="PoolStopReason.Infeasible"/>,
    /// no plan places each alias group as one block (its folded buffer): a group whose members leave a hole at some
    /// step reserves the hole, and a plan that puts buffers into it, if one exists, is beyond the search. No budget
    /// changes that.
    /// </summary>
    public bool SearchExhausted { get; init; }

    /// <summary>When <see cref="StopReason"/> is <see cref="PoolStopReason.Infeasible"/>: the buffers and the step at fault.</summary>
    public PoolInfeasibility? Infeasibility { get; init; }
}
