namespace MiniMalloc.Planning;

/// <summary>
/// The files a run writes: the header and the CSV (only for a valid plan, each replaced atomically and only when
/// its content changed), the report (also without a plan: it then shows why), and the build task's state (the
/// cache entry, the previous plan for the next warm start).
/// </summary>
internal sealed class PlanOutputs
{
    private readonly PlanRequest _request;
    private readonly PlanInput _input;
    private readonly List<Diagnostic> _diagnostics;

    public PlanOutputs(PlanRequest request, PlanInput input, List<Diagnostic> diagnostics)
    {
        _request = request;
        _input = input;
        _diagnostics = diagnostics;
    }

    private string InputPath => _request.InputPath;

    /// <summary>
    /// The arena alignment (a multiple of every buffer's alignment), or null with an error when there is none
    /// within 2^30. Without a header nothing depends on it, so any alignments go (the CSV format allows them).
    /// </summary>
    public long? ArenaAlignment()
    {
        long? alignment = OffsetsHeaderWriter.ArenaAlignment(_input.Problem, _input.DefaultAlignment.Bytes);
        if (alignment is null && _request.HeaderPath is not null)
        {
            _diagnostics.Add(Error(DiagnosticCodes.InvalidAlignment, "the buffers' alignments have no common multiple within 2^30 for the arena"));
        }
        return _request.HeaderPath is null ? alignment ?? 1 : alignment;
    }

    /// <summary>The header's text for <paramref name="plan"/>.</summary>
    public string RenderHeader(Plan plan, long arenaAlignment)
    {
        string prefixSource = _request.SymbolPrefix ?? CIdentifier.DefaultPrefixSource(_input.Name, InputPath);
        return OffsetsHeaderWriter.Render(OffsetsHeaderInput.ForPlan(
            _input.Problem, plan.Solution, prefixSource, _input.Capacity?.Bytes, arenaAlignment, InputPath, _input.ContentHash));
    }

    /// <summary>The CSV of <paramref name="plan"/>: the input with an offset column, as the reference program writes it.</summary>
    public string RenderCsv(Plan plan) => CsvProblemWriter.Write(_input.Problem, plan.Solution);

    /// <summary>Writes the header; null (with an error) when it cannot be written, else whether it changed.</summary>
    public bool? WriteHeader(string header)
    {
        string path = _request.HeaderPath!;
        if (TryWrite(path, header, out string failure) is { } written) return written;
        _diagnostics.Add(Error(DiagnosticCodes.HeaderWriteFailed, $"cannot write the header '{path}': {failure} (the previous header is unchanged)"));
        return null;
    }

    /// <summary>Writes the CSV file; false (with an error) when it cannot be written.</summary>
    public bool WriteCsv(string csv)
    {
        string path = _request.CsvPath!;
        if (TryWrite(path, csv, out string failure) is not null) return true;
        _diagnostics.Add(Error(DiagnosticCodes.CsvWriteFailed, $"cannot write the CSV output '{path}': {failure} (the previous file is unchanged)"));
        return false;
    }

    /// <summary>
    /// Stores the plan in the cache under <paramref name="key"/>, asked for only when there is a cache (failures
    /// are infos: the next build solves again).
    /// </summary>
    public void StoreInCache(Func<string> key, Plan plan)
    {
        if (_request.CacheDirectory is { } directory && !plan.CacheHit) _diagnostics.AddRange(new PlanCache(directory).Store(key(), plan.ToCacheEntry()));
    }

