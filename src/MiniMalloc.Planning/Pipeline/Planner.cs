using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// The planning pipeline the build task and the CLI share: read and check the input, look the plan up in the
/// cache, else solve (warm-started from the previous plan) or minimize, validate every plan, write the header
/// only when it changed, then store the cache entry and the previous plan. On failure nothing is written
/// (except the optional report, which explains the failure).
/// </summary>
public static class Planner
{
    /// <summary>At most this many buffer ids are named in an infeasibility error.</summary>
    public const int MaxIdsNamed = 20;

    /// <summary>Plans <paramref name="request"/>; bad input and solver failures are diagnostics, not exceptions.</summary>
    public static PlanOutcome Run(PlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Run(request, cancellationToken).Execute();
    }
}

/// <summary>One execution of <see cref="Planner.Run(PlanRequest, CancellationToken)"/>: the steps in order, sharing their state.</summary>
internal sealed class Run
{
    private readonly PlanRequest _request;
    private readonly CancellationToken _cancellationToken;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Diagnostic> _diagnostics = [];

    public Run(PlanRequest request, CancellationToken cancellationToken)
    {
        _request = request;
        _cancellationToken = cancellationToken;
    }

    private string InputPath => _request.InputPath;

    public PlanOutcome Execute()
    {
        if (CheckSettings() is not { } options) return Failed();
        if (PlanInput.Read(InputPath, _request.Capacity, _request.Alignment, _diagnostics) is not { } input) return Failed();
        if (_cancellationToken.IsCancellationRequested) return Cancelled();

        string prefixSource = _request.SymbolPrefix ?? CIdentifier.DefaultPrefixSource(input.Name, InputPath);
        if (OffsetsHeaderWriter.ArenaAlignment(input.Problem, input.DefaultAlignment) is not { } arenaAlignment)
        {
            Error(DiagnosticCodes.InvalidAlignment, $"the buffers' alignments have no common multiple within 2^30 for the arena", InputPath);
            return Failed();
        }

        bool minimize = input.Capacity is null || (_request.MinimizeCapacity ?? false);
        var problem = input.Problem with { Capacity = input.Capacity ?? 0 };
        var previous = _request.PreviousPlanPath is { } previousPath ? PreviousPlan.Read(previousPath, _diagnostics) : null;

        var plan = Lookup(problem, minimize, options, input, out string key)
            ?? Solve(problem, minimize, options, input, previous);
        if (plan is null)
        {
            if (!_cancellationToken.IsCancellationRequested) WriteReport(input, null);
            return Failed();
        }
        // A minimization cancelled midway still returns its best plan; a cancelled build must not write it.
        if (_cancellationToken.IsCancellationRequested && !plan.CacheHit) return Cancelled();

        // Never write an invalid plan, wherever it came from: the validator is independent of the solver.
        var verdict = Validator.Validate(ValidationProblem(problem, input.Capacity, plan.Solution), plan.Solution);
        if (!verdict.IsValid)
        {
            Error(DiagnosticCodes.PlanRejected, $"the plan failed validation and was not written: {verdict.Message} (a solver bug: please report it with the input file)", InputPath);
            return Failed();
        }

        string header = OffsetsHeaderWriter.Render(OffsetsHeaderInput.ForPlan(
            problem, plan.Solution, prefixSource, input.Capacity, arenaAlignment, InputPath, input.ContentHash));

        var (previousCount, moved) = previous is null ? (0, 0) : PreviousPlan.CountMoved(problem, plan.Solution, previous);
        if (_request.QuestionOnly)
        {
            if (!AtomicFile.HasContent(_request.HeaderPath, header))
            {
                Error(DiagnosticCodes.HeaderOutOfDate, $"the header '{_request.HeaderPath}' is out of date and would be written", InputPath);
                return Failed();
            }
            return Succeeded(plan, input, arenaAlignment, headerWritten: false, previousCount, moved, reportPath: null);
        }

        bool written;
        try
        {
            written = AtomicFile.WriteIfChanged(_request.HeaderPath, header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Error(DiagnosticCodes.HeaderWriteFailed, $"cannot write the header '{_request.HeaderPath}': {e.Message} (the previous header is unchanged)", InputPath);
            return Failed();
        }

        if (!plan.CacheHit && _request.CacheDirectory is { } cacheDirectory)
        {
            _diagnostics.AddRange(new PlanCache(cacheDirectory).Store(key, plan.ToCacheEntry()));
        }
        if (_request.PreviousPlanPath is { } previousPlanPath) WritePreviousPlan(previousPlanPath, problem, plan.Solution);
        string? reportPath = WriteReport(input, plan);
        return Succeeded(plan, input, arenaAlignment, written, previousCount, moved, reportPath);
    }

    // ---- settings ------------------------------------------------------------------------------------------

    private SolverOptions? CheckSettings()
    {
        if (string.IsNullOrWhiteSpace(_request.InputPath)) Error(DiagnosticCodes.MissingPath, $"no input file was given", null);
        if (string.IsNullOrWhiteSpace(_request.HeaderPath)) Error(DiagnosticCodes.MissingPath, $"no header file was given", NullIfEmpty(_request.InputPath));
        string? file = NullIfEmpty(_request.InputPath);
        if (_request.Capacity is { } capacity && (capacity < 1 || capacity > LifetimesLimits.MaxValue))
        {
            Error(DiagnosticCodes.InvalidCapacitySetting, $"the capacity {capacity} must be an integer in [1, 2^53]", file);
        }
        if (_request.Alignment is { } alignment && !LifetimesRules.IsValidAlignment(alignment))
        {
            Error(DiagnosticCodes.InvalidAlignmentSetting, $"the alignment {alignment} must be a power of two in [1, 2^30]", file);
        }
        if (_request.Timeout is { } timeout && timeout < TimeSpan.Zero)
        {
            Error(DiagnosticCodes.InvalidTimeout, $"the timeout {timeout} may not be negative", file);
        }
        if (_request.SymbolPrefix is { } prefix && CIdentifier.Prefix(prefix) is null)
        {
            Error(DiagnosticCodes.InvalidSymbolPrefix, $"the symbol prefix {JsonText.Quote(prefix)} has no letter or digit to build C identifiers from", file);
        }
        var options = _request.Solver ?? new SolverOptions();
        if (_request.Timeout is { } t && t >= TimeSpan.Zero) options = options with { Timeout = t };
        if (options.Validate() is { } optionsError) Error(DiagnosticCodes.InvalidSolverOptions, $"the solver options are unusable: {optionsError}", file);
        return _diagnostics.Any(d => d.IsError) ? null : options;
    }

    // ---- cache ---------------------------------------------------------------------------------------------

    private Plan? Lookup(Problem problem, bool minimize, SolverOptions options, PlanInput input, out string key)
    {
        key = PlanCache.ComputeKey(problem, minimize, options);
        if (_request.CacheDirectory is not { } directory) return null;
        // The entry's plan must fit the capacity if there is one; a minimized plan without one only its own height.
        var lookup = new PlanCache(directory).TryGet(key, input.Capacity is null ? problem.WithCapacity(LifetimesLimits.MaxValue * 2) : problem);
        _diagnostics.AddRange(lookup.Diagnostics);
        if (lookup.Entry is not { } entry) return null;
        // Warnings of the solve that made the entry are logged again, so -warnaserror does not depend on the cache.
        _diagnostics.AddRange(entry.Warnings.Select(w => w with { File = InputPath }));
        return new Plan(Solution.FromOffsets(problem, entry.Offsets), entry.LowerBound, entry.Minimized, entry.ProvenOptimal)
        {
            CacheHit = true,
            Warnings = entry.Warnings,
        };
    }

    // ---- solve ---------------------------------------------------------------------------------------------

    private Plan? Solve(Problem problem, bool minimize, SolverOptions options, PlanInput input, Dictionary<string, long>? previous)
    {
        if (problem.Buffers.Count == 0)
        {
            return new Plan(new Solution([], 0), 0, minimize, ProvenOptimal: true);
        }
        var hinted = previous is null ? problem : PreviousPlan.WithHints(problem, previous, input.Capacity);
        if (_cancellationToken.IsCancellationRequested)
        {
            Cancelled();
            return null;
        }
        if (minimize)
        {
            var result = new CapacityMinimizer(options).Minimize(hinted, _cancellationToken);
            switch (result.Status)
            {
                case SolveStatus.Solved when result.Solution is { } solution:
                    var plan = new Plan(solution, result.LowerBound, Minimized: true, result.ProvenOptimal);
                    if (!result.ProvenOptimal)
                    {
                        plan = plan with
                        {
                            Warnings = [Warning(DiagnosticCodes.NotProvenMinimal,
                                $"minimizing stopped at its search limit: the plan's height {solution.Height} is valid but not proven minimal (lower bound {result.LowerBound})")],
                        };
                        _diagnostics.AddRange(plan.Warnings);
                    }
                    return plan;
                case SolveStatus.Infeasible:
                    ExplainInfeasible(problem, options, input);
                    return null;
                case SolveStatus.TimedOut:
                    return Fallback(hinted, options, input, result.LowerBound, minimized: true);
                default:
                    Cancelled();
                    return null;
            }
        }
        else
        {
            var result = new Solver(options).Solve(hinted, _cancellationToken);
            long lowerBound = LiveProfile.Of(problem).Peak;
            switch (result.Status)
            {
                case SolveStatus.Solved when result.Solution is { } solution:
                    return new Plan(solution, lowerBound, Minimized: false, ProvenOptimal: solution.Height == lowerBound);
                case SolveStatus.Infeasible:
                    ExplainInfeasible(problem, options, input);
                    return null;
                case SolveStatus.TimedOut:
                    return Fallback(hinted, options, input, lowerBound, minimized: false);
                default:
                    Cancelled();
                    return null;
            }
        }
    }

    /// <summary>
    /// The exact search timed out: a heuristic plan (<see cref="HeuristicPlanner"/>: best-fit decreasing and other
    /// constructive plans, improved by local search for <see cref="FallbackBudget"/>, stopping as soon as it fits
    /// the capacity) is used when it fits and passes the validator (issue 5 item 4), with a warning; otherwise the
    /// timeout is an error that says so, never "infeasible".
    /// </summary>
    private Plan? Fallback(Problem problem, SolverOptions options, PlanInput input, long lowerBound, bool minimized)
    {
        string limit = options.Timeout is { } t ? Seconds(t) : "the time limit";
        var budget = FallbackBudget(options.Timeout);
        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions
        {
            TargetHeight = input.Capacity ?? lowerBound,
            TimeBudget = budget,
            MinIterations = MinFallbackMoves,
            MaxIterations = null,
        }, _cancellationToken);
        if (_cancellationToken.IsCancellationRequested)
        {
            Cancelled();
            return null;
        }
        var heuristic = result.Solution;
        bool fits = input.Capacity is not { } capacity || heuristic.Height <= capacity;
        if (fits && Validator.Validate(ValidationProblem(problem, input.Capacity, heuristic), heuristic).IsValid)
        {
            var warning = Warning(DiagnosticCodes.FallbackPlanUsed,
                $"the exact search timed out after {limit}; using a heuristic plan (best-fit decreasing improved by local search) of height {heuristic.Height} (lower bound {lowerBound}){CapacityText(input.Capacity, " that fits the capacity of ")}");
            _diagnostics.Add(warning);
            return new Plan(heuristic, lowerBound, minimized, ProvenOptimal: heuristic.Height == lowerBound) { FallbackUsed = true, Warnings = [warning] };
        }
        Error(DiagnosticCodes.TimedOut,
            $"the solver timed out after {limit} before deciding whether the {problem.Buffers.Count} buffers fit{CapacityText(input.Capacity, " in ")} (this is not a proof that they do not: the live bytes peak at {lowerBound}, and the best heuristic plan found with {Seconds(budget)} of local search needs {heuristic.Height}); raise the timeout or the capacity",
            InputPath, input.CapacityLocation);
        return null;
    }

