using System.Diagnostics;

namespace MiniMalloc.Planning;

/// <summary>
/// Finds the plan of a run: from the cache, else by the exact search (solve, or minimize the height), warm-started
/// from the previous plan; after a timeout, by the heuristic fallback. Without a plan it records why, with the
/// diagnostic that says so (<see cref="DiagnosticCodes.Infeasible"/>, <see cref="DiagnosticCodes.TimedOut"/>,
/// <see cref="DiagnosticCodes.Cancelled"/>). Alias groups are searched folded, one buffer each
/// (<see cref="AliasFolding"/>), and every plan is expanded back to the input's buffers.
/// </summary>
internal sealed class PlanSearch
{
    private readonly PlanRequest _request;
    private readonly PlanInput _input;
    private readonly SolverOptions _options;
    private readonly bool _minimize;
    private readonly List<Diagnostic> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly FoldedProblem _folded;
    private string? _cacheKey;

    public PlanSearch(PlanRequest request, PlanInput input, SolverOptions options, bool minimize, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        _request = request;
        _input = input;
        _options = options;
        _minimize = minimize;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
        _folded = AliasFolding.Fold(Problem);
        LowerBound = LiveProfile.Of(SearchProblem).Peak;
    }

    /// <summary>
    /// The key of this problem and these settings in the plan cache, computed when first asked for: a run without
    /// a cache never hashes (see <see cref="ContentDigest"/> for what the first hash of a process costs).
    /// </summary>
    public string CacheKey => _cacheKey ??= PlanCache.ComputeKey(Problem, _minimize, _options, _request.MinimizeNodes);

    /// <summary>Why there is no plan, when <see cref="Find"/> returned none.</summary>
    public PlanStatus Failure { get; private set; } = PlanStatus.Cancelled;

    /// <summary>The best lower bound known on the height.</summary>
    public long LowerBound { get; private set; }

    /// <summary>What the exact search cost, plan or not.</summary>
    public SolveStatistics Statistics { get; private set; } = new();

    /// <summary>Why nothing fits, when the problem was found infeasible (indices of the input's buffers: the groups' roots).</summary>
    public InfeasibilityExplanation? Explanation { get; private set; }

    private Problem Problem => _input.Problem;

    /// <summary>What the solvers get: the problem with each alias group folded into one buffer (the problem itself when it has no aliases).</summary>
    private Problem SearchProblem => _folded.Problem;

    private string InputPath => _request.InputPath;

    /// <summary>The plan, or null (then <see cref="Failure"/> says why and a diagnostic explains it).</summary>
    public Plan? Find(IReadOnlyDictionary<string, long>? previous)
    {
        if (Lookup() is { } cached) return cached;
        if (Problem.Buffers.Count == 0) return new Plan(new Solution([], 0), 0, _minimize, ProvenOptimal: true);
        // Folded buffers keep their roots' ids, so a root's previous offset is its group's.
        var hinted = previous is null ? SearchProblem : PreviousPlan.WithHints(SearchProblem, previous, _input.Capacity);
        if (_cancellationToken.IsCancellationRequested) return Cancelled();
        return _minimize ? Minimize(hinted) : Solve(hinted);
    }

    private Plan? Lookup()
    {
        if (_request.CacheDirectory is not { } directory) return null;
        var lookup = new PlanCache(directory).TryGet(CacheKey, Problem, _input.Capacity);
        _diagnostics.AddRange(lookup.Diagnostics);
        if (lookup.Entry is not { } entry) return null;
        // Warnings of the solve that made the entry are logged again, so -warnaserror does not depend on the cache.
        _diagnostics.AddRange(entry.Warnings.Select(w => w with { File = InputPath }));
        LowerBound = entry.LowerBound;
        return new Plan(Solution.FromOffsets(Problem, entry.Offsets), entry.LowerBound, entry.Minimized, entry.ProvenOptimal)
        {
            CacheHit = true,
            FallbackUsed = entry.Warnings.Any(w => w.Code == DiagnosticCodes.FallbackPlanUsed),
            Warnings = entry.Warnings,
        };
    }

    private Plan? Minimize(Problem hinted)
    {
        var budget = new MinimizeOptions { NodeBudget = _request.MinimizeNodes?.Nodes };
        var result = new CapacityMinimizer(_options, budget).Minimize(hinted, _cancellationToken);
        Statistics = result.Statistics;
        LowerBound = result.LowerBound;
        switch (result.Status)
        {
            case SolveStatus.Solved when result.Solution is { } folded:
                var solution = _folded.Expand(folded);
                var plan = new Plan(solution, result.LowerBound, Minimized: true, result.ProvenOptimal) { Statistics = result.Statistics };
                if (result.ProvenOptimal) return plan;
                var warning = Warning(DiagnosticCodes.NotProvenMinimal,
                    $"minimizing stopped at its search limit: the plan's height {solution.Height} is valid but not proven minimal (lower bound {result.LowerBound}; {result.Statistics.Nodes} search nodes: a larger node budget, MinimizeNodes or --node-budget, searches further)");
                _diagnostics.Add(warning);
                return plan with { Warnings = [warning] };
            case SolveStatus.Infeasible:
                return Infeasible();
            case SolveStatus.TimedOut:
                return Fallback(hinted);
            default:
                return Cancelled();
        }
    }

