namespace MiniMalloc.Planning;

/// <summary>
/// The run of a pool problem (a version-2 file with pools, or pools set for the plan): the same steps as one arena,
/// with <see cref="PoolSearch"/>, <see cref="PoolValidator"/> before every output (a cache hit included), and the
/// pool forms of the header, the CSV, the report and the summary line.
/// </summary>
internal sealed partial class PlanRun
{
    private PlanOutcome ExecutePools(PlanInput input, PlanOutputs outputs)
    {
        var pools = input.Pools!;
        // Capacities are the pools'; minimizing lowers their heights after the cost, fastest first.
        bool minimize = _request.MinimizeCapacity ?? false;
        var search = new PoolSearch(_request, input, minimize, _diagnostics, _cancellationToken);
        var previous = _request.PreviousPlanPath is { } previousPath ? PreviousPoolPlan.Read(previousPath, _diagnostics) : null;
        if (search.Find(previous) is not { } plan)
        {
            if (search.Failure != PlanStatus.Cancelled) outputs.WritePoolReport(search.Problem, null, search.Infeasibility);
            return Failed(search.Failure, PoolReport(input, search, null, null));
        }
        if (_cancellationToken.IsCancellationRequested && !plan.CacheHit) return Failed(PlanStatus.Cancelled, PoolReport(input, search, plan, null));

        // Never write an invalid plan, wherever it came from: the validator is independent of the planner.
        if (PoolValidator.Validate(search.Problem, plan.Solution) is [var violation, ..])
        {
            Error(DiagnosticCodes.PlanRejected, $"the pool plan failed validation ({violation.Kind}) and was not written: {violation.Message} (a solver bug: please report it with the input file)");
            return Failed(PlanStatus.PlanRejected, PoolReport(input, search, plan, valid: false));
        }
        var report = PoolReport(input, search, plan, valid: true);
        if (PoolHeaderWriter.ArenaAlignments(search.Problem, plan.Solution) is not { } alignments)
        {
            Error(DiagnosticCodes.InvalidAlignment, "the alignments of a pool's buffers have no common multiple within 2^30 for its arena");
            return Failed(PlanStatus.InvalidInput, report);
        }
        string? header = null;
        // The header's names were checked when the input was read (PoolNameCheck), before the search.
        if (_request.HeaderPath is not null) header = outputs.RenderPoolHeader(search.Problem, plan, alignments);
        string? csv = _request.CsvPath is not null || _request.ReturnCsv ? PoolCsv.Write(search.Problem, pools, plan.Solution) : null;
        var (previousCount, moved) = previous is null ? (0, 0) : previous.CountMoved(search.Problem, plan.Solution);
        var summary = new PlanSummary
        {
            BufferCount = input.Problem.Buffers.Count,
            ArenaSize = plan.ArenaSizes(alignments).Sum(),
            Peak = plan.Solution.Heights.Count == 0 ? 0 : plan.Solution.Heights.Max(),
            LowerBound = plan.CostLowerBound,
            Elapsed = _clock.Elapsed,
            CacheHit = plan.CacheHit,
            ProvenOptimal = plan.ProvenOptimal,
            MovedOffsets = moved,
            PreviousOffsets = previousCount,
            Pools = report.Pools,
        };
        if (_request.QuestionOnly)
        {
            return HeaderOutOfDate(header) ? Failed(PlanStatus.OutputFailed, report) : SucceededPools(plan, summary, report, csv: null);
        }
        if (!WriteHeaderAndCsv(outputs, header, csv, ref summary)) return Failed(PlanStatus.OutputFailed, report);
        outputs.StorePoolPlanInCache(() => search.CacheKey, plan);
        outputs.WritePreviousPoolPlan(search.Problem, plan);
        summary = summary with { ReportPath = outputs.WritePoolReport(search.Problem, plan, null) };
        return SucceededPools(plan, summary, report, _request.ReturnCsv ? csv : null);
    }

    private static SearchReport PoolReport(PlanInput input, PoolSearch search, PoolPlan? plan, bool? valid) => new()
    {
        BufferCount = input.Problem.Buffers.Count,
        LowerBound = plan?.CostLowerBound ?? search.CostLowerBound,
        Height = plan?.Solution.Cost,
        ProvenOptimal = plan?.ProvenOptimal ?? false,
        CacheHit = plan?.CacheHit ?? false,
        Statistics = new SolveStatistics { Nodes = plan?.Nodes ?? search.Nodes, Elapsed = search.Elapsed },
        PlanValid = valid,
        UndecidedByClock = plan is null && search.StoppedByClock,
        Pools = new PoolFigures
        {
            Cost = plan?.Solution.Cost,
            CostLowerBound = plan?.CostLowerBound ?? search.CostLowerBound,
            ProvenOptimal = plan?.ProvenOptimal ?? false,
            Method = plan?.Method ?? "",
            Pools = search.Problem.Pools.Select((p, i) => (p.Name, plan is null ? (long?)null : plan.Solution.Heights[i], p.Capacity)).ToList(),
        },
    };

    private PlanOutcome SucceededPools(PoolPlan plan, PlanSummary summary, SearchReport report, string? csv)
    {
        summary = summary with { Elapsed = _clock.Elapsed };
        return new PlanOutcome
        {
            Status = PlanStatus.Solved,
            Diagnostics = _diagnostics,
            Summary = summary,
            Search = report with { Elapsed = summary.Elapsed },
            SummaryLine = PlanSummaryLine.Succeeded(InputPath, summary, _request),
            HeaderPath = _request.HeaderPath is { } header ? Path.GetFullPath(header) : null,
            Csv = csv,
        };
    }
}
