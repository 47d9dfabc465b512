namespace MiniMalloc;

/// <summary>
/// Finds the lowest height at which a problem fits: from the max-live-size lower bound up, with a best-fit
/// decreasing plan as the first upper bound, and exact searches in between.
/// </summary>
public sealed class CapacityMinimizer
{
    /// <summary>Creates a minimizer; the options' timeout bounds the whole minimization.</summary>
    public CapacityMinimizer(SolverOptions? options = null)
    {
        Options = options ?? new SolverOptions();
        if (Options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
    }

    /// <summary>The options used for each exact search.</summary>
    public SolverOptions Options { get; }

    /// <summary>
    /// Minimizes the height; <paramref name="problem"/>'s capacity is the largest height allowed (0 or less: no limit).
    /// </summary>
    public MinimizeResult Minimize(Problem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        throw new NotImplementedException();
    }
}
