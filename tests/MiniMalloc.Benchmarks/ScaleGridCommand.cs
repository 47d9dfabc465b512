using System.Diagnostics;
using System.Globalization;
using MiniMalloc.Generators;
using MiniMalloc.Planning;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// <c>scale --grid</c> (or <c>--shapes</c>): plans generated problems of every shape (<see cref="ShapeProblemGenerator"/>)
/// × size × slack through the planner, as <c>minimalloc</c> and the MSBuild task run it (default budgets unless
/// given), each in a child process of its own so that the peak working set is that run's alone. Prints time,
/// µs per buffer, peak working set, the result and which path of the planner made the plan.
/// </summary>
internal static class ScaleGridCommand
{
    public static readonly IReadOnlyList<int> DefaultSizes = [10_000, 100_000];
    public static readonly IReadOnlyList<double> DefaultSlacks = [1.0, 1.1, 1.25, 1.5];
    private const string ResultPrefix = "GRID-RESULT ";

    private sealed record Row(string Shape, int Live, double Slack, int Buffers, int MaxLive, long LowerBound, long Capacity, double Seconds, double CpuSeconds,
        long PeakWorkingSet, string Result, string Path, long Nodes, long Height);

    public static int Run(HarnessArguments args, IReadOnlyList<string> rawArgs, TextWriter output, TextWriter progress)
    {
        if (args.ChildBuffers is { } childBuffers)
        {
            output.WriteLine(ResultPrefix + Format(Measure(args, args.Shapes[0], args.LiveSets[0], args.Slacks![0], childBuffers)));
            return 0;
        }
        var sizes = args.SizesGiven ? args.Sizes : DefaultSizes;
        var slacks = args.Slacks ?? DefaultSlacks;
        var table = new MarkdownTable("shape", "live set", "slack", "buffers", "max live buffers", "lower bound", "capacity", "time (s)", "CPU (s)", "µs / buffer",
            "peak working set (MB)", "result", "path", "nodes", "height").Numeric(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14);
        bool allPlanned = true;
        foreach (var (shape, live) in args.Shapes.SelectMany(s => args.LiveSets.Select(l => (s, l))))
        {
            foreach (double slack in slacks)
            {
                foreach (int size in sizes)
                {
                    var row = InChild(rawArgs, shape, live, slack, size, args.MemoryLimitMegabytes);
                    // Below 1.1 the slack may leave nothing to find: deciding or bounding is the goal there.
                    allPlanned &= row.Result != "failed" && (slack < 1.1 || row.Height > 0);
                    table.Add(row.Shape, MarkdownTable.Integer(row.Live), Invariant(row.Slack), MarkdownTable.Integer(row.Buffers), MarkdownTable.Integer(row.MaxLive),
                        MarkdownTable.Integer(row.LowerBound), MarkdownTable.Integer(row.Capacity), MarkdownTable.Seconds(row.Seconds), MarkdownTable.Seconds(row.CpuSeconds),
                        (row.Seconds * 1e6 / row.Buffers).ToString("0.0", CultureInfo.InvariantCulture), MarkdownTable.Megabytes(row.PeakWorkingSet),
                        row.Result, row.Path, MarkdownTable.Integer(row.Nodes), row.Height > 0 ? MarkdownTable.Integer(row.Height) : "—");
                    progress.WriteLine($"{row.Shape} live {live} slack {Invariant(slack)} {size} buffers: {row.Result} ({row.Path}) in {row.Seconds:F2} s, {MarkdownTable.Megabytes(row.PeakWorkingSet)} MB");
                }
            }
        }
        output.Write(table.ToString());
        output.WriteLine();
        var p = args.Shape;
        output.WriteLine($"*Shapes of ShapeProblemGenerator (sizes {ShapeNames.Name(p.Sizes)}, network long-lived share {Invariant(p.LongLivedShare)}" +
            $"{(p.LongLife is { } life ? $" life {life}" : "")}, seed {args.Seed}), capacity slack × the max-live lower bound; planned by Planner.Run " +
            $"(CSV read, search, validation; timeout {(args.Timeout is { } t ? $"{t.TotalSeconds:0.###} s" : "the planner's default")}, search nodes " +
            $"{(args.SearchNodes is { } n ? MarkdownTable.Integer(n) : "the planner's default")}); one process per row, time wall clock and CPU of Planner.Run (the CPU time of all its threads, the runtime's included), peak working set of the whole process, " +
            $"heap limit {args.MemoryLimitMegabytes} MB; {Machine.Describe()}.*");
        return allPlanned ? 0 : 1;
    }

