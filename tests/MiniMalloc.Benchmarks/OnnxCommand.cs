using System.Diagnostics;
using System.Globalization;
using MiniMalloc.Onnx;
using MiniMalloc.Onnx.Output;
using MiniMalloc.Onnx.RealModels;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// The real ONNX models of the catalog (fetched into the model cache): lowered by minimalloc-onnx's library with
/// every value a buffer of its own (<c>--views=none</c>; the aliases command compares the sharing levels),
/// planned as <c>minimalloc --minimize-capacity</c> plans them, and compared with the greedy-by-size plan of the
/// same lifetimes (what TensorFlow Lite Micro's and XLA's planners do). Also times the alternative to static shape
/// inference: one ONNX Runtime run of the model with every value as an output.
/// </summary>
internal static class OnnxCommand
{
    public static int Run(HarnessArguments args, TextWriter output, TextWriter progress)
    {
        var table = new MarkdownTable("model", "kind", "nodes", "steps", "buffers", "sum of sizes", "max live",
                "minimalloc arena", "proven optimal", "greedy by size", "greedy over optimum", "lowering (ms)",
                "planning (ms)", "ONNX Runtime run (ms)", "validation")
            .Numeric(2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13);
        string folder = Path.Combine(Path.GetTempPath(), $"mm-onnx-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        int failures = 0;
        try
        {
            foreach (var model in RealModelCatalog.Lowering.Where(m => args.Only.Count == 0 || args.Only.Contains(m.Key)))
            {
                if (ModelCache.TryGet(model, out string? reason) is not { } path)
                {
                    progress.WriteLine($"{model.Key}: skipped: {reason}");
                    continue;
                }
                progress.WriteLine($"{model.Key}: {model.Package}@{model.Version} {model.PathInPackage}");
                // Every value a buffer of its own: the lowering's lifetimes as they are; what sharing bytes saves
                // is the aliases command's table.
                var request = new LoweringRequest(path) { Shapes = model.Shapes, Views = ViewLevel.None };
                var lowered = OnnxLowering.Lower(request).Model ?? throw new InvalidOperationException($"{model.Key} does not lower");
                var times = new List<double>();
                for (int run = 0; run < Math.Max(args.Runs, 1); run++)
                {
                    var clock = Stopwatch.StartNew();
                    lowered = OnnxLowering.Lower(request).Model!;
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                string lifetimes = Path.Combine(folder, model.Key + ".lifetimes.json");
                LoweringOutputs.Write(lowered, lifetimes, null);
                var plan = LoweredPlan.Minimize(lifetimes);
                long greedy = GreedyBySize.Plan(plan.Problem).Height;
                var (_, ortTime) = OnnxRuntimeShapes.Run(path, lowered);
                bool replay = ScheduleReplay.Run(lowered, plan.Offsets, plan.Height) is null;
                if (!plan.Valid || !replay) failures++;
                var (maxLive, _) = lowered.MaxLive;
                table.Add(model.Key, model.Kind, N(lowered.NodeCount), N(lowered.Steps.Count), N(lowered.Buffers.Count),
                    N(lowered.SumOfSizes), N(maxLive), N(plan.Height), plan.ProvenOptimal ? "yes" : "no", N(greedy),
                    string.Create(CultureInfo.InvariantCulture, $"{(double)(greedy - plan.Height) / plan.Height * 100:F1} %"),
                    Ms(Median(times)), Ms(plan.Elapsed.TotalMilliseconds), Ms(ortTime.TotalMilliseconds),
                    plan.Valid && replay ? "ok" : plan.Valid ? "REPLAY FAILED" : "INVALID");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        output.Write(table.ToString());
        return failures == 0 ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
}