    private Plan? Solve(Problem hinted)
    {
        var result = new Solver(_options).Solve(hinted, _cancellationToken);
        Statistics = result.Statistics;
        switch (result.Status)
        {
            case SolveStatus.Solved when result.Solution is { } solution:
                return new Plan(_folded.Expand(solution), LowerBound, Minimized: false, ProvenOptimal: solution.Height == LowerBound) { Statistics = result.Statistics };
            case SolveStatus.Infeasible:
                return Infeasible();
            case SolveStatus.TimedOut:
                return Fallback(hinted);
            default:
                return Cancelled();
        }
    }

    /// <summary>
    /// The exact search timed out: a heuristic plan is used when it fits and passes the validator, with a warning;
    /// otherwise the timeout is an error that says so, never "infeasible".
    /// </summary>
    private Plan? Fallback(Problem hinted)
    {
        string limit = _request.Timeout.Span is { } span ? TimeLimit.Seconds(span) : "the time limit";
        var budget = HeuristicFallback.Budget(_request.Timeout);
        var capacity = _input.Capacity;
        var result = HeuristicPlanner.Plan(hinted, new HeuristicOptions
        {
            TargetHeight = capacity?.Bytes ?? LowerBound,
            TimeBudget = budget,
            MinIterations = HeuristicFallback.MinMoves,
            MaxIterations = null,
        }, _cancellationToken);
        if (_cancellationToken.IsCancellationRequested) return Cancelled();
        var heuristic = result.Solution;
        bool fits = capacity is not { } c || heuristic.Height <= c.Bytes;
        if (fits && Validator.Validate(PlanValidation.ProblemFor(hinted, capacity, heuristic), heuristic).IsValid)
        {
            string within = capacity is { } fitted ? FormattableString.Invariant($" that fits the capacity of {fitted.Bytes} bytes") : string.Empty;
            var warning = Warning(DiagnosticCodes.FallbackPlanUsed,
                $"the exact search timed out after {limit}; using a heuristic plan (best-fit decreasing improved by local search) of height {heuristic.Height} (lower bound {LowerBound}){within}");
            _diagnostics.Add(warning);
            return new Plan(_folded.Expand(heuristic), LowerBound, _minimize, ProvenOptimal: heuristic.Height == LowerBound)
            {
                FallbackUsed = true,
                Warnings = [warning],
                Statistics = Statistics,
            };
        }
        string fit = capacity is { } target ? FormattableString.Invariant($" in {target.Bytes} bytes") : string.Empty;
        Failure = PlanStatus.TimedOut;
        Error(DiagnosticCodes.TimedOut,
            $"the solver timed out after {limit} before deciding whether the {Problem.Buffers.Count} buffers fit{fit} (this is not a proof that they do not: the live bytes peak at {LowerBound}, and the best heuristic plan found with {TimeLimit.Seconds(budget)} of local search needs {heuristic.Height}); raise the timeout or the capacity");
        return null;
    }

    private Plan? Infeasible()
    {
        Debug.Assert(_input.Capacity is not null, "without a capacity every problem fits");
        var capacity = _input.Capacity ?? Capacity.Of(Problem.Capacity);
        var explanation = InfeasibilityMessage.Explain(SearchProblem, _options, _request.Timeout, _cancellationToken);
        Explanation = explanation with { Subset = explanation.Subset.Select(k => _folded.Roots[k]).ToList() };
        Failure = PlanStatus.Infeasible;
        Error(DiagnosticCodes.Infeasible, $"{InfeasibilityMessage.Format(_folded, capacity, explanation)}");
        return null;
    }

    private Plan? Cancelled()
    {
        Failure = PlanStatus.Cancelled;
        return null;
    }

    private void Error(string code, FormattableString message)
    {
        var location = _input.CapacityLocation;
        // Reported at the file's capacity when it came from there: that is where the user would change it.
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, FormattableString.Invariant(message), InputPath,
            location?.Line ?? 0, location?.Column ?? 0, location?.JsonPath));
    }

    private Diagnostic Warning(string code, FormattableString message) =>
        new(code, DiagnosticSeverity.Warning, FormattableString.Invariant(message), InputPath);
}
