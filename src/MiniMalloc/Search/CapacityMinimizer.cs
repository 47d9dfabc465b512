using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>
/// Finds the lowest height at which a problem fits, and proves a lower bound on it: exact searches ("probes") at the
/// lower bound, where most real instances fit and are then proven optimal; subset bounds that may raise the bound;
/// and a descent from the best plan found, one height step at a time. Probes are bounded by node counts
/// (<see cref="MinimizeOptions"/>), so the result does not depend on the machine's speed.
/// </summary>
public sealed class CapacityMinimizer
{
    /// <summary>Creates a minimizer; the solver options' timeout bounds the whole minimization (a safety net).</summary>
    /// <param name="options">Technique switches and the time limit; their preordering heuristics are not used.</param>
    /// <param name="minimizeOptions">Probe heuristics and node budgets (default: <see cref="MinimizeOptions"/>).</param>
    public CapacityMinimizer(SolverOptions? options = null, MinimizeOptions? minimizeOptions = null)
    {
        Options = options ?? new SolverOptions();
        if (Options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
        MinimizeOptions = minimizeOptions ?? new MinimizeOptions();
        if (MinimizeOptions.Validate() is { } problem) throw new ArgumentException(problem, nameof(minimizeOptions));
    }

    /// <summary>The options used for each exact search.</summary>
    public SolverOptions Options { get; }

    /// <summary>How the minimizer spends its effort.</summary>
    public MinimizeOptions MinimizeOptions { get; }

    /// <summary>
    /// Minimizes the height; <paramref name="problem"/>'s capacity is the largest height allowed (0 or less: no limit).
    /// Never throws on timeout or cancellation: the result then holds the best plan found and the proven bound.
    /// </summary>
    /// <exception cref="ArgumentException">The problem is malformed (see <see cref="ProblemChecker"/>).</exception>
    public MinimizeResult Minimize(Problem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long limit = problem.Capacity > 0 ? problem.Capacity : ProblemChecker.MaxValue;
        var bounded = problem.WithCapacity(limit);
        if (ProblemChecker.FirstError(bounded) is { } error) throw new ArgumentException(error, nameof(problem));
        var stop = new StopCondition(Options.Timeout, cancellationToken);
        // All probes share one work budget, as they share the minimizer's node budget.
        if (Options.WorkBudget is { } work) stop = stop.WithWorkLimit(work);
        return new MinimizationRun(bounded, Options, MinimizeOptions, stop).Run();
    }

    /// <summary>The larger of the max live size and the top of every fixed buffer: no solution is lower.</summary>
    internal static long LowerBound(Problem problem)
    {
        long bound = LiveProfile.Of(problem).Peak;
        foreach (var b in problem.Buffers)
        {
            if (b.Offset is { } o) bound = Math.Max(bound, o + b.Size);
            bound = Math.Max(bound, b.Size);
        }
        return bound;
    }
}
