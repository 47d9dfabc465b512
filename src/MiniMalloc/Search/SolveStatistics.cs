namespace MiniMalloc;

/// <summary>What a solve cost.</summary>
public sealed record SolveStatistics
{
    /// <summary>Search nodes visited (over all heuristics and rounds).</summary>
    public long Nodes { get; init; }

    /// <summary>Nodes at which every alternative failed (the paper's and the reference's measure).</summary>
    public long Backtracks { get; init; }

    /// <summary>Wall-clock time of the solve, sweep included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The preordering heuristic that found the solution or proved infeasibility, if any did.</summary>
    public string? Heuristic { get; init; }
}
