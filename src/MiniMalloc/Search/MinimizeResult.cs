namespace MiniMalloc;

/// <summary>The outcome of <see cref="CapacityMinimizer.Minimize(Problem, CancellationToken)"/>.</summary>
public sealed record MinimizeResult
{
    /// <summary>
    /// <see cref="SolveStatus.Solved"/> when some solution was found (optimal or not: see <see cref="ProvenOptimal"/>);
    /// <see cref="SolveStatus.Infeasible"/> when nothing fits within the problem's capacity; otherwise why the search stopped
    /// before finding anything.
    /// </summary>
    public required SolveStatus Status { get; init; }

    /// <summary>The best solution found (lowest height), or null.</summary>
    public Solution? Solution { get; init; }

    /// <summary>The best lower bound proved on the height (at least the max live size).</summary>
    public required long LowerBound { get; init; }

    /// <summary>How <see cref="LowerBound"/> was proven.</summary>
    public LowerBoundProof LowerBoundProof { get; init; }

    /// <summary>True when <see cref="Solution"/>'s height equals <see cref="LowerBound"/>: no lower height exists.</summary>
    public bool ProvenOptimal => Solution is not null && Solution.Height == LowerBound;

    /// <summary>The sum of the statistics of every solve made.</summary>
    public required SolveStatistics Statistics { get; init; }
}
