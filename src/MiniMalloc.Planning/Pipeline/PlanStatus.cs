namespace MiniMalloc.Planning;

/// <summary>How a run of the pipeline ended; each front maps it onto its own answer (success or failure, exit code).</summary>
internal enum PlanStatus
{
    /// <summary>The search's answer (solved, minimized or from the cache) passed validation and every output is in place.</summary>
    Solved,

    /// <summary>
    /// The exact search timed out, and a heuristic plan that fits passed validation and was written in its place
    /// (warning <see cref="DiagnosticCodes.FallbackPlanUsed"/>): a plan, but not the search's answer.
    /// </summary>
    HeuristicFallback,

    /// <summary>No plan fits in the capacity (proven).</summary>
    Infeasible,

    /// <summary>The time limit ran out before the question was decided, and no heuristic plan fits.</summary>
    TimedOut,

    /// <summary>The run was cancelled; nothing was written.</summary>
    Cancelled,

    /// <summary>A setting, the input file or its content is unusable; nothing was written.</summary>
    InvalidInput,

    /// <summary>An output could not be written (or, with -question, would have to be).</summary>
    OutputFailed,

    /// <summary>A plan failed the independent validator (a solver bug); nothing was written.</summary>
    PlanRejected,
}
