using System.Globalization;
using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// One run of the tool: read the input, solve or minimize, validate the plan, then write the outputs (only
/// when there is a valid plan, except the report, which also shows why there is none). Errors go to standard error in the canonical <c>file(line,col): error CODE: message</c>
/// form, followed by exactly one summary line once a solve has run.
/// </summary>
internal sealed class CliRun
{
    private readonly CliOptions _options;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<string> _writeErrors = [];

    public CliRun(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        _options = options;
        _stdout = stdout;
        _stderr = stderr;
    }

    public int Execute(CancellationToken cancellationToken)
    {
        if (_options.Capacity is < 0) return FailCapacity($"--capacity must be positive, not {_options.Capacity}");
        // A lifetimes file may give the capacity itself; a CSV file never does (as in the reference).
        bool capacityMissing = !_options.MinimizeCapacity && _options.Capacity is null or 0;
        if (capacityMissing && !InputLoader.IsJson(_options.InputPath)) return FailCapacity(CapacityRequired);

        var input = InputLoader.Load(_options, _diagnostics);
        if (input is null) return Fail(ExitCodes.BadInput);
        if (capacityMissing && input.Capacity is null) return FailCapacity(CapacityRequired + " (the lifetimes file gives none)");

        var problem = input.Problem;
        var attempt = PlanAttempt.Run(problem, _options, cancellationToken);
        if (attempt.Status == SolveStatus.Solved && attempt.Solution is { } solution) return Deliver(input, attempt, solution);

        InfeasibilityExplanation? explanation = null;
        int exitCode;
        switch (attempt.Status)
        {
            case SolveStatus.Infeasible:
                explanation = InfeasibilityMessage.Explain(problem, _options.Solver, cancellationToken);
                Add(DiagnosticCodes.Infeasible, InfeasibilityMessage.Format(problem, input.Capacity ?? 0, explanation));
                exitCode = ExitCodes.NoSolution;
                break;
            case SolveStatus.TimedOut:
                Add(DiagnosticCodes.TimedOut, $"the solver timed out after {Seconds(_options.Solver.Timeout ?? attempt.Statistics.Elapsed)} before deciding; "
                    + "this is not a proof that nothing fits (raise --timeout)");
                exitCode = ExitCodes.TimedOut;
                break;
            default:
                Add(DiagnosticCodes.Cancelled, "cancelled before the solver decided; nothing was written");
                return Finish(ExitCodes.TimedOut, input, attempt, validationPassed: null);
        }
        // Only the report is written without a plan: it shows why there is none.
        if (_options.ReportPath is { } reportPath)
        {
            var outputs = new PendingOutputs();
            outputs.Add(reportPath, ReportOutput.Render(input, _options.InputPath, attempt, explanation), DiagnosticCodes.ReportWriteFailed);
            if (outputs.WriteAll() is { } writeError) _writeErrors.Add(writeError);
        }
        return Finish(exitCode, input, attempt, validationPassed: null);
    }

    // A valid plan: check it, render every output, then write them all.
    private int Deliver(LoadedInput input, PlanAttempt attempt, Solution solution)
    {
        // Without a capacity (minimizing, unlimited), the plan's own height bounds it.
        var checkedProblem = input.Capacity is { } c ? input.Problem.WithCapacity(c) : input.Problem.WithCapacity(solution.Height);
        var validation = Validator.Validate(checkedProblem, solution);
        bool? shownValidation = _options.Validate ? validation.IsValid : null;
        if (!validation.IsValid)
        {
            Add(DiagnosticCodes.PlanRejected, $"the plan failed validation ({validation.Kind}): {validation.Message}; nothing was written (a solver bug: please report it)");
            return Finish(ExitCodes.InternalError, input, attempt, shownValidation);
        }
        if (attempt.Minimized && !attempt.ProvenOptimal)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.NotProvenMinimal, DiagnosticSeverity.Warning,
                $"the height {solution.Height} is not proven minimal (the best lower bound is {attempt.LowerBound})", _options.InputPath));
        }

        var outputs = new PendingOutputs();
        string csv = CsvProblemWriter.Write(input.Problem, solution);
        if (_options.OutputPath is { } output && output != "-") outputs.Add(output, csv, code: null);
        if (_options.HeaderPath is { } headerPath)
        {
            if (HeaderOutput.Render(_options, input, solution, _diagnostics) is not { } header) return Finish(ExitCodes.BadInput, input, attempt, shownValidation);
            outputs.Add(headerPath, header, DiagnosticCodes.HeaderWriteFailed);
        }
        if (_options.ReportPath is { } reportPath)
        {
            outputs.Add(reportPath, ReportOutput.Render(input, _options.InputPath, attempt, explanation: null), DiagnosticCodes.ReportWriteFailed);
        }
        if (outputs.WriteAll() is { } writeError)
        {
            _writeErrors.Add(writeError);
            return Finish(ExitCodes.BadInput, input, attempt, shownValidation);
        }
        if (_options.CsvToStandardOutput) _stdout.Write(csv);
        return Finish(ExitCodes.Solved, input, attempt, shownValidation);
    }

    private const string CapacityRequired = "--capacity=BYTES (a positive number) is required unless --minimize-capacity is given";

    private int FailCapacity(string usage)
    {
        _diagnostics.Add(new Diagnostic(DiagnosticCodes.InvalidCapacitySetting, DiagnosticSeverity.Error, usage));
        return Fail(ExitCodes.BadInput);
    }

    private int Fail(int exitCode)
    {
        PrintDiagnostics();
        return exitCode;
    }

    private int Finish(int exitCode, LoadedInput input, PlanAttempt attempt, bool? validationPassed)
    {
        PrintDiagnostics();
        _stderr.WriteLine(SummaryLine.Format(input.Problem.Buffers.Count, input.Capacity, attempt, validationPassed));
        return exitCode;
    }

    private void Add(string code, string message) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, _options.InputPath));

    private void PrintDiagnostics()
    {
        foreach (var diagnostic in _diagnostics) _stderr.WriteLine(diagnostic.ToString());
        foreach (var error in _writeErrors) _stderr.WriteLine(error);
        _diagnostics.Clear();
        _writeErrors.Clear();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
