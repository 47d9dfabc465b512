namespace MiniMalloc;

/// <summary>
/// A fast heuristic plan: buffers by decreasing size, each at the lowest aligned offset where it fits among
/// those already placed (as XLA's heap simulator does). Gives the first upper bound when minimizing.
/// </summary>
public static class BestFitDecreasing
{
    /// <summary>Places every buffer (ignoring the capacity) and returns the plan; fixed offsets are kept.</summary>
    public static Solution Solve(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        throw new NotImplementedException();
    }
}
