namespace MiniMalloc;

/// <summary>The outcome of <see cref="Solver.Solve(Problem, CancellationToken)"/>.</summary>
public sealed record SolveResult
{
    /// <summary>How the solve ended.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>The solution when <see cref="Status"/> is <see cref="SolveStatus.Solved"/>, else null.</summary>
    public Solution? Solution { get; init; }

    /// <summary>Nodes, backtracks, time and the successful heuristic.</summary>
    public required SolveStatistics Statistics { get; init; }
}
