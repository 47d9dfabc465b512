namespace MiniMalloc.Search;

/// <summary>
/// Runs the exact searches of one minimization ("probes": does the problem fit in this capacity?) within a node
/// budget shared by all of them, one heuristic at a time, each with a node cap, and adds up what they cost.
/// </summary>
internal sealed class ProbeRunner
{
    private readonly SolverOptions _options;
    private readonly StopCondition _stop;
    private readonly Dictionary<string, Solver> _solvers = [];

    public ProbeRunner(SolverOptions options, StopCondition stop, long nodeBudget)
    {
        _options = options;
        _stop = stop;
        Budget = nodeBudget;
        Limit = nodeBudget;
    }

    /// <summary>Nodes all probes may visit together.</summary>
    public long Budget { get; }

    /// <summary>How many of <see cref="Budget"/> the probes may have used before they stop for now (at most the budget).</summary>
    public long Limit
    {
        get;
        set => field = Math.Min(value, Budget);
    }

    public long Nodes { get; private set; }

    public long Backtracks { get; private set; }

    public long Remaining => Math.Max(0, Limit - Nodes);

    /// <summary>True when no more probes can run: the limit is reached, time is up or the caller cancelled.</summary>
    public bool Exhausted => Remaining == 0 || _stop.ShouldStop();

    /// <summary>The outer condition (time limit and cancellation) every probe runs under.</summary>
    public StopCondition Stop => _stop;

    /// <summary>
    /// Asks whether <paramref name="problem"/> fits in <paramref name="capacity"/>, trying <paramref name="heuristics"/>
    /// in turn, each with up to <paramref name="nodesPerHeuristic"/> nodes (fewer when the budget runs low), until one
    /// decides. Solved and Infeasible are exact; TimedOut means undecided within the caps.
    /// </summary>
    public SolveResult Probe(Problem problem, long capacity, IReadOnlyList<string> heuristics, long nodesPerHeuristic)
    {
        var atCapacity = problem.WithCapacity(capacity);
        SolveResult? last = null;
        foreach (var heuristic in heuristics)
        {
            if (Exhausted) break;
            long cap = Math.Min(nodesPerHeuristic, Remaining);
            var result = SolverFor(heuristic).Solve(atCapacity, _stop.WithNodeLimit(cap));
            Nodes += result.Statistics.Nodes;
            Backtracks += result.Statistics.Backtracks;
            if (result.Status is SolveStatus.Solved or SolveStatus.Infeasible) return result;
            last = result;
        }
        return last ?? new SolveResult { Status = SolveStatus.TimedOut, Statistics = new SolveStatistics { Elapsed = _stop.Elapsed } };
    }

    // One heuristic per solve: the minimizer schedules the heuristics itself, with budgets that it chooses.
    private Solver SolverFor(string heuristic)
    {
        if (!_solvers.TryGetValue(heuristic, out var solver))
        {
            solver = new Solver(_options with { PreorderingHeuristics = [heuristic], Timeout = null });
            _solvers[heuristic] = solver;
        }
        return solver;
    }
}
