namespace MiniMalloc;

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>A solution within the capacity was found.</summary>
    Solved,

    /// <summary>The search proved that no solution exists within the capacity.</summary>
    Infeasible,

    /// <summary>The time limit ran out before the question was decided.</summary>
    TimedOut,

    /// <summary>The caller cancelled before the question was decided.</summary>
    Cancelled,
}
