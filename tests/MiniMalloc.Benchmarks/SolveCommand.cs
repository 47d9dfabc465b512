using System.Diagnostics;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// The default command: solves every benchmark of a folder at its capacity, once to warm up and then
/// <c>--runs</c> times, and prints one Markdown table with the median time, the search statistics, the height,
/// the lower bound, the bytes one solve allocates, the validator's verdict and, for the challenging benchmarks
/// A–K, the reference's time and backtracks.
/// </summary>
internal static class SolveCommand
{
    public static int Run(HarnessArguments args, TextWriter output, TextWriter progress)
    {
        if (!args.Generated) return Run(args, BenchmarkInstance.InFolder(BenchmarkFolder(args), args.Capacity, args.Only), output, progress);
        // Generated problems go to the folder given (and stay there, for other tools to read), else to a temporary one.
        string generatedFolder = args.Folder ?? Path.Combine(Path.GetTempPath(), $"minimalloc-generated-{Environment.ProcessId}");
        try
        {
            return Run(args, BenchmarkInstance.Generated(args, generatedFolder), output, progress);
        }
        finally
        {
            if (args.Folder is null && Directory.Exists(generatedFolder)) Directory.Delete(generatedFolder, recursive: true);
        }
    }

    private static int Run(HarnessArguments args, List<BenchmarkInstance> instances, TextWriter output, TextWriter progress)
    {
        var options = args.Options with { Timeout = args.Timeout };
        var referenceTimer = args.ReferenceBinary is { } reference ? new WholeProcessTimer(reference, "reference", args.Timeout) : null;
        var cliTimer = args.CliBinary is { } cli ? new WholeProcessTimer(cli, "cli", args.Timeout) : null;
        bool wholeProcess = cliTimer is not null;
        int withReference = 0;
        List<string> headers = ["instance", "buffers", "median (s)"];
        if (wholeProcess) headers.Add("whole process (s)");
        headers.AddRange(["reference (s)", "ratio"]);
        if (wholeProcess) headers.Add("ratio, whole process");
        headers.AddRange(["nodes", "backtracks", "reference backtracks", "match", "height", "lower bound", "allocated (MB)", "validation"]);
        var numeric = Enumerable.Range(1, headers.Count - 1).Where(c => headers[c] is not ("match" or "validation")).ToArray();
        var table = new MarkdownTable([.. headers]).Numeric(numeric);

        long totalBuffers = 0, totalNodes = 0, totalBacktracks = 0, totalReferenceBacktracks = 0;
        double totalSeconds = 0, totalWholeSeconds = 0, totalReferenceSeconds = 0, totalComparedSeconds = 0, totalComparedWholeSeconds = 0;
        int matches = 0, compared = 0, valid = 0;
        foreach (var instance in instances)
        {
            var problem = instance.Load();
            long lowerBound = LiveProfile.Of(problem).Peak;
            var solver = new Solver(options);
            solver.Solve(problem); // warm-up: JIT and tiering, as a long-running build server would have
            var seconds = new List<double>();
            SolveResult result = null!;
            long allocated = 0;
            for (int run = 0; run < args.Runs; run++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                result = solver.Solve(problem);
                seconds.Add(watch.Elapsed.TotalSeconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            }
            double median = Median(seconds);
            string validation = Verdict(problem, result);
            if (validation == "ok") valid++;
            double whole = double.NaN;
            if (cliTimer is not null)
            {
                var measured = cliTimer.Measure(instance, args.Runs);
                whole = measured.Seconds;
                totalWholeSeconds += whole;
                if (!measured.Solved) validation += "; the CLI did NOT solve it";
            }
            var figures = instance.Capacity == ReferenceFigures.Capacity ? ReferenceFigures.For(instance.Name) : null;
            if (referenceTimer is not null)
            {
                // Measured here and now: that time replaces the published one (the backtracks stay the published ones).
                var measured = referenceTimer.Measure(instance, args.Runs);
                figures = figures is null
                    ? new ReferenceFigures.Figures(measured.Seconds, -1, "")
                    : figures with { Seconds = measured.Seconds };
                progress.WriteLine($"{instance.Name}: reference {(measured.Solved ? "solved" : "did NOT solve")} in a median of {measured.Seconds:F3} s");
            }
            string match = "—";
            if (figures is not null)
            {
                // Backtracks only compare when the search is the reference's: default switches and heuristics.
                if (TechniqueSwitches.IsReferenceSearch(options) && figures.Backtracks >= 0)
                {
                    compared++;
                    long difference = result.Statistics.Backtracks - figures.Backtracks;
                    if (difference == 0) matches++;
                    match = difference == 0 ? "yes" : $"no ({difference:+#;-#})";
                }
                withReference++;
                totalReferenceSeconds += figures.Seconds;
                totalComparedSeconds += median;
                totalComparedWholeSeconds += wholeProcess ? whole : 0;
                totalReferenceBacktracks += Math.Max(0, figures.Backtracks);
            }
            totalBuffers += problem.Buffers.Count;
            totalSeconds += median;
            totalNodes += result.Statistics.Nodes;
            totalBacktracks += result.Statistics.Backtracks;
            List<string> row = [instance.Name, MarkdownTable.Integer(problem.Buffers.Count), MarkdownTable.Seconds(median)];
            if (wholeProcess) row.Add(MarkdownTable.Seconds(whole));
            row.Add(figures is null ? "—" : MarkdownTable.Seconds(figures.Seconds));
            row.Add(figures is null ? "—" : MarkdownTable.Ratio(median / figures.Seconds));
            if (wholeProcess) row.Add(figures is null ? "—" : MarkdownTable.Ratio(whole / figures.Seconds));
            row.AddRange([MarkdownTable.Integer(result.Statistics.Nodes), MarkdownTable.Integer(result.Statistics.Backtracks),
                figures is null || figures.Backtracks < 0 ? "—" : MarkdownTable.Integer(figures.Backtracks), match,
                result.Solution is { } s ? MarkdownTable.Integer(s.Height) : "—", MarkdownTable.Integer(lowerBound),
                MarkdownTable.Megabytes(allocated), validation]);
            table.Add([.. row]);
            progress.WriteLine($"{instance.Name}: {result.Status}, median {median:F3} s over {args.Runs} runs, {result.Statistics.Backtracks} backtracks ({result.Statistics.Heuristic})");
        }
        List<string> total = ["total", MarkdownTable.Integer(totalBuffers), MarkdownTable.Seconds(totalSeconds)];
        if (wholeProcess) total.Add(MarkdownTable.Seconds(totalWholeSeconds));
        total.Add(withReference == 0 ? "—" : MarkdownTable.Seconds(totalReferenceSeconds));
        total.Add(withReference == 0 ? "—" : MarkdownTable.Ratio(totalComparedSeconds / totalReferenceSeconds));
        if (wholeProcess) total.Add(withReference == 0 ? "—" : MarkdownTable.Ratio(totalComparedWholeSeconds / totalReferenceSeconds));
        total.AddRange([MarkdownTable.Integer(totalNodes), MarkdownTable.Integer(totalBacktracks),
            withReference == 0 ? "—" : MarkdownTable.Integer(totalReferenceBacktracks), compared == 0 ? "—" : $"{matches}/{compared}",
            "", "", "", $"{valid}/{instances.Count} ok"]);
        table.Add([.. total]);
        output.Write(table.ToString());
        output.WriteLine();
        output.WriteLine($"*Median of {args.Runs} in-process solves after one warm-up" +
            (wholeProcess ? $"; whole process: our minimalloc program ({args.CliBinary}), start-up included, median of {args.Runs} runs" : "") +
            $"; ratio = ours / reference (below 1: faster); {TechniqueSwitches.Describe(options)}; heuristics {string.Join(",", options.PreorderingHeuristics)}; " +
            $"{(options.Timeout is { } t ? $"timeout {t.TotalSeconds:0.###} s" : "no timeout")}; {Machine.Describe()}. " +
            (referenceTimer is null
                ? "Reference: the C++ solver's published figures (median of 5 whole-process runs, default settings, measured on a machine of this kind).*"
                : $"Reference: the C++ solver ({args.ReferenceBinary}) run here, side by side, median of {args.Runs} whole-process runs, default settings.*"));
        return valid == instances.Count ? 0 : 1;
    }

    public static string BenchmarkFolder(HarnessArguments args) =>
        args.Folder ?? RepositoryLocator.DefaultBenchmarkFolder()
        ?? throw new ArgumentException("no folder given, and ../shared/benchmarks/challenging beside the repository root does not exist");

    /// <summary>"ok", the validator's complaint, or the status when nothing was found.</summary>
    public static string Verdict(Problem problem, SolveResult result) => result.Status switch
    {
        SolveStatus.Solved when result.Solution is { } solution => MarkdownTable.Verdict(Validator.Validate(problem, solution)),
        SolveStatus.Infeasible => "infeasible",
        SolveStatus.TimedOut => "timed out",
        _ => result.Status.ToString().ToLowerInvariant(),
    };

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
