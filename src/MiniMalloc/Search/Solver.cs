using MiniMalloc.Search;
using MiniMalloc.Sweeping;

namespace MiniMalloc;

/// <summary>
/// Decides whether a problem fits in its capacity, and finds a solution when it does, by MiniMalloc's
/// depth-first search over canonical solutions. Buffers with a <see cref="Buffer.Hint"/> are first tried at
/// their hinted offsets (a warm start); the search falls back to a cold solve when the hints do not fit.
/// </summary>
public sealed class Solver
{
    /// <summary>The <see cref="SolveStatistics.Heuristic"/> of a plan found by the large-problem sweep allocator.</summary>
    public const string LargeProblemHeuristicName = "sweep";

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
        var stop = new StopCondition(Options.Timeout, cancellationToken);
        if (Options.NodeBudget is { } nodes) stop = stop.WithNodeLimit(nodes);
        if (Options.WorkBudget is { } work) stop = stop.WithWorkLimit(work);
        return Solve(problem, stop);
    }

    internal SolveResult Solve(Problem problem, StopCondition stop)
    {
        long nodes = 0, backtracks = 0;
        if (HintedProblem.From(problem) is { } hinted)
        {
            // Warm start: keep the previous plan's offsets fixed and place the rest around them. A short attempt,
            // bounded by nodes (so that where it gives up does not depend on the machine) and by a share of the
            // time limit: when the old offsets no longer fit, a cold solve is faster than proving that.
            var attemptStop = stop.WithNodeLimit(WarmStartNodes(problem.Buffers.Count));
            if (stop.Remaining is { } remaining) attemptStop = attemptStop.WithLimit(remaining / 4);
            var warm = SolveCold(hinted, attemptStop);
            nodes += warm.Statistics.Nodes;
            backtracks += warm.Statistics.Backtracks;
            if (warm.Status == SolveStatus.Solved) return warm with { Statistics = warm.Statistics with { Elapsed = stop.Elapsed } };
            if (stop.ShouldStop()) return Stopped(stop, nodes, backtracks);
        }
        var cold = SolveCold(problem, stop);
        return cold with
        {
            Statistics = cold.Statistics with { Nodes = cold.Statistics.Nodes + nodes, Backtracks = cold.Statistics.Backtracks + backtracks, Elapsed = stop.Elapsed },
        };
    }

    // About half a second of search on the published benchmarks, and a few nodes per buffer on large problems,
    // whose warm starts are planned by their first attempt (about one node per buffer) when the hints still fit.
    private static long WarmStartNodes(int bufferCount) => Math.Max(100_000, 4L * bufferCount);

    private SolveResult SolveCold(Problem problem, StopCondition stop)
    {
        if (SearchableProblem.From(problem) is { } searchable)
        {
            if (!searchable.LeftOutFit(problem))
            {
                return new SolveResult { Status = SolveStatus.Infeasible, Statistics = new SolveStatistics { Elapsed = stop.Elapsed } };
            }
            var inner = SolveCold(searchable.Problem, stop);
            return inner.Solution is null ? inner : inner with { Solution = searchable.Expand(problem, inner.Solution) };
        }
        int n = problem.Buffers.Count;
        if (n == 0)
        {
            return new SolveResult { Status = SolveStatus.Solved, Solution = new Solution([], 0), Statistics = new SolveStatistics { Elapsed = stop.Elapsed } };
        }
        // The live sizes alone can rule a capacity out: no search needed (and none that could be slow when
        // section inference is switched off).
        if (LiveProfile.Of(problem).Peak > problem.Capacity)
        {
            return new SolveResult { Status = SolveStatus.Infeasible, Statistics = new SolveStatistics { Elapsed = stop.Elapsed } };
        }
        var sweep = Sweeper.Sweep(problem);
        var engine = new SearchEngine(problem, sweep, Options, stop);
        int firstAttempt = 0;
        if (Options.LargeProblemHeuristic && n > Options.LargeProblemThreshold)
        {
            // A large problem with slack is usually planned by the first attempt, in about one node per buffer. When
            // that attempt runs out of nodes, a near-linear sweep plan that fits is the answer; else search on.
            var schedule = new RoundRobinSchedule(Options.PreorderingHeuristics, n);
            var first = engine.RunAttempt(schedule.Heuristic(0), Math.Min(schedule.Budget(0), 2L * n));
            if (first != SearchOutcome.BudgetExhausted) return ToResult(problem, engine, first, stop, engine.Nodes, engine.Backtracks);
            var quick = SweepAllocator.Solve(problem);
            if (quick.Height <= problem.Capacity)
            {
                return new SolveResult
                {
                    Status = SolveStatus.Solved,
                    Solution = quick,
                    Statistics = new SolveStatistics { Nodes = engine.Nodes, Backtracks = engine.Backtracks, Elapsed = stop.Elapsed, Heuristic = LargeProblemHeuristicName },
                };
            }
            firstAttempt = Options.PreorderingHeuristics.Count > 1 ? 1 : 0;
        }
        if (Options.Parallelism > 1 && Options.PreorderingHeuristics.Count > 1) return SolveInParallel(problem, sweep, stop, firstAttempt, engine);
        var outcome = engine.Run(Options.PreorderingHeuristics, firstAttempt);
        return ToResult(problem, engine, outcome, stop, engine.Nodes, engine.Backtracks);
    }

    // The round robin's attempts on Parallelism threads; the same answer as a sequential solve (see ParallelRoundRobin).
    private SolveResult SolveInParallel(Problem problem, SweepResult sweep, StopCondition stop, int firstAttempt, SearchEngine probe)
    {
        var (outcome, offsets, heuristic, nodes, backtracks) = new ParallelRoundRobin(problem, sweep, Options, stop).Run(Options.Parallelism, firstAttempt);
        nodes += probe.Nodes;
        backtracks += probe.Backtracks;
        var statistics = new SolveStatistics { Nodes = nodes, Backtracks = backtracks, Elapsed = stop.Elapsed, Heuristic = heuristic };
        return outcome switch
        {
            SearchOutcome.Found => new SolveResult { Status = SolveStatus.Solved, Solution = Solution.FromOffsets(problem, offsets!), Statistics = statistics },
            SearchOutcome.NotFound => new SolveResult { Status = SolveStatus.Infeasible, Statistics = statistics },
            _ => Stopped(stop, nodes, backtracks),
        };
    }

    private static SolveResult ToResult(Problem problem, SearchEngine engine, SearchOutcome outcome, StopCondition stop, long nodes, long backtracks)
    {
        var statistics = new SolveStatistics
        {
            Nodes = nodes,
            Backtracks = backtracks,
            Elapsed = stop.Elapsed,
            Heuristic = engine.Heuristic,
        };
        return outcome switch
        {
            SearchOutcome.Found => new SolveResult
            {
                Status = SolveStatus.Solved,
                Solution = Solution.FromOffsets(problem, (long[])engine.SolutionOffsets.Clone()),
                Statistics = statistics,
            },
            SearchOutcome.NotFound => new SolveResult { Status = SolveStatus.Infeasible, Statistics = statistics },
            _ => new SolveResult { Status = stop.Reason ?? SolveStatus.TimedOut, Statistics = statistics },
        };
    }

    private static SolveResult Stopped(StopCondition stop, long nodes, long backtracks) => new()
    {
        Status = stop.Reason ?? SolveStatus.TimedOut,
        Statistics = new SolveStatistics { Nodes = nodes, Backtracks = backtracks, Elapsed = stop.Elapsed },
    };
}
