using System.Diagnostics;

namespace MiniMalloc.Planning;

/// <summary>One execution of <see cref="Planner.Run(PlanRequest, CancellationToken)"/>: the steps in order, sharing their state.</summary>
internal sealed partial class PlanRun
{
    private readonly PlanRequest _request;
    private readonly CancellationToken _cancellationToken;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Diagnostic> _diagnostics = [];

    public PlanRun(PlanRequest request, CancellationToken cancellationToken)
    {
        _request = request;
        _cancellationToken = cancellationToken;
    }

    private string InputPath => _request.InputPath;

    public PlanOutcome Execute()
    {
        if (!CheckRequest()) return Failed(PlanStatus.InvalidInput);
        if (PlanInput.Read(_request, _diagnostics) is not { } input) return Failed(PlanStatus.InvalidInput);
        if (input.Pools is not null) return ExecutePools(input, new PlanOutputs(_request, input, _diagnostics));

        bool minimize = _request.MinimizeCapacity ?? input.Capacity is null;
        if (!minimize && input.Capacity is null)
        {
            Error(DiagnosticCodes.InvalidCapacitySetting, "no capacity is set and the input file gives none: set a capacity, or minimize the height");
            return Failed(PlanStatus.InvalidInput);
        }
        var outputs = new PlanOutputs(_request, input, _diagnostics);
        if (outputs.ArenaAlignment() is not { } arenaAlignment) return Failed(PlanStatus.InvalidInput);

        var options = _request.Solver with { Timeout = _request.Timeout.Span };
        var search = new PlanSearch(_request, input, options, minimize, _diagnostics, _cancellationToken);
        if (_cancellationToken.IsCancellationRequested) return Failed(PlanStatus.Cancelled, Report(input, search, minimize));

        var previous = _request.PreviousPlanPath is { } previousPath ? PreviousPlan.Read(previousPath, _diagnostics) : null;
        if (search.Find(previous) is not { } plan)
        {
            if (search.Failure != PlanStatus.Cancelled) outputs.WriteReport(null, search.LowerBound, search.Explanation);
            return Failed(search.Failure, Report(input, search, minimize));
        }
        // A minimization cancelled midway still returns its best plan; a cancelled run must not write it.
        if (_cancellationToken.IsCancellationRequested && !plan.CacheHit) return Failed(PlanStatus.Cancelled, Report(input, search, minimize));

        // Never write an invalid plan, wherever it came from: the validator is independent of the solver.
        var verdict = PlanValidation.Validate(input.Problem, input.Capacity, plan.Solution);
        if (!verdict.IsValid)
        {
            Error(DiagnosticCodes.PlanRejected, $"the plan failed validation ({verdict.Kind}) and was not written: {verdict.Message} (a solver bug: please report it with the input file)");
            return Failed(PlanStatus.PlanRejected, Report(input, search, minimize, plan, valid: false));
        }
        var report = Report(input, search, minimize, plan, valid: true);

        string? header = _request.HeaderPath is null ? null : outputs.RenderHeader(plan, arenaAlignment);
        string? csv = _request.CsvPath is not null || _request.ReturnCsv ? outputs.RenderCsv(plan) : null;
        var (previousCount, moved) = previous is null ? (0, 0) : PreviousPlan.CountMoved(input.Problem, plan.Solution, previous);
        var summary = Summary(plan, input, arenaAlignment, previousCount, moved);
        if (_request.QuestionOnly)
        {
            return HeaderOutOfDate(header) ? Failed(PlanStatus.OutputFailed, report) : Succeeded(plan, summary, report, csv: null);
        }

        if (!WriteHeaderAndCsv(outputs, header, csv, ref summary)) return Failed(PlanStatus.OutputFailed, report);
        if (plan.CutByClock && _request.CacheDirectory is not null && !plan.CacheHit)
        {
            // The deterministic answer is what a machine fast enough to finish the budget would plan; this one may differ.
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.PlanNotCached, DiagnosticSeverity.Info,
                "the plan was not stored in the plan cache: the time limit (a safety net), not the work budget, cut its search short, so a faster machine could plan differently", InputPath));
        }
        else
        {
            outputs.StoreInCache(() => search.CacheKey, plan);
        }
        outputs.WritePreviousPlan(plan, previous);
        summary = summary with { ReportPath = outputs.WriteReport(plan, lowerBound: null, explanation: null) };
        return Succeeded(plan, summary, report, _request.ReturnCsv ? csv : null);
    }

    // ---- the request -----------------------------------------------------------------------------------------

    /// <summary>What no setting's value type can rule out by itself: paths, the prefix, the solver options.</summary>
    private bool CheckRequest()
    {
        if (string.IsNullOrWhiteSpace(InputPath)) _diagnostics.Add(new Diagnostic(DiagnosticCodes.MissingPath, DiagnosticSeverity.Error, "no input file was given"));
        foreach (var (path, what) in new[] { (_request.HeaderPath, "header"), (_request.CsvPath, "CSV output"), (_request.ReportPath, "report") })
        {
            if (path is not null && string.IsNullOrWhiteSpace(path)) Error(DiagnosticCodes.MissingPath, $"no {what} file was given (the path is empty)");
        }
        if (_request.SymbolPrefix is { } prefix && CIdentifier.Prefix(prefix) is null)
        {
            Error(DiagnosticCodes.InvalidSymbolPrefix, $"the symbol prefix {JsonText.Quote(prefix)} has no letter or digit to build C identifiers from");
        }
        if (_request.Pools is { } pools)
        {
            if (PoolSpec.CheckList(pools, "pools set for this plan") is { } poolsError) _diagnostics.Add(poolsError with { File = NullIfEmpty(InputPath) });
            if (_request.Capacity is not null)
            {
                Error(DiagnosticCodes.PoolSettingConflict, "a capacity is set beside the pools set for this plan: each pool has its own capacity (set the first pool's in its pool setting)");
            }
        }
        if (_request.Solver.Validate() is { } optionsError) Error(DiagnosticCodes.InvalidSolverOptions, $"the solver options are unusable: {optionsError}");
        return !_diagnostics.Any(d => d.IsError);
    }

    // ---- the outcome -----------------------------------------------------------------------------------------

    private static SearchReport Report(PlanInput input, PlanSearch search, bool minimize, Plan? plan = null, bool? valid = null) => new()
    {
        BufferCount = input.Problem.Buffers.Count,
        Capacity = input.Capacity,
        LowerBound = plan?.LowerBound ?? search.LowerBound,
        Height = plan?.Solution.Height,
        BestHeight = plan is null ? search.BestHeight : null,
        UndecidedByClock = plan is null && search.UndecidedByClock,
        Minimized = plan?.Minimized ?? minimize,
        ProvenOptimal = plan?.ProvenOptimal ?? false,
        HeuristicFallback = plan?.FallbackUsed ?? false,
        Method = plan is { CacheHit: false } made ? made.Method : null,
        Origin = plan?.Origin ?? PlanOrigin.ExactSearch,
        CacheHit = plan?.CacheHit ?? false,
        Statistics = plan?.Statistics ?? search.Statistics,
        PlanValid = valid,
    };

    private PlanSummary Summary(Plan plan, PlanInput input, long arenaAlignment, int previousCount, int moved) => new()
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
        FallbackUsed = plan.FallbackUsed,
        Method = plan.CacheHit ? null : plan.Method,
        Origin = plan.Origin,
    };

    // A question-only run (MSBuild's -question) writes nothing: it fails when the header on disk would change.
    private bool HeaderOutOfDate(string? header)
    {
        if (header is null || AtomicFile.HasContent(_request.HeaderPath!, header)) return false;
        Error(DiagnosticCodes.HeaderOutOfDate, $"the header '{_request.HeaderPath}' is out of date and would be written");
        return true;
    }

    // The header, then the CSV: false (with the diagnostic already recorded) when either cannot be written.
    private bool WriteHeaderAndCsv(PlanOutputs outputs, string? header, string? csv, ref PlanSummary summary)
    {
        if (header is not null)
        {
            if (outputs.WriteHeader(header) is not { } headerWritten) return false;
            summary = summary with { HeaderWritten = headerWritten };
        }
        return csv is null || _request.CsvPath is null || outputs.WriteCsv(csv);
    }

    private PlanOutcome Succeeded(Plan plan, PlanSummary summary, SearchReport report, string? csv)
    {
        summary = summary with { Elapsed = _clock.Elapsed };
        return new PlanOutcome
        {
            Status = plan.FallbackUsed ? PlanStatus.HeuristicFallback : PlanStatus.Solved,
            Diagnostics = _diagnostics,
            Summary = summary,
            Search = report with { Elapsed = summary.Elapsed },
            SummaryLine = PlanSummaryLine.Succeeded(InputPath, summary, _request),
            HeaderPath = _request.HeaderPath is { } header ? Path.GetFullPath(header) : null,
            Csv = csv,
        };
    }

    private PlanOutcome Failed(PlanStatus status, SearchReport? report = null)
    {
        Debug.Assert(status is not (PlanStatus.Solved or PlanStatus.HeuristicFallback), "a failure has a failing status");
        if (status == PlanStatus.Cancelled && !_diagnostics.Any(d => d.Code == DiagnosticCodes.Cancelled))
        {
            Error(DiagnosticCodes.Cancelled, "cancelled before planning finished; nothing was written");
        }
        Debug.Assert(_diagnostics.Any(d => d.IsError), "every failure is explained by an error");
        return new PlanOutcome
        {
            Status = status,
            Diagnostics = _diagnostics,
            Search = report is null ? null : report with { Elapsed = _clock.Elapsed },
            SummaryLine = PlanSummaryLine.Failed(InputPath, _diagnostics, _request),
        };
    }

    private static string? NullIfEmpty(string path) => string.IsNullOrEmpty(path) ? null : path;

    private void Error(string code, string message) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, string.IsNullOrEmpty(InputPath) ? null : InputPath));
}