    /// <summary>The least time the heuristic fallback gets.</summary>
    internal static readonly TimeSpan MinFallbackTime = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Local search moves the fallback always makes, however long they take: a busy build machine still gets this
    /// much improvement (a few milliseconds on a few hundred buffers; under a second on 100,000).
    /// </summary>
    internal const long MinFallbackMoves = 1000;

    /// <summary>The most time the heuristic fallback gets.</summary>
    internal static readonly TimeSpan MaxFallbackTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The heuristic fallback's local search time after a timed-out exact search (on top of its quick starting
    /// plans, one to two and a half seconds for 100,000 buffers): a quarter of the timeout, at least
    /// <see cref="MinFallbackTime"/> (so that even a tiny timeout gets some local search) and at most
    /// <see cref="MaxFallbackTime"/> (so that a long timeout does not make a failing build much slower).
    /// </summary>
    internal static TimeSpan FallbackBudget(TimeSpan? timeout)
    {
        var share = (timeout ?? MaxFallbackTime * 4) / 4;
        return share < MinFallbackTime ? MinFallbackTime : share > MaxFallbackTime ? MaxFallbackTime : share;
    }

    private void ExplainInfeasible(Problem problem, SolverOptions options, PlanInput input)
    {
        var explanation = InfeasibilityExplainer.Explain(problem, options, _cancellationToken);
        long capacity = input.Capacity ?? problem.Capacity;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"the {problem.Buffers.Count} buffers do not fit in the capacity of {capacity} bytes");
        if (explanation.OverfullStep is { } step)
        {
            text.Append(CultureInfo.InvariantCulture, $": at step {step} the live buffers alone need {explanation.OverfullLiveBytes} bytes");
        }
        var ids = explanation.Subset.Select(i => JsonText.Quote(problem.Buffers[i].Id)).ToList();
        string list = string.Join(", ", ids.Take(Planner.MaxIdsNamed)) + (ids.Count > Planner.MaxIdsNamed ? $" and {ids.Count - Planner.MaxIdsNamed} more" : string.Empty);
        text.Append(CultureInfo.InvariantCulture, $"; these {ids.Count} buffers cannot be placed together: {list}");
        text.Append(explanation.IsIrreducible ? " (removing any one of them makes the rest fit)" : " (the subset may not be minimal: the time limit ran out while reducing it)");
        long peak = LiveProfile.Of(problem).Peak;
        text.Append(CultureInfo.InvariantCulture, $"; the live bytes peak at {peak}");
        _infeasibility = explanation;
        Error(DiagnosticCodes.Infeasible, $"{text}", InputPath, input.CapacityLocation);
    }

    private InfeasibilityExplanation? _infeasibility;

    private static Problem ValidationProblem(Problem problem, long? capacity, Solution solution) =>
        problem.WithCapacity(capacity ?? Math.Max(solution.Height, 0));

    // ---- outputs -------------------------------------------------------------------------------------------

    private void WritePreviousPlan(string path, Problem problem, Solution solution)
    {
        try
        {
            AtomicFile.WriteIfChanged(path, PreviousPlan.Encode(problem, solution));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.PreviousPlanWriteFailed, DiagnosticSeverity.Info,
                $"cannot write the previous plan for the next warm start: {e.Message}", path));
        }
    }

    /// <summary>Writes the HTML report when asked, also for a failed plan (it then shows why); returns its path.</summary>
    private string? WriteReport(PlanInput input, Plan? plan)
    {
        if (_request.ReportPath is not { } path || _request.QuestionOnly) return null;
        try
        {
            var report = new PlanReportRequest(Path.GetFileName(InputPath), input.Problem with { Capacity = input.Capacity ?? 0 })
            {
                ModelName = input.Name,
                Solution = plan?.Solution,
                LowerBound = plan?.LowerBound,
                Capacity = input.Capacity,
                Explanation = _infeasibility,
            };
            AtomicFile.WriteIfChanged(path, new PlanReportWriter().Render(report));
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.ReportWriteFailed, DiagnosticSeverity.Warning, $"cannot write the report '{path}': {e.Message}", InputPath));
            return null;
        }
    }

    private PlanOutcome Succeeded(Plan plan, PlanInput input, long arenaAlignment, bool headerWritten, int previousCount, int moved, string? reportPath)
    {
        var summary = new PlanSummary
        {
            BufferCount = input.Problem.Buffers.Count,
            ArenaSize = OffsetsHeaderWriter.ArenaSize(plan.Solution.Height, arenaAlignment),
            Peak = plan.Solution.Height,
            Capacity = input.Capacity,
            LowerBound = plan.LowerBound,
            Elapsed = _clock.Elapsed,
            CacheHit = plan.CacheHit,
            Minimized = plan.Minimized,
            ProvenOptimal = plan.ProvenOptimal,
            MovedOffsets = moved,
            PreviousOffsets = previousCount,
            FallbackUsed = plan.FallbackUsed || plan.Warnings.Any(w => w.Code == DiagnosticCodes.FallbackPlanUsed),
            HeaderWritten = headerWritten,
            ReportPath = reportPath,
        };
        return new PlanOutcome
        {
            Succeeded = true,
            Diagnostics = _diagnostics,
            Summary = summary,
            SummaryLine = SummaryLine(summary),
            HeaderPath = Path.GetFullPath(_request.HeaderPath),
        };
    }

    private string SummaryLine(PlanSummary s)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(InputPath)}: {s.BufferCount} buffers, peak {s.Peak} bytes (arena {s.ArenaSize})");
        line.Append(s.Capacity is { } c ? string.Create(CultureInfo.InvariantCulture, $", capacity {c}") : ", no capacity");
        line.Append(CultureInfo.InvariantCulture, $", lower bound {s.LowerBound}");
        string how = s.CacheHit ? "cache hit" : s.FallbackUsed ? "heuristic fallback" : s.Minimized ? "minimized" : "solved";
        line.Append(CultureInfo.InvariantCulture, $", {how} in {s.Elapsed.TotalMilliseconds:0} ms");
        if (s.ProvenOptimal) line.Append(", optimal");
        if (s.PreviousOffsets > 0) line.Append(CultureInfo.InvariantCulture, $", warm start: {s.MovedOffsets} of {s.PreviousOffsets} offsets moved");
        line.Append(_request.QuestionOnly ? ", header up to date" : s.HeaderWritten ? ", header written" : ", header unchanged");
        if (s.ReportPath is { } report) line.Append(", report ").Append(report);
        return line.ToString();
    }

    private PlanOutcome Failed()
    {
        int errors = _diagnostics.Count(d => d.IsError);
        string name = string.IsNullOrEmpty(InputPath) ? "minimalloc" : Path.GetFileName(InputPath);
        return new PlanOutcome
        {
            Succeeded = false,
            Diagnostics = _diagnostics,
            SummaryLine = string.Create(CultureInfo.InvariantCulture, $"{name}: planning failed with {errors} error{(errors == 1 ? "" : "s")}; the header was not written"),
        };
    }

    private PlanOutcome Cancelled()
    {
        if (!_diagnostics.Any(d => d.Code == DiagnosticCodes.Cancelled))
        {
            Error(DiagnosticCodes.Cancelled, $"planning was cancelled; the header was not written", InputPath);
        }
        return Failed();
    }

    // ---- diagnostics ---------------------------------------------------------------------------------------

    private void Error(string code, FormattableString message, string? file, SourceLocation? location = null) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, FormattableString.Invariant(message), file,
            location?.Line ?? 0, location?.Column ?? 0, location?.JsonPath));

    private Diagnostic Warning(string code, FormattableString message) =>
        new(code, DiagnosticSeverity.Warning, FormattableString.Invariant(message), InputPath);

    private static string CapacityText(long? capacity, string lead) =>
        capacity is { } c ? lead + c.ToString(CultureInfo.InvariantCulture) + " bytes" : string.Empty;

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>A plan and what is known about it.</summary>
    private sealed record Plan(Solution Solution, long LowerBound, bool Minimized, bool ProvenOptimal)
    {
        public bool CacheHit { get; init; }

        public bool FallbackUsed { get; init; }

        public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

        public PlanCacheEntry ToCacheEntry() => new()
        {
            Offsets = Solution.Offsets,
            Height = Solution.Height,
            LowerBound = LowerBound,
            Minimized = Minimized,
            ProvenOptimal = ProvenOptimal,
            Warnings = Warnings,
        };
    }
}
