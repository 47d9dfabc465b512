namespace MiniMalloc;

/// <summary>Why <see cref="HeuristicPlanner"/> stopped improving its plan.</summary>
public enum HeuristicStopReason
{
    /// <summary>The plan's height reached <see cref="HeuristicOptions.TargetHeight"/>.</summary>
    TargetReached,

    /// <summary><see cref="HeuristicOptions.MaxIterations"/> moves were tried.</summary>
    IterationBudget,

    /// <summary>The local search did <see cref="HeuristicOptions.MaxWork"/> work.</summary>
    WorkBudget,

    /// <summary><see cref="HeuristicOptions.TimeBudget"/> ran out.</summary>
    TimeBudget,

    /// <summary>The caller's cancellation token fired; the plan is the best found until then.</summary>
    Cancelled,

    /// <summary>Fewer than two buffers can be reordered: the starting plan cannot be changed.</summary>
    NoMoves,
}
