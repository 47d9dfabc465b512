using System.Diagnostics;
using System.Globalization;
using MiniMalloc.Generators;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// <c>scale</c>: solves generated network-like problems (<see cref="NetworkProblemGenerator"/>) of growing size and
/// prints time, memory, search statistics and validation per size. Each size runs in a child process by default,
/// so that the peak working set reported is that size's alone.
/// </summary>
internal static class ScaleCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private const string ResultPrefix = "SCALE-RESULT ";

    private sealed record Row(int Buffers, long Steps, long LowerBound, long Capacity, string Status, double Seconds,
        long PeakWorkingSet, long Allocated, long Nodes, long Backtracks, long Height, string Validation);

    public static int Run(HarnessArguments args, IReadOnlyList<string> rawArgs, TextWriter output, TextWriter progress)
    {
        if (args.Shapes.Count > 0) return ScaleGridCommand.Run(args, rawArgs, output, progress);
        if (args.ChildBuffers is { } childBuffers)
        {
            output.WriteLine(ResultPrefix + Format(Measure(args, childBuffers)));
            return 0;
        }
        var options = args.Options with { Timeout = args.Timeout ?? DefaultTimeout };
        var table = new MarkdownTable("buffers", "steps", "lower bound", "capacity", "time (s)", "µs / buffer",
            args.InProcess ? "peak working set, process (MB)" : "peak working set (MB)", "allocated (MB)", "nodes", "backtracks",
            "height", "validation").Numeric(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        bool allValid = true;
        foreach (int size in args.Sizes)
        {
            var row = args.InProcess ? Measure(args, size) : MeasureInChild(rawArgs, size, args.MemoryLimitMegabytes);
            allValid &= row.Validation == "ok";
            if (row.Status == "failed")
            {
                table.Add([MarkdownTable.Integer(row.Buffers), .. Enumerable.Repeat("—", 10), row.Validation]);
            }
            else
            {
                table.Add(MarkdownTable.Integer(row.Buffers), MarkdownTable.Integer(row.Steps), MarkdownTable.Integer(row.LowerBound),
                    MarkdownTable.Integer(row.Capacity), MarkdownTable.Seconds(row.Seconds),
                    (row.Seconds * 1e6 / row.Buffers).ToString("0.0", CultureInfo.InvariantCulture),
                    MarkdownTable.Megabytes(row.PeakWorkingSet), MarkdownTable.Megabytes(row.Allocated),
                    MarkdownTable.Integer(row.Nodes), MarkdownTable.Integer(row.Backtracks),
                    row.Height > 0 ? MarkdownTable.Integer(row.Height) : "—", row.Validation);
            }
            progress.WriteLine($"{row.Buffers} buffers: {row.Status} in {row.Seconds:F3} s, peak working set {MarkdownTable.Megabytes(row.PeakWorkingSet)} MB");
        }
        output.Write(table.ToString());
        output.WriteLine();
        output.WriteLine($"*Generated network-like problems (NetworkProblemGenerator, seed {args.Seed}, capacity {args.Slack.ToString(CultureInfo.InvariantCulture)} x the lower bound); " +
            $"time of Solver.Solve alone; {(args.InProcess ? "one process" : "one process per size, peak working set of the whole process")}; " +
            $"timeout {options.Timeout!.Value.TotalSeconds:0.###} s{(args.InProcess ? "" : $", heap limit {args.MemoryLimitMegabytes} MB")}; {TechniqueSwitches.Describe(options)}; {Machine.Describe()}.*");
        return allValid ? 0 : 1;
    }

    private static Row Measure(HarnessArguments args, int size)
    {
        var options = args.Options with { Timeout = args.Timeout ?? DefaultTimeout };
        var problem = NetworkProblemGenerator.Generate(size, args.Seed, args.Slack);
        long lowerBound = LiveProfile.Of(problem).Peak;
        long steps = problem.Buffers.Count == 0 ? 0 : problem.Buffers[^1].Lifespan.Lower + 1;
        GC.Collect();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = new Solver(options).Solve(problem);
        double seconds = watch.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        string validation = SolveCommand.Verdict(problem, result);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        return new Row(size, steps, lowerBound, problem.Capacity, result.Status.ToString(), seconds, peak, allocated,
            result.Statistics.Nodes, result.Statistics.Backtracks, result.Solution?.Height ?? 0, validation);
    }

    private static Row MeasureInChild(IReadOnlyList<string> rawArgs, int size, long memoryLimitMegabytes)
    {
        var (result, failure) = ChildRun.Run([.. rawArgs, $"--child={size}"], ResultPrefix, memoryLimitMegabytes);
        return result is null ? new Row(size, 0, 0, 0, "failed", 0, 0, 0, 0, 0, 0, failure) : Parse(result);
    }

    // One line of tab-separated fields: the child's measurements, read back by the parent.
    private static string Format(Row r) => string.Join('\t',
        r.Buffers, r.Steps, r.LowerBound, r.Capacity, r.Status, r.Seconds.ToString("R", CultureInfo.InvariantCulture),
        r.PeakWorkingSet, r.Allocated, r.Nodes, r.Backtracks, r.Height, r.Validation.Replace('\t', ' ').Replace('\n', ' '));

    private static Row Parse(string line)
    {
        string[] f = line.Split('\t');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return new Row((int)L(0), L(1), L(2), L(3), f[4], double.Parse(f[5], CultureInfo.InvariantCulture), L(6), L(7), L(8), L(9), L(10), f[11]);
    }
}
