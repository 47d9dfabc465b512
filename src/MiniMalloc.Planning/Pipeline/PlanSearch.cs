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
    public string CacheKey => _cacheKey ??= PlanCache.ComputeKey(Problem, _minimize,
        _minimize ? _options : _options with { NodeBudget = _request.SearchNodes?.Nodes }, _request.MinimizeNodes);

    /// <summary>Why there is no plan, when <see cref="Find"/> returned none.</summary>
    public PlanStatus Failure { get; private set; } = PlanStatus.Cancelled;

    /// <summary>The best lower bound known on the height.</summary>
    public long LowerBound { get; private set; }

    /// <summary>When the search stopped undecided: the height of the best heuristic plan found (above the capacity).</summary>
    public long? BestHeight { get; private set; }

    /// <summary>When the search stopped undecided: whether a work budget (the same on every machine) or the clock stopped it.</summary>
    public bool UndecidedByClock { get; private set; }

    /// <summary>What the exact search cost, plan or not.</summary>
    public SolveStatistics Statistics { get; private set; } = new();

    /// <summary>Why nothing fits, when the problem was found infeasible (indices of the input's buffers: the groups' roots).</summary>
    public InfeasibilityExplanation? Explanation { get; private set; }

    private Problem Problem => _input.Problem;

    /// <summary>What the solvers get: the problem with each alias group folded into one buffer (the problem itself when it has no aliases).</summary>
    private Problem SearchProblem => _folded.Problem;

    /// <summary>The search problem's <see cref="PlanBudget.Work"/> (two sorts of its lifespans' ends), counted once for every budget rule that reads it.</summary>
    private long Work => _work ??= PlanBudget.Work(SearchProblem);

    private long? _work;

    private bool Anytime => PlanBudget.Anytime(SearchProblem.Buffers.Count, Work, _request.AnytimeThreshold);

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
        // Large problems get a heuristic plan first (anytime): the minimizer starts from it and probes below it.
        var early = Anytime ? EarlyPlan.Make(hinted, _input.Capacity, LowerBound, _request.Timeout, _cancellationToken, work: Work) : null;
        if (_cancellationToken.IsCancellationRequested) return Cancelled();
        var initial = early is { Fits: true } start ? start.Solution : null;
        if (initial is not null && !PlanBudget.MinimizeAffordable(Work))
        {
            // Too much work for the minimizer's probes today: the early plan stands, proven only at the lower bound.
            return Unproven(new Plan(_folded.Expand(initial), LowerBound, Minimized: true, initial.Height == LowerBound)
            {
                Origin = PlanOrigin.Heuristic,
                ExactEnd = initial.Height == LowerBound ? ExactSearchEnd.Finished : ExactSearchEnd.Skipped,
                CutByClock = early!.CutByClock,
            });
        }
        var budget = new MinimizeOptions
        {
            NodeBudget = _request.MinimizeNodes?.Nodes,
            InitialPlan = initial is null ? null : (_, _) => initial,
        };
        // The probes also share a work budget, unless the user set the nodes.
        long? work = _request.MinimizeNodes is null ? PlanBudget.MinimizeWorkFor(anytime: early is not null) : null;
        var options = _options with { Timeout = Remaining(early?.Elapsed), WorkBudget = work };
        BeforeSearchAfterAnytimePlan(early);
        var result = new CapacityMinimizer(options, budget).Minimize(hinted, _cancellationToken);
        Statistics = result.Statistics;
        LowerBound = result.LowerBound;
        var end = result.ProvenOptimal ? ExactSearchEnd.Finished
            : CutByClock(result.Statistics.Elapsed, options.Timeout) ? ExactSearchEnd.TimeLimit : ExactSearchEnd.Budget;
        switch (result.Status)
        {
            case SolveStatus.Solved when result.Solution is { } folded:
                var solution = _folded.Expand(folded);
                bool kept = initial is not null && result.Statistics.Heuristic is null && folded.Height == initial.Height;
                var plan = new Plan(solution, result.LowerBound, Minimized: true, result.ProvenOptimal)
                {
                    Statistics = result.Statistics,
                    Origin = kept ? PlanOrigin.Heuristic : PlanOrigin.ExactSearch,
                    ExactEnd = end,
                    CutByClock = end == ExactSearchEnd.TimeLimit || (kept && early!.CutByClock),
                };
                return Unproven(plan);
            case SolveStatus.Infeasible:
                return Infeasible();
            case SolveStatus.TimedOut:
                return Fallback(hinted, end, early);
            default:
                return Cancelled();
        }
    }

    // A minimized plan, with the warning that says it is not proven minimal when it is not.
    private Plan Unproven(Plan plan)
    {
        if (plan.ProvenOptimal) return plan;
        var warning = Warning(DiagnosticCodes.NotProvenMinimal,
            $"minimizing stopped at its search limit: the plan's height {plan.Solution.Height} is valid but not proven minimal (lower bound {plan.LowerBound}; {Statistics.Nodes} search nodes: a larger node budget, MinimizeNodes or --node-budget, searches further)");
        _diagnostics.Add(warning);
        return plan with { Warnings = [warning] };
    }

    private Plan? Solve(Problem hinted)
    {
        // Large problems get a heuristic plan first (anytime): with it, a plan within the capacity exists whatever
        // the exact search then manages within its budget.
        var early = Anytime
            ? EarlyPlan.Make(hinted, _input.Capacity, LowerBound, _request.Timeout, _cancellationToken, exactSearchFollows: PlanBudget.Affordable(Work), work: Work)
            : null;
        if (_cancellationToken.IsCancellationRequested) return Cancelled();
        if (early is { Fits: true } reached && reached.Solution.Height == LowerBound)
        {
            return HeuristicPlan(reached, ExactSearchEnd.Finished);
        }
        if (early is not null && !PlanBudget.Affordable(Work))
        {
            // Too much work for the exact search today (time and memory per node grow with the live set): the early
            // plan stands, or the problem stays undecided with its bound.
            if (early.Fits) return HeuristicPlan(early, ExactSearchEnd.Skipped);
            return Fallback(hinted, ExactSearchEnd.Skipped, early);
        }
        // A node budget set by the user is the whole budget; by default the work budget bounds the time on every shape.
        var budget = _request.SearchNodes?.Nodes ?? PlanBudget.SearchNodes(SearchProblem.Buffers.Count);
        long? work = _request.SearchNodes is null ? PlanBudget.SearchWorkFor(anytime: early is not null) : null;
        var options = _options with { NodeBudget = budget, WorkBudget = work, Timeout = Remaining(early?.Elapsed) };
        BeforeSearchAfterAnytimePlan(early);
        var result = new Solver(options).Solve(hinted, _cancellationToken);
        Statistics = result.Statistics;
        switch (result.Status)
        {
            case SolveStatus.Solved when result.Solution is { } solution:
                if (early is { Fits: true } lower && lower.Solution.Height < solution.Height) return HeuristicPlan(lower, ExactSearchEnd.Finished);
                var origin = result.Statistics.Heuristic == Solver.LargeProblemHeuristicName ? PlanOrigin.Sweep : PlanOrigin.ExactSearch;
                return new Plan(_folded.Expand(solution), LowerBound, Minimized: false, ProvenOptimal: solution.Height == LowerBound)
                {
                    Statistics = result.Statistics,
                    Origin = origin,
                };
            case SolveStatus.Infeasible:
                return Infeasible();
            case SolveStatus.TimedOut:
                var end = CutByClock(result.Statistics.Elapsed, options.Timeout) ? ExactSearchEnd.TimeLimit : ExactSearchEnd.Budget;
                if (early is { Fits: true } kept) return HeuristicPlan(kept, end);
                return Fallback(hinted, end, early);
            default:
                return Cancelled();
        }
    }

    // The anytime plan's heuristics leave their arrays behind (about 100 MB at 100,000 buffers, mostly the first
    // descents' indexes), and the exact search then builds its own, the largest of a run; when no collection happened
    // between them the peak held both (measured: 348 MB against 290 on the encoder-decoder with 100 live at the
    // bound, whichever collections the allocations before had happened to trigger). One full collection here, with
    // little live beyond the problem, costs a few tens of milliseconds and keeps the search's peak its own.
    private static void BeforeSearchAfterAnytimePlan(EarlyPlan? early)
    {
        if (early is not null) GC.Collect();
    }

    // The early heuristic plan, kept: the exact search ended as end without a plan lower than it.
    private Plan HeuristicPlan(EarlyPlan early, ExactSearchEnd end) => new(_folded.Expand(early.Solution), LowerBound, _minimize, early.Solution.Height == LowerBound)
    {
        Statistics = Statistics,
        Origin = PlanOrigin.Heuristic,
        ExactEnd = end,
        CutByClock = end == ExactSearchEnd.TimeLimit || early.CutByClock,
    };

    // What is left of the time limit after the early plan took elapsed (never negative).
    private TimeSpan? Remaining(TimeSpan? elapsed)
    {
        if (_request.Timeout.Span is not { } limit) return null;
        var left = limit - (elapsed ?? TimeSpan.Zero);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// True when the time limit, not a work budget, may have stopped a search that ran for <paramref name="elapsed"/>:
    /// the clock stops a search only once it has passed the limit. Errs on the side of "yes" (a plan then misses the
    /// cache, never a machine-dependent plan enters it).
    /// </summary>
    internal static bool CutByClock(TimeSpan elapsed, TimeSpan? limit) => limit is { } t && elapsed >= t;

    /// <summary>
    /// The exact search stopped (<paramref name="end"/>) without a plan: a heuristic plan is used when it fits and
    /// passes the validator, with a warning; otherwise the stop is an error that says so, never "infeasible". The
    /// early plan, when one was made and did not fit, is the heuristic's answer already.
    /// </summary>
    private Plan? Fallback(Problem hinted, ExactSearchEnd end, EarlyPlan? early = null)
    {
        string stopped = end switch
        {
            ExactSearchEnd.Budget => FormattableString.Invariant($"stopped at its budget after {Statistics.Nodes} search nodes"),
            ExactSearchEnd.Skipped => FormattableString.Invariant($"was not run ({Problem.Buffers.Count} buffers, up to {PlanBudget.LiveBuffers(SearchProblem)} live at once, are over its work budget)"),
            _ => "timed out after " + (_request.Timeout.Span is { } span ? TimeLimit.Seconds(span) : "the time limit"),
        };
        var budget = HeuristicFallback.Budget(_request.Timeout);
        var capacity = _input.Capacity;
        // Over the work budgets the early plan is the answer; otherwise the heuristic planner's local search tries too.
        bool earlyOnly = early is not null && (end == ExactSearchEnd.Skipped || !PlanBudget.LocalSearchAffordable(Work));
        var fallback = earlyOnly ? early! : EarlyPlan.Make(hinted, capacity, LowerBound, _request.Timeout, _cancellationToken, fallback: true);
        if (early is { Fits: true } && (!fallback.Fits || early.Solution.Height < fallback.Solution.Height)) fallback = early;
        if (_cancellationToken.IsCancellationRequested) return Cancelled();
        var heuristic = fallback.Solution;
        if (fallback.Fits)
        {
            string within = capacity is { } fitted ? FormattableString.Invariant($" that fits the capacity of {fitted.Bytes} bytes") : string.Empty;
            var warning = Warning(DiagnosticCodes.FallbackPlanUsed,
                $"the exact search {stopped}; using a heuristic plan ({(fallback == early ? "the sweep, the first descent and first fit" : "best-fit decreasing improved by local search")}) of height {heuristic.Height} (lower bound {LowerBound}){within}");
            _diagnostics.Add(warning);
            return new Plan(_folded.Expand(heuristic), LowerBound, _minimize, ProvenOptimal: heuristic.Height == LowerBound)
            {
                FallbackUsed = true,
                Warnings = [warning],
                Statistics = Statistics,
                Origin = PlanOrigin.Fallback,
                ExactEnd = end,
                CutByClock = end == ExactSearchEnd.TimeLimit || fallback.CutByClock,
            };
        }
        string fit = capacity is { } target ? FormattableString.Invariant($" in {target.Bytes} bytes") : string.Empty;
        Failure = PlanStatus.TimedOut;
        BestHeight = heuristic.Height;
        UndecidedByClock = end == ExactSearchEnd.TimeLimit || fallback.CutByClock;
        Error(DiagnosticCodes.TimedOut,
            $"the solver {stopped} before deciding whether the {Problem.Buffers.Count} buffers fit{fit} (this is not a proof that they do not: the live bytes peak at {LowerBound}, and the best heuristic plan found {(fallback == early ? "by the sweep, the first descent and first fit" : $"with {TimeLimit.Seconds(budget)} of local search")} needs {heuristic.Height}); raise the search budget, the timeout or the capacity");
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