    /// <summary>
    /// Keeps the plan for the next run's warm start, unless <paramref name="previous"/>, the file as this run read
    /// it, records this very plan (a failure is an info: that run starts cold).
    /// </summary>
    public void WritePreviousPlan(Plan plan, IReadOnlyDictionary<string, long>? previous)
    {
        if (_request.PreviousPlanPath is not { } path || PreviousPlan.Records(previous, _input.Problem, plan.Solution)) return;
        if (TryWrite(path, PreviousPlan.Encode(_input.Problem, plan.Solution), out string failure) is null)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.PreviousPlanWriteFailed, DiagnosticSeverity.Info,
                $"cannot write the previous plan for the next warm start: {failure}", path));
        }
    }

    /// <summary>
    /// Writes the HTML report when one was asked for: the plan, or without one the reason (<paramref name="explanation"/>)
    /// and a sketch. A report that cannot be written is a warning: the plan and its other outputs stand. Returns its path.
    /// </summary>
    public string? WriteReport(Plan? plan, long? lowerBound, InfeasibilityExplanation? explanation)
    {
        if (_request.ReportPath is not { } path || _request.QuestionOnly) return null;
        var report = new PlanReportRequest(Path.GetFileName(InputPath), _input.Problem)
        {
            ModelName = _input.Name,
            Solution = plan?.Solution,
            LowerBound = plan?.LowerBound ?? lowerBound,
            Capacity = _input.Capacity?.Bytes,
            Explanation = explanation,
        };
        if (TryWrite(path, new PlanReportWriter().Render(report), out string failure) is not null) return path;
        _diagnostics.Add(new Diagnostic(DiagnosticCodes.ReportWriteFailed, DiagnosticSeverity.Warning, $"cannot write the report '{path}': {failure}", InputPath));
        return null;
    }

    /// <summary>The header's text for a pool plan.</summary>
    public string RenderPoolHeader(PoolProblem problem, PoolPlan plan, IReadOnlyList<long> arenaAlignments)
    {
        string prefixSource = _request.SymbolPrefix ?? CIdentifier.DefaultPrefixSource(_input.Name, InputPath);
        return PoolHeaderWriter.Render(problem, plan.Solution, arenaAlignments, prefixSource, InputPath, _input.ContentHash);
    }

    /// <summary>Stores a pool plan in the cache under <paramref name="key"/> (as <see cref="StoreInCache"/>).</summary>
    public void StorePoolPlanInCache(Func<string> key, PoolPlan plan)
    {
        if (_request.CacheDirectory is { } directory && !plan.CacheHit) _diagnostics.AddRange(new PlanCache(directory).Store(key(), plan.ToCacheEntry()));
    }

    /// <summary>Keeps a pool plan (pool and offset per buffer) for the next run's warm start (a failure is an info).</summary>
    public void WritePreviousPoolPlan(PoolProblem problem, PoolPlan plan)
    {
        if (_request.PreviousPlanPath is not { } path) return;
        if (TryWrite(path, PreviousPoolPlan.Encode(problem, plan.Solution), out string failure) is null)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.PreviousPlanWriteFailed, DiagnosticSeverity.Info,
                $"cannot write the previous plan for the next warm start: {failure}", path));
        }
    }

    /// <summary>Writes the HTML report of a pool problem when one was asked for: one chart per pool, what was spilled and why.</summary>
    public string? WritePoolReport(PoolProblem problem, PoolPlan? plan, PoolInfeasibility? infeasibility)
    {
        if (_request.ReportPath is not { } path || _request.QuestionOnly) return null;
        string html = PoolReportWriter.Render(Path.GetFileName(InputPath), _input.Name, problem, plan?.Solution, plan?.CostLowerBound, infeasibility);
        if (TryWrite(path, html, out string failure) is not null) return path;
        _diagnostics.Add(new Diagnostic(DiagnosticCodes.ReportWriteFailed, DiagnosticSeverity.Warning, $"cannot write the report '{path}': {failure}", InputPath));
        return null;
    }

    // Whether the file changed, or null when it cannot be written (then failure says why).
    private static bool? TryWrite(string path, string content, out string failure) => TryWrite(path, AtomicFile.Utf8.GetBytes(content), out failure);

    private static bool? TryWrite(string path, byte[] content, out string failure)
    {
        failure = string.Empty;
        try
        {
            return AtomicFile.WriteIfChanged(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            failure = e.Message;
            return null;
        }
    }

    private Diagnostic Error(string code, string message) => new(code, DiagnosticSeverity.Error, message, InputPath);
}
