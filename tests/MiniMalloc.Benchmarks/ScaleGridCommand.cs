using System.Diagnostics;
using System.Globalization;
using MiniMalloc.Generators;
using MiniMalloc.Planning;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// <c>scale --grid</c> (or <c>--shapes</c>): plans generated problems of every shape (<see cref="ShapeProblemGenerator"/>)
/// × live set × size × slack by the planner's search, as <c>minimalloc</c> and the MSBuild task run it (default
/// budgets unless given), each in a child process of its own so that the peak working set is that run's alone. Prints time,
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
        if (args.CsvFolder is { } folder) return WriteCsv(args, sizes, slacks, folder, output);
        var table = new MarkdownTable("shape", "live set", "slack", "buffers", "max live buffers", "lower bound", "capacity", "time (s)", "CPU (s)", "µs / buffer", "CPU µs / buffer",
            "peak working set (MB)", "result", "path", "nodes", "height").Numeric(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15);
        bool allPlanned = true; // every row with slack of 1.1 or more has a plan, and no plan is invalid
        foreach (var (shape, live) in args.Shapes.SelectMany(s => args.LiveSets.Select(l => (s, l))))
        {
            foreach (double slack in slacks)
            {
                foreach (int size in sizes)
                {
                    var row = InChild(rawArgs, shape, live, slack, size, args.MemoryLimitMegabytes);
                    // Below 1.1 the slack may leave nothing to find: deciding or bounding is the goal there.
                    allPlanned &= row.Result is not ("failed" or "INVALID PLAN") && (slack < 1.1 || row.Height > 0);
                    table.Add(row.Shape, MarkdownTable.Integer(row.Live), Invariant(row.Slack), MarkdownTable.Integer(row.Buffers), MarkdownTable.Integer(row.MaxLive),
                        MarkdownTable.Integer(row.LowerBound), MarkdownTable.Integer(row.Capacity), MarkdownTable.Seconds(row.Seconds), MarkdownTable.Seconds(row.CpuSeconds),
                        (row.Seconds * 1e6 / row.Buffers).ToString("0.0", CultureInfo.InvariantCulture),
                        (row.CpuSeconds * 1e6 / row.Buffers).ToString("0.0", CultureInfo.InvariantCulture), MarkdownTable.Megabytes(row.PeakWorkingSet),
                        row.Result, row.Path, MarkdownTable.Integer(row.Nodes), row.Height > 0 ? MarkdownTable.Integer(row.Height) : "—");
                    progress.WriteLine($"{row.Shape} live {live} slack {Invariant(slack)} {size} buffers: {row.Result} ({row.Path}) in {row.Seconds:F2} s, {MarkdownTable.Megabytes(row.PeakWorkingSet)} MB");
                }
            }
        }
        output.Write(table.ToString());
        output.WriteLine();
        var p = args.Shape;
        output.WriteLine($"*Shapes of ShapeProblemGenerator (sizes {ShapeNames.Name(p.Sizes)}, network long-lived share {Invariant(p.LongLivedShare)}" +
            $"{(p.LongLife is { } life ? $" life {life}" : "")}, seed {args.Seed}), capacity slack × the max-live lower bound; " +
            (args.SearchOnly
                ? $"solved by the exact search alone (Solver, never the sweep allocator, sweep included, then the validator; timeout {(args.Timeout is { } st ? $"{st.TotalSeconds:0.###}" : "60")} s" +
                    $"{(args.SearchNodes is { } sn ? $", {MarkdownTable.Integer(sn)} nodes" : "")}); "
                : $"planned by the planner's search (PlanSearch, as Planner.Run calls it, in memory, then the independent validator; timeout " +
                    $"{(args.Timeout is { } t ? $"{t.TotalSeconds:0.###} s" : "the planner's default")}, search nodes " +
                    $"{(args.SearchNodes is { } n ? MarkdownTable.Integer(n) : "the planner's default")}); ") +
            $"one process per row, time wall clock and CPU (of all the process's threads, the runtime's included) of the search and the validation, peak working set of the whole process, " +
            $"heap limit {args.MemoryLimitMegabytes} MB; {Machine.Describe()}.*");
        return allPlanned ? 0 : 1;
    }

    // The planner's search as Planner.Run runs it (the anytime plan, the exact search within the default budgets),
    // then the independent validator, as Planner.Run checks every plan: in memory, since reading a file is not what
    // scales here (--write-csv writes the problems for whole-process runs of the published tool).
    private static Row Measure(HarnessArguments args, ProblemShape shape, int live, double slack, int size)
    {
        var problem = ShapeProblemGenerator.Generate(args.Shape with { Shape = shape, LiveSet = live, Buffers = size, Slack = slack, Seed = args.Seed });
        if (args.SearchOnly) return MeasureSearch(args, problem, shape, live, slack, size);
        var capacity = Capacity.Of(problem.Capacity);
        var request = new PlanRequest
        {
            InputPath = "grid.csv",
            Capacity = capacity,
            MinimizeCapacity = false,
            Timeout = args.Timeout is { } t ? TimeLimit.Of(t) : PlanBudget.DefaultTimeout,
            SearchNodes = args.SearchNodes is { } n ? NodeBudget.Of(n) : null,
            Solver = args.Options,
        };
        var input = new PlanInput { Problem = problem, Capacity = capacity, Digest = new ContentDigest([]) };
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var search = new PlanSearch(request, input, request.Solver with { Timeout = request.Timeout.Span }, minimize: false, [], CancellationToken.None);
        var plan = search.Find(previous: null);
        bool valid = plan is null || PlanValidation.Validate(problem, capacity, plan.Solution).IsValid;
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        long lowerBound = search.LowerBound;
        string result = plan switch
        {
            _ when !valid => "INVALID PLAN",
            { ProvenOptimal: true } => "lower bound reached",
            { Origin: PlanOrigin.ExactSearch } => "plan within capacity",
            not null => "heuristic plan within capacity",
            null when search.Failure == PlanStatus.Infeasible => "infeasible",
            null when search.BestHeight is { } best => string.Create(CultureInfo.InvariantCulture,
                $"undecided: best plan {(best - lowerBound) * 100.0 / lowerBound:0.00} % over the bound"),
            _ => search.Failure.ToString(),
        };
        string path = plan?.Method ?? "—";
        return new Row(ShapeNames.Name(shape), live, slack, size, PlanBudget.LiveBuffers(problem), lowerBound, problem.Capacity, seconds, cpuSeconds, peak,
            result, path, (plan?.Statistics ?? search.Statistics).Nodes, plan?.Solution.Height ?? 0);
    }

    // The exact search alone, as Solver.Solve runs it (sweep included), then the validator: its nodes, time and
    // memory, without the planner's anytime plans and work budgets. The height column reads 0 without a plan.
    private static Row MeasureSearch(HarnessArguments args, Problem problem, ProblemShape shape, int live, double slack, int size)
    {
        var options = args.Options with { Timeout = args.Timeout ?? TimeSpan.FromSeconds(60), NodeBudget = args.SearchNodes };
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var solved = new Solver(options).Solve(problem);
        bool valid = solved.Solution is null || Validator.Validate(problem, solved.Solution).IsValid;
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        long lowerBound = LiveProfile.Of(problem).Peak;
        string result = !valid ? "INVALID PLAN" : solved.Status.ToString();
        return new Row(ShapeNames.Name(shape), live, slack, size, PlanBudget.LiveBuffers(problem), lowerBound, problem.Capacity, seconds, cpuSeconds, peak,
            result, $"exact search ({solved.Statistics.Heuristic ?? "—"})", solved.Statistics.Nodes, solved.Solution?.Height ?? 0);
    }

    // --write-csv=DIR: the grid's problems as the reference's CSV, SHAPE-LIVE-SIZES-SLACK-BUFFERS.CAPACITY.csv (the
    // name the solve command reads the capacity from), for whole-process runs of a published minimalloc on them.
    private static int WriteCsv(HarnessArguments args, IReadOnlyList<int> sizes, IReadOnlyList<double> slacks, string folder, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        foreach (var (shape, live) in args.Shapes.SelectMany(s => args.LiveSets.Select(l => (s, l))))
        {
            foreach (double slack in slacks)
            {
                foreach (int size in sizes)
                {
                    var problem = ShapeProblemGenerator.Generate(args.Shape with { Shape = shape, LiveSet = live, Buffers = size, Slack = slack, Seed = args.Seed });
                    string name = FormattableString.Invariant($"{ShapeNames.Name(shape)}-{live}-{ShapeNames.Name(args.Shape.Sizes)}-{slack}-{size}.{problem.Capacity}.csv");
                    string path = Path.Combine(folder, name);
                    File.WriteAllText(path, CsvProblemWriter.Write(problem));
                    output.WriteLine(path);
                }
            }
        }
        return 0;
    }

    private static Row InChild(IReadOnlyList<string> rawArgs, ProblemShape shape, int live, double slack, int size, long memoryLimitMegabytes)
    {
        string[] args = [.. rawArgs, $"--child={size}", $"--child-shape={ShapeNames.Name(shape)}", $"--child-slack={Invariant(slack)}", $"--live={live}"];
        var (result, failure) = ChildRun.Run(args, ResultPrefix, memoryLimitMegabytes);
        return result is null ? new Row(ShapeNames.Name(shape), live, slack, size, 0, 0, 0, 0, 0, 0, "failed", failure, 0, 0) : Parse(result);
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
