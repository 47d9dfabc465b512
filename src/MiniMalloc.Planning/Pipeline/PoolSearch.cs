using System.Diagnostics;

namespace MiniMalloc.Planning;

/// <summary>
/// Finds the plan of a pool problem: from the cache, else by <see cref="PoolPlanner"/>, warm-started from the
/// previous plan (its pool and offset per buffer as hints). Without a plan it records why, with the diagnostic that
/// says so (<see cref="DiagnosticCodes.PoolsInfeasible"/> naming the buffers and the step, <see cref="DiagnosticCodes.PoolsTimedOut"/>).
/// </summary>
internal sealed class PoolSearch
{
    private readonly PlanRequest _request;
    private readonly PlanInput _input;
    private readonly PlanPools _pools;
    private readonly bool _minimize;
    private readonly List<Diagnostic> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private string? _cacheKey;

    public PoolSearch(PlanRequest request, PlanInput input, bool minimize, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        Debug.Assert(input.Pools is not null, "a pool search needs pools");
        _request = request;
        _input = input;
        _pools = input.Pools!;
        _minimize = minimize;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
        Problem = ToPoolProblem(input.Problem, _pools);
    }

    /// <summary>The solver library's problem (without warm-start hints).</summary>
    public PoolProblem Problem { get; }

    /// <summary>The key of this problem and these settings in the plan cache (the pools included), computed when first asked for.</summary>
    public string CacheKey => _cacheKey ??= PlanCache.ComputeKey(_input.Problem, _minimize, _request.Solver, _request.MinimizeNodes, pools: _pools);

    /// <summary>Why there is no plan, when <see cref="Find"/> returned none.</summary>
    public PlanStatus Failure { get; private set; } = PlanStatus.Cancelled;

    /// <summary>The best lower bound known on the cost.</summary>
    public long CostLowerBound { get; private set; }

    /// <summary>Search nodes the planner visited.</summary>
    public long Nodes { get; private set; }

    /// <summary>The planner's time.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>True when the time limit (a safety net), not the planner's budget, stopped it without a plan.</summary>
    public bool StoppedByClock { get; private set; }

    /// <summary>Why nothing can be placed, when the planner says so.</summary>
    public PoolInfeasibility? Infeasibility { get; private set; }

    /// <summary>The solver library's problem for <paramref name="problem"/>'s buffers and <paramref name="pools"/> (costs resolved).</summary>
    public static PoolProblem ToPoolProblem(Problem problem, PlanPools pools) => new(
        pools.Pools.Select((p, i) => new Pool(p.Name, p.Capacity.Bytes, p.Alignment.Bytes, pools.CostOf(i))).ToList(),
        problem.Buffers, pools.Allowed, pools.Weights);

    /// <summary>The plan, or null (then <see cref="Failure"/> says why and a diagnostic explains it).</summary>
    public PoolPlan? Find(PreviousPoolPlan? previous)
    {
        if (Lookup() is { } cached) return cached;
        var problem = previous is null ? Problem : previous.Hint(Problem);
        if (_cancellationToken.IsCancellationRequested) return Cancelled();
        var result = PoolPlanner.Solve(problem, new PoolPlannerOptions
        {
            NodeBudget = _request.MinimizeNodes?.Nodes,
            TimeLimit = _request.Timeout.Span,
            CancellationToken = _cancellationToken,
            MinimizeHeights = _minimize,
            Search = _request.Solver,
        });
        Nodes = result.Nodes;
        Elapsed = result.Elapsed;
        CostLowerBound = result.CostLowerBound;
        if (result.StopReason == PoolStopReason.Cancelled || _cancellationToken.IsCancellationRequested) return Cancelled();
        if (result.StopReason == PoolStopReason.Infeasible)
        {
            Infeasibility = result.Infeasibility;
            Failure = PlanStatus.Infeasible;
            Error(DiagnosticCodes.PoolsInfeasible, result.Infeasibility?.Message ?? "the buffers cannot be placed in their pools");
            return null;
        }
        if (result.Solution is null && result.SearchExhausted)
        {
            // Decided, but for the folded problem only: no budget helps, and "infeasible" would claim too much.
            Failure = PlanStatus.Infeasible;
            Error(DiagnosticCodes.PoolsTimedOut, FormattableString.Invariant(
                $"the pool planner searched every assignment of the {Problem.Buffers.Count} buffers without finding a plan that places each alias group as one block: a group whose members leave a hole at some step (slices, aliases at an offset) reserves it, and a plan that puts buffers into such a hole, if one exists, is beyond the planner; give the pools more room, or let the aliases cover their owner from byte 0 (a larger budget does not help)"));
            return null;
        }
        if (result.Solution is not { } solution)
        {
            Failure = PlanStatus.TimedOut;
            StoppedByClock = result.StopReason == PoolStopReason.TimedOut;
            Error(DiagnosticCodes.PoolsTimedOut, FormattableString.Invariant(
                $"the pool planner stopped ({result.StopReason}, {result.Nodes} search nodes) before finding a plan for the {Problem.Buffers.Count} buffers; raise the timeout or the node budget, or the fast pools' capacities"));
            return null;
        }
        var plan = new PoolPlan(solution, result.CostLowerBound, result.ProvenOptimal, result.Method) { Nodes = result.Nodes };
        if (result.ProvenOptimal) return plan;
        var warning = new Diagnostic(DiagnosticCodes.PoolCostNotProven, DiagnosticSeverity.Warning, FormattableString.Invariant(
            $"the pool planner stopped at its budget ({result.StopReason}, {result.Nodes} search nodes): the plan's cost {solution.Cost} is valid but not proven optimal (lower bound {result.CostLowerBound}; a larger node budget, MinimizeNodes or --node-budget, searches further)"),
            _request.InputPath);
        _diagnostics.Add(warning);
        return plan with { Warnings = [warning] };
    }

    private PoolPlan? Lookup()
    {
        if (_request.CacheDirectory is not { } directory) return null;
        var lookup = new PlanCache(directory).TryGetPooled(CacheKey, Problem);
        _diagnostics.AddRange(lookup.Diagnostics);
        if (lookup.Entry is not { Pools: { } pools } entry) return null;
        _diagnostics.AddRange(entry.Warnings.Select(w => w with { File = _request.InputPath }));
        CostLowerBound = entry.LowerBound;
        return new PoolPlan(PoolSolution.From(Problem, pools, entry.Offsets), entry.LowerBound, entry.ProvenOptimal, "cache")
        {
            CacheHit = true,
            Warnings = entry.Warnings,
        };
    }

    private PoolPlan? Cancelled()
    {
        Failure = PlanStatus.Cancelled;
        return null;
    }

    private void Error(string code, string message) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, _request.InputPath));
}
