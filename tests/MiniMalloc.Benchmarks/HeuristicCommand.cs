using System.Diagnostics;
using System.Globalization;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// <c>heuristic</c>: the heuristic planner on every benchmark of a folder (or on generated networks, with
/// <c>--generated</c>), with a fixed budget per instance (<c>--budget</c> seconds, or <c>--iterations</c> moves
/// for reproducible heights) and the max-live lower bound as its target, so that it shows how close the local
/// search gets: the bound, the constructive plans' heights, the improved height, the remaining gap, moves and
/// time, and the validator's verdict.
/// </summary>
internal static class HeuristicCommand
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(2);

    public static int Run(HarnessArguments args, TextWriter output, TextWriter progress)
    {
        var instances = HarnessInstance.Select(args);
        var budget = args.Budget ?? DefaultBudget;
        var options = new HeuristicOptions
        {
            TimeBudget = args.Iterations is null ? budget : null,
            MaxIterations = args.Iterations,
            Seed = args.Seed,
        };
        var table = new MarkdownTable("instance", "buffers", "lower bound", "best-fit decreasing", "sweep", "start",
            "improved", "gap", "moves", "time (s)", "validation").Numeric(1, 2, 3, 4, 6, 8, 9);
        int valid = 0, atBound = 0;
        foreach (var instance in instances)
        {
            var problem = instance.Load();
            long lowerBound = LiveProfile.Of(problem).Peak;
            long bestFit = BestFitDecreasing.Solve(problem).Height;
            long sweep = SweepAllocator.Solve(problem).Height;
            var watch = Stopwatch.StartNew();
            var result = HeuristicPlanner.Plan(problem, options);
            double seconds = watch.Elapsed.TotalSeconds;
            var solution = result.Solution;
            var verdict = Validator.Validate(problem.WithCapacity(Math.Max(problem.Capacity, solution.Height)), solution);
            string validation = MarkdownTable.Verdict(verdict);
            if (verdict.IsValid) valid++;
            long gap = solution.Height - lowerBound;
            if (gap == 0) atBound++;
            table.Add(instance.Name, MarkdownTable.Integer(problem.Buffers.Count), MarkdownTable.Integer(lowerBound),
                MarkdownTable.Integer(bestFit), MarkdownTable.Integer(sweep), $"{result.StartHeight} ({result.Start})",
                MarkdownTable.Integer(solution.Height), MarkdownTable.Gap(solution.Height, lowerBound), MarkdownTable.Integer(result.Iterations),
                MarkdownTable.Seconds(seconds), validation);
            progress.WriteLine($"{instance.Name}: {result.StartHeight} -> {solution.Height} (bound {lowerBound}) after {result.Iterations} moves, {result.Improvements} improvements, {seconds:F2} s, {result.StopReason}");
        }
        table.Add("total", "", "", "", "", "", "", $"{atBound}/{instances.Count} at the bound", "", "", $"{valid}/{instances.Count} ok");
        output.Write(table.ToString());
        output.WriteLine();
        string stop = args.Iterations is { } n
            ? $"{n} moves per instance"
            : $"time budget {budget.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s per instance";
        output.WriteLine($"*HeuristicPlanner, target = the max-live lower bound, {stop}, seed {args.Seed}; the budget counts the local search, the time also the starting plans; " +
            $"gap = improved - lower bound; {Machine.Describe()}.*");
        return valid == instances.Count ? 0 : 1;
    }
}
