using System.Diagnostics;
using System.Globalization;
using MiniMalloc.Onnx;
using MiniMalloc.Onnx.Output;
using MiniMalloc.Onnx.RealModels;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// <c>pools</c>: every benchmark (the challenging ones, generated networks with <c>--generated</c> sizes, or generated
/// problems of other shapes with <c>--generated --shapes=...</c>) as a
/// two-pool problem: a fast pool (cost 0) of 50 %, 75 % and 90 % of the live-size bound and an unlimited slow pool
/// (cost 1), every buffer allowed in both, its weight its size: the cost is the bytes spilled to the slow pool. Per
/// row the greedy baseline's cost, the planner's, its proven lower bound, whether it is optimal, the time, CPU time and work units; also
/// the strengths of the bound at the root (the busiest step relaxed, the busiest step's knapsack, knapsacks of
/// disjoint steps added up, the same with long-lived buffers free, the LP relaxation over all steps).
/// </summary>
internal static class PoolsCommand
{
    private static readonly int[] Percents = [50, 75, 90];

    public static int Run(HarnessArguments args, TextWriter output, TextWriter progress)
    {
        var table = new MarkdownTable("instance", "buffers", "fast pool", "greedy cost", "our cost", "lower bound", "proven optimal",
                "method", "vs greedy", "weak bound", "step knapsack", "disjoint steps", "strong bound", "LP bound", "time", "cpu", "work", "validation")
            .Numeric(1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        int failures = 0;
        foreach (var (name, problem) in Instances(args))
        {
            long peak = LiveProfile.Of(problem).Peak;
            long total = problem.Buffers.Sum(b => b.Size + b.Alignment);
            foreach (int percent in Percents)
            {
                progress.WriteLine($"{name}: fast pool at {percent} %");
                long fast = peak * percent / 100;
                var pooled = args.Hierarchy ? Hierarchy(problem, fast, total) : PoolProblem.WithDefaults([new("fast", fast, 1, 0), new("slow", total, 1, 1)], problem.Buffers);
                var greedy = PoolGreedy.Solve(pooled);
                var options = new PoolPlannerOptions { NodeBudget = args.PoolNodeBudget, WorkBudget = args.PoolWorkBudget, TimeLimit = args.Timeout, Search = args.Options };
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var result = PoolPlanner.Solve(pooled, options);
                double seconds = clock.Elapsed.TotalSeconds;
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var bounds = new PoolCostBound(FoldedPoolProblem.Fold(pooled));
                long weak = bounds.Compute(PoolBoundStrength.Weak);
                long step = bounds.Compute(PoolBoundStrength.StepKnapsack);
                long disjoint = bounds.Compute(PoolBoundStrength.Disjoint);
                long strong = bounds.Compute(PoolBoundStrength.Strong);
                long lp = bounds.Compute(PoolBoundStrength.Lp);
                string verdict = "no plan";
                if (result.Solution is { } solution)
                {
                    var violations = PoolValidator.Validate(pooled, solution);
                    verdict = violations.Count == 0 ? "ok" : $"INVALID: {violations[0].Message}";
                    if (greedy is not null && solution.Cost > greedy.Cost) verdict = "WORSE THAN GREEDY";
                }
                if (verdict != "ok") failures++;
                long ours = result.Solution?.Cost ?? -1;
                table.Add(name, I(problem.Buffers.Count), $"{percent} % ({I(fast)})", greedy is null ? "-" : I(greedy.Cost), I(ours),
                    I(result.CostLowerBound), result.ProvenOptimal ? "yes" : "no", result.Method,
                    greedy is null || greedy.Cost == 0 ? "-" : Percent(ours, greedy.Cost), I(weak), I(step), I(disjoint), I(strong), bounds.LpCut ? "-" : I(lp), MarkdownTable.Seconds(seconds),
                    MarkdownTable.Seconds(cpuSeconds), Units(result.Work), verdict);
            }
        }
        output.Write(table.ToString());
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<(string Name, Problem Problem)> Instances(HarnessArguments args)
    {
        if (args.RealModels)
        {
            foreach (var instance in RealModelInstances(args)) yield return instance;
            yield break;
        }
        if (args.Generated && args.Shapes.Count > 0)
        {
            // Other shapes (--shapes=...): each size with seeds seed, seed + 1, ... (--runs), its live set a sixteenth of
            // its buffers (--live to set one).
            foreach (var shape in args.Shapes)
            {
                foreach (int size in args.SizesGiven ? args.Sizes : [128, 256, 512])
                {
                    for (int run = 0; run < args.Runs; run++)
                    {
                        ulong seed = args.Seed + (ulong)run;
                        var parameters = args.Shape with
                        {
                            Shape = shape,
                            Buffers = size,
                            LiveSet = args.LiveSetsGiven ? args.LiveSets[0] : Math.Max(2, size / 16),
                            Seed = seed,
                        };
                        yield return (FormattableString.Invariant($"{Generators.ShapeNames.Name(shape)} {size} #{seed}"), Generators.ShapeProblemGenerator.Generate(parameters));
                    }
                }
            }
            yield break;
        }
        if (args.Generated)
        {
            foreach (int size in args.SizesGiven ? args.Sizes : [250, 1000])
            {
                yield return (FormattableString.Invariant($"network {size}"), Generators.NetworkProblemGenerator.Generate(size, args.Seed, 1.0));
            }
            yield break;
        }
        foreach (var instance in BenchmarkInstance.InFolder(SolveCommand.BenchmarkFolder(args), args.Capacity, args.Only))
        {
            yield return (instance.Name, instance.Load());
        }
    }

    // A three-level hierarchy (--hierarchy): the fast bytes split evenly between an L1 (cost 0) and an L2 (cost 1),
    // beside an unlimited DRAM (cost 4); each buffer's weight its size times an access count of 1 to 4 (a fixed
    // function of its index, as a lowering step that counts reads would give), so weights and sizes disagree.
    private static PoolProblem Hierarchy(Problem problem, long fast, long total)
    {
        var pools = new Pool[] { new("l1", fast / 2, 1, 0), new("l2", fast - fast / 2, 1, 1), new("dram", total, 1, 4) };
        var buffers = problem.Buffers;
        ulong all = PoolProblem.AllPools(pools.Length);
        var weights = buffers.Select((b, k) => b.Size * (long)(1 + (uint)(k * 2654435761u) % 4)).ToArray();
        return new PoolProblem(pools, buffers, [.. buffers.Select(_ => all)], weights);
    }

    // The real ONNX models (--only=KEY,...), each lowered without sharing and with every kind of it, read back from
    // its lifetimes file as minimalloc reads it (aliases included).
    private static IEnumerable<(string Name, Problem Problem)> RealModelInstances(HarnessArguments args)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"mm-pools-models-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var model in RealModelCatalog.Lowering.Where(m => args.Only.Count == 0 || args.Only.Contains(m.Key)))
            {
                if (ModelCache.TryGet(model, out string? reason) is not { } path)
                {
                    Console.Error.WriteLine($"{model.Key}: skipped: {reason}");
                    continue;
                }
                foreach (var level in new[] { ViewLevel.None, ViewLevel.All })
                {
                    var lowered = OnnxLowering.Lower(new LoweringRequest(path) { Shapes = model.Shapes, Views = level }).Model
                        ?? throw new InvalidOperationException($"{model.Key} does not lower");
                    string lifetimes = Path.Combine(folder, $"{model.Key}.{ViewLevels.Word(level)}.lifetimes.json");
                    LoweringOutputs.Write(lowered, lifetimes, null);
                    var read = Planning.LifetimesReader.Read(lifetimes);
                    yield return ($"{model.Key} ({ViewLevels.Word(level)})", read.Problem ?? throw new InvalidOperationException(string.Join("\n", read.Diagnostics)));
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string I(long value) => MarkdownTable.Integer(value);

    // Work units in millions (the planner's WorkBudget counts them).
    private static string Units(long units) => (units / 1e6).ToString("0", CultureInfo.InvariantCulture) + "M";

    private static string Percent(long ours, long greedy) => (100.0 * ours / greedy).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
