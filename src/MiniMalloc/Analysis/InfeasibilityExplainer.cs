namespace MiniMalloc;

/// <summary>Explains an infeasible problem: an irreducible infeasible subset and, if any, the over-full step.</summary>
public static class InfeasibilityExplainer
{
    /// <summary>
    /// Computes the explanation. Call it only for a problem found infeasible; the time limit of
    /// <paramref name="options"/> bounds the work, and a partial subset is returned when it runs out.
    /// </summary>
    public static InfeasibilityExplanation Explain(Problem problem, SolverOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        throw new NotImplementedException();
    }
}
