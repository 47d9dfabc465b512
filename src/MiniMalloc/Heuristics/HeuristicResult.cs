namespace MiniMalloc;

/// <summary>The outcome of <see cref="HeuristicPlanner.Plan(Problem, HeuristicOptions?, CancellationToken)"/>.</summary>
public sealed record HeuristicResult
{
    /// <summary>
    /// The lowest plan found: never higher than <see cref="StartHeight"/>. It ignores the problem's capacity
    /// (compare its height with it) and is valid whenever the fixed buffers do not overlap one another.
    /// </summary>
    public required Solution Solution { get; init; }

    /// <summary>The height of the best starting plan, before the local search.</summary>
    public required long StartHeight { get; init; }

    /// <summary>Which starting plan that was: "best-fit decreasing", "sweep", "first fit by size", … .</summary>
    public required string Start { get; init; }

    /// <summary>No plan is lower: the most bytes live at one step, the largest buffer, the top of every fixed buffer.</summary>
    public required long LowerBound { get; init; }

    /// <summary>The target the search stopped at (see <see cref="HeuristicOptions.TargetHeight"/>).</summary>
    public required long TargetHeight { get; init; }

    /// <summary>The moves tried.</summary>
    public required long Iterations { get; init; }

    /// <summary>How many times the local search lowered the best height.</summary>
    public required long Improvements { get; init; }

    /// <summary>Why the search stopped.</summary>
    public required HeuristicStopReason StopReason { get; init; }

    /// <summary>The time taken, starting plans included (the time budget counts only the local search).</summary>
    public required TimeSpan Elapsed { get; init; }
}
