namespace MiniMalloc;

/// <summary>
/// Decides whether a problem fits in its capacity, and finds a solution when it does, by MiniMalloc's
/// depth-first search over canonical solutions. Buffers with a <see cref="Buffer.Hint"/> are first tried at
/// their hinted offsets (a warm start); the search falls back to a cold solve when the hints do not fit.
/// </summary>
public sealed class Solver
{
    /// <summary>Creates a solver with the given options (default: every technique on).</summary>
    public Solver(SolverOptions? options = null)
    {
        Options = options ?? new SolverOptions();
        if (Options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
    }

    /// <summary>The options this solver uses.</summary>
    public SolverOptions Options { get; }

    /// <summary>Solves <paramref name="problem"/>; never throws on timeout or cancellation, which the result reports.</summary>
    /// <exception cref="ArgumentException">The problem is malformed (see <see cref="ProblemChecker"/>).</exception>
    public SolveResult Solve(Problem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (ProblemChecker.FirstError(problem) is { } error) throw new ArgumentException(error, nameof(problem));
        throw new NotImplementedException();
    }
}