    private static Row Measure(HarnessArguments args, ProblemShape shape, int live, double slack, int size)
    {
        var problem = ShapeProblemGenerator.Generate(args.Shape with { Shape = shape, LiveSet = live, Buffers = size, Slack = slack, Seed = args.Seed });
        string name = ShapeNames.Name(shape);
        string csv = Path.Combine(Path.GetTempPath(), $"mm-grid-{Environment.ProcessId}.csv");
        File.WriteAllText(csv, CsvProblemWriter.Write(problem));
        try
        {
            var request = new PlanRequest
            {
                InputPath = csv,
                Capacity = Capacity.Of(problem.Capacity),
                MinimizeCapacity = false,
                Timeout = args.Timeout is { } t ? TimeLimit.Of(t) : PlanBudget.DefaultTimeout,
                SearchNodes = args.SearchNodes is { } n ? NodeBudget.Of(n) : null,
                Solver = args.Options,
            };
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var outcome = Planner.Run(request);
            double seconds = watch.Elapsed.TotalSeconds;
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            long peak = Process.GetCurrentProcess().PeakWorkingSet64;
            var search = outcome.Search;
            string result = outcome.Status switch
            {
                PlanStatus.Solved or PlanStatus.HeuristicFallback when search!.ProvenOptimal => "lower bound reached",
                PlanStatus.Solved or PlanStatus.HeuristicFallback when search!.Origin == PlanOrigin.ExactSearch => "plan within capacity",
                PlanStatus.Solved or PlanStatus.HeuristicFallback => "heuristic plan within capacity",
                PlanStatus.Infeasible => "infeasible",
                PlanStatus.TimedOut => search?.BestHeight is { } best
                    ? string.Create(CultureInfo.InvariantCulture, $"undecided: best plan {(best - search.LowerBound) * 100.0 / search.LowerBound:0.00} % over the bound")
                    : "undecided",
                _ => outcome.Status.ToString(),
            };
            string path = search?.Method ?? (outcome.Status == PlanStatus.TimedOut ? "search and heuristic stopped" : "—");
            return new Row(name, live, slack, size, PlanBudget.LiveBuffers(problem), LiveProfile.Of(problem).Peak, problem.Capacity, seconds, cpuSeconds, peak,
                result, path, search?.Statistics.Nodes ?? 0, search?.Height ?? 0);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static Row InChild(IReadOnlyList<string> rawArgs, ProblemShape shape, int live, double slack, int size, long memoryLimitMegabytes)
    {
        string processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the harness executable");
        var start = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (System.IO.Path.GetFileNameWithoutExtension(processPath) == "dotnet") start.ArgumentList.Add(typeof(ScaleGridCommand).Assembly.Location);
        foreach (string arg in rawArgs) start.ArgumentList.Add(arg);
        start.ArgumentList.Add($"--child={size}");
        start.ArgumentList.Add($"--child-shape={ShapeNames.Name(shape)}");
        start.ArgumentList.Add($"--child-slack={Invariant(slack)}");
        start.ArgumentList.Add($"--live={live}");
        // A hard heap limit turns a runaway run into an OutOfMemoryException in the child instead of swapping out the machine.
        start.Environment["DOTNET_GCHeapHardLimit"] = (memoryLimitMegabytes * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        var errors = child.StandardError.ReadToEndAsync();
        string text = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string? line = text.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            string why = errors.Result.Contains("OutOfMemoryException", StringComparison.Ordinal) ? $"out of memory (heap limit {memoryLimitMegabytes} MB)" : $"exit code {child.ExitCode}";
            return new Row(ShapeNames.Name(shape), live, slack, size, 0, 0, 0, 0, 0, 0, "failed", why, 0, 0);
        }
        return Parse(line[ResultPrefix.Length..].Trim());
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(Row r) => string.Join('\t', r.Shape, r.Live, r.Slack.ToString("R", CultureInfo.InvariantCulture), r.Buffers, r.MaxLive, r.LowerBound, r.Capacity,
        r.Seconds.ToString("R", CultureInfo.InvariantCulture), r.CpuSeconds.ToString("R", CultureInfo.InvariantCulture), r.PeakWorkingSet, r.Result, r.Path.Replace('\t', ' '), r.Nodes, r.Height);

    private static Row Parse(string line)
    {
        string[] f = line.Split('\t');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return new Row(f[0], (int)L(1), double.Parse(f[2], CultureInfo.InvariantCulture), (int)L(3), (int)L(4), L(5), L(6),
            double.Parse(f[7], CultureInfo.InvariantCulture), double.Parse(f[8], CultureInfo.InvariantCulture), L(9), f[10], f[11], L(12), L(13));
    }
}
