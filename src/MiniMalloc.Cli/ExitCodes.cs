using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>The tool's exit codes (documented in --help and the CLI reference), one per way a run ends.</summary>
internal static class ExitCodes
{
    /// <summary>The search's plan was found and written (solved, or minimized).</summary>
    public const int Solved = 0;

    /// <summary>No plan fits in the capacity (proven).</summary>
    public const int NoSolution = 1;

    /// <summary>Bad input, bad flags, or an output that cannot be written.</summary>
    public const int BadInput = 2;

    /// <summary>The time limit ran out (or the run was cancelled) before the question was decided, and no heuristic plan fits; nothing was written.</summary>
    public const int TimedOut = 3;

    /// <summary>A bug: a plan failed validation or an unexpected exception escaped; nothing was written.</summary>
    public const int InternalError = 4;

    /// <summary>
    /// A plan was written, but it is the heuristic fallback's after the exact search timed out, not the search's
    /// answer: a script that takes 0 to mean "solved" is never misled by it.
    /// </summary>
    public const int HeuristicPlan = 5;

    /// <summary>The exit code of a run that ended with <paramref name="status"/>.</summary>
    public static int Of(PlanStatus status) => status switch
    {
        PlanStatus.Solved => Solved,
        PlanStatus.HeuristicFallback => HeuristicPlan,
        PlanStatus.Infeasible => NoSolution,
        PlanStatus.InvalidInput or PlanStatus.OutputFailed => BadInput,
        PlanStatus.TimedOut or PlanStatus.Cancelled => TimedOut,
        _ => InternalError,
    };
}
