namespace MiniMalloc.Cli;

/// <summary>What a solve or a minimization found, in one shape for the summary line and the outputs.</summary>
/// <param name="Status">How the search ended.</param>
/// <param name="Solution">The plan, when one was found.</param>
/// <param name="LowerBound">The best lower bound known on the height.</param>
/// <param name="Minimized">True when the height was minimized.</param>
/// <param name="ProvenOptimal">True when minimizing proved the height minimal.</param>
/// <param name="Statistics">Nodes, backtracks, time and heuristic.</param>
internal sealed record PlanAttempt(
    SolveStatus Status, Solution? Solution, long LowerBound, bool Minimized, bool ProvenOptimal, SolveStatistics Statistics)
{
    /// <summary>Runs the solver or the minimizer as <paramref name="options"/> asks.</summary>
    public static PlanAttempt Run(Problem problem, CliOptions options, CancellationToken cancellationToken)
    {
        // Cancelled while reading (Ctrl+C early): say so without starting a search that might still finish.
        if (cancellationToken.IsCancellationRequested)
        {
            return new PlanAttempt(SolveStatus.Cancelled, null, LiveProfile.Of(problem).Peak, options.MinimizeCapacity, false, new SolveStatistics());
        }
        if (options.MinimizeCapacity)
        {
            var minimized = new CapacityMinimizer(options.Solver).Minimize(problem, cancellationToken);
            return new PlanAttempt(minimized.Status, minimized.Solution, minimized.LowerBound, Minimized: true,
                minimized.ProvenOptimal, minimized.Statistics);
        }
        var solved = new Solver(options.Solver).Solve(problem, cancellationToken);
        return new PlanAttempt(solved.Status, solved.Solution, LiveProfile.Of(problem).Peak, Minimized: false,
            ProvenOptimal: false, solved.Statistics);
    }
}
