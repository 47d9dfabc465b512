using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>
/// Finds the lowest height at which a problem fits: an exact search at the max-live-size lower bound first (the
/// answer for most real instances, and then proven optimal), a best-fit decreasing plan as the first upper bound,
/// then a bisection between the two.
/// </summary>
public sealed class CapacityMinimizer
{
    // Each probe after the first two lies this fraction of the open interval below the best height found.
    private const long ProbeFraction = 8;

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
    /// Never throws on timeout or cancellation: the result then holds the best plan found and the proven bound.
    /// </summary>
    /// <exception cref="ArgumentException">The problem is malformed (see <see cref="ProblemChecker"/>).</exception>
    public MinimizeResult Minimize(Problem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long limit = problem.Capacity > 0 ? problem.Capacity : ProblemChecker.MaxValue;
        var bounded = problem.WithCapacity(limit);
        if (ProblemChecker.FirstError(bounded) is { } error) throw new ArgumentException(error, nameof(problem));
        // Minimize what the search can prove things about: windows reserve from byte 0 (see SearchableProblem).
        // Every plan found is also valid for the problem as given.
        problem = SearchableProblem.WindowsFromZero(problem);
        bounded = bounded.WithCapacity(limit) with { Buffers = problem.Buffers };
        var stop = new StopCondition(Options.Timeout, cancellationToken);
        var solver = new Solver(Options);
        long nodes = 0, backtracks = 0;
        string? heuristic = null;

        long lower = LowerBound(problem);
        Solution? best = null;
        var heuristicPlan = BestFitDecreasing.Solve(bounded);
        if (heuristicPlan.Height <= limit && Validator.Validate(bounded.WithCapacity(heuristicPlan.Height), heuristicPlan).IsValid)
        {
            best = heuristicPlan;
        }
        long upper = best is null ? limit : best.Height - 1;
        long proven = lower;
        bool stopped = false, undecided = false;
        long fraction = ProbeFraction;
        int round = 0;
        while (lower <= upper)
        {
            // First the lower bound (the answer for most real instances), then, while nothing fits yet, the
            // largest height allowed (usually easy, and an upper bound), then steps down from the best height:
            // just below a height that fits, a plan is usually found quickly, while capacities near a loose lower
            // bound can stay undecided for minutes, so a plain bisection wastes its time there.
            long probe = round++ switch
            {
                0 => lower,
                1 when best is null => upper,
                _ => upper - (upper - lower) / fraction,
            };
            // With a time limit, no single probe may take it all.
            var probeStop = stop.Remaining is { } remaining ? stop.WithLimit(remaining / 4) : stop;
            var result = solver.Solve(problem.WithCapacity(probe), probeStop);
            nodes += result.Statistics.Nodes;
            backtracks += result.Statistics.Backtracks;
            if (result.Status == SolveStatus.Solved)
            {
                best = result.Solution!;
                heuristic = result.Statistics.Heuristic;
                upper = best.Height - 1;
            }
            else if (result.Status == SolveStatus.Infeasible)
            {
                lower = probe + 1;
                // Feasibility is monotone in the capacity: infeasible here means infeasible at every lower one.
                proven = Math.Max(proven, probe + 1);
            }
            else if (stop.ShouldStop())
            {
                stopped = true;
                break;
            }
            else
            {
                // Undecided within its share of the time: never a proof. Without a plan yet, look higher; with one,
                // probe closer below it, and give up when the steps cannot get finer.
                undecided = true;
                if (best is null || probe == lower) lower = probe + 1;
                else if ((upper - lower) / fraction == 0) break;
                else fraction *= 4;
            }
        }
        if (best is not null && proven > best.Height) proven = best.Height;
        var statistics = new SolveStatistics { Nodes = nodes, Backtracks = backtracks, Elapsed = stop.Elapsed, Heuristic = heuristic };
        var status = best is not null ? SolveStatus.Solved
            : stopped ? stop.Reason ?? SolveStatus.TimedOut
            : undecided ? SolveStatus.TimedOut
            : SolveStatus.Infeasible;
        if (status == SolveStatus.Infeasible) proven = Math.Max(proven, limit + 1);
        return new MinimizeResult { Status = status, Solution = best, LowerBound = proven, Statistics = statistics };
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
