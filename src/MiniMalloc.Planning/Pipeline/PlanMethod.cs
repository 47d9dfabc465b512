namespace MiniMalloc.Planning;

/// <summary>Which path of the planner produced a plan.</summary>
internal enum PlanOrigin
{
    /// <summary>The exact search (the reference's depth-first search over canonical solutions), or the minimizer's probes.</summary>
    ExactSearch,

    /// <summary>The solver's near-linear sweep allocator, which it uses for a large problem whose first search attempt ran out of nodes.</summary>
    Sweep,

    /// <summary>The heuristic plan made first for a large problem (anytime), kept because the exact search did not find a lower one.</summary>
    Heuristic,

    /// <summary>The heuristic fallback, made after the exact search stopped without a plan.</summary>
    Fallback,
}

/// <summary>How the exact search of a run ended.</summary>
internal enum ExactSearchEnd
{
    /// <summary>It decided (or was not needed: the heuristic plan reached the lower bound).</summary>
    Finished,

    /// <summary>It used up its work budget (search nodes): the same on every machine.</summary>
    Budget,

    /// <summary>The time limit (a safety net) stopped it: a faster machine could search further.</summary>
    TimeLimit,

    /// <summary>It was not run: the problem is over <see cref="PlanBudget.WorkLimit"/> (decided by the problem alone).</summary>
    Skipped,
}

/// <summary>The words the summary lines use for a plan's path.</summary>
internal static class PlanMethod
{
    /// <summary>
    /// What made the plan, for the summary lines: "exact search", "sweep heuristic", "heuristic plan",
    /// "heuristic plan, exact search stopped at budget", "heuristic fallback, exact search stopped at the time
    /// limit", ... (whether it is optimal is said beside it).
    /// </summary>
    public static string Describe(PlanOrigin origin, ExactSearchEnd end)
    {
        string stopped = end switch
        {
            ExactSearchEnd.Budget => "stopped at budget",
            ExactSearchEnd.TimeLimit => "stopped at the time limit",
            ExactSearchEnd.Skipped => "not run (over its work budget)",
            _ => null,
        } is { } how ? (origin == PlanOrigin.ExactSearch ? ", " : ", exact search ") + how : string.Empty;
        return origin switch
        {
            PlanOrigin.ExactSearch => "exact search" + stopped,
            PlanOrigin.Sweep => "sweep heuristic",
            PlanOrigin.Heuristic => "heuristic plan" + stopped,
            _ => "heuristic fallback" + stopped,
        };
    }
}
