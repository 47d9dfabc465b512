using System.Globalization;
using Lowering.Lifetimes;
using Lowering.Model;
using MiniMalloc.Onnx;
using MiniMalloc.Onnx.RealModels;
using MiniMalloc.Planning;
using OnnxViews = MiniMalloc.Onnx.ViewLevel;
using SampleViews = Lowering.Lifetimes.ViewLevel;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// What sharing memory saves: every model (the sample models, lowered by the sample's lowering step, and the real
/// ONNX models of the catalog, lowered by minimalloc-onnx's library) lowered four times, with every value a buffer of
/// its own (<c>none</c>), views as aliases (<c>views</c>), also elementwise outputs written in place
/// (<c>in-place</c>), and also Concat inputs produced into their slices (<c>all</c>), each planned as
/// <c>minimalloc --minimize-capacity</c> plans it, beside its lower bounds and the greedy-by-size plan of the same
/// aliases. A real model missing from the model cache that cannot be fetched is left out, saying why.
/// </summary>
internal static class AliasesCommand
{
    private static readonly (string Name, SampleViews Sample, OnnxViews Onnx)[] Levels =
    [
        ("none", SampleViews.None, OnnxViews.None), ("views", SampleViews.Views, OnnxViews.Views),
        ("in-place", SampleViews.InPlace, OnnxViews.InPlace), ("all", SampleViews.All, OnnxViews.All),
    ];

    public static int Run(HarnessArguments args, TextWriter output, TextWriter progress)
    {
        var table = new MarkdownTable("model", "sharing", "buffers", "aliases", "max live", "lower bound", "minimalloc arena",
                "proven optimal", "greedy by size", "arena vs none", "validation")
            .Numeric(2, 3, 4, 5, 6, 8, 9);
        string folder = Path.Combine(Path.GetTempPath(), $"mm-aliases-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        int failures = 0;
        try
        {
            foreach (var (model, lower) in Models(args, progress))
            {
                long? none = null;
                foreach (var level in Levels)
                {
                    string name = level.Name;
                    progress.WriteLine($"{model}: {name}");
                    string path = Path.Combine(folder, $"{model}.{name}.lifetimes.json");
                    File.WriteAllText(path, lower(level));
                    var row = Plan(path, args.MinimizeOptions.NodeBudget);
                    none ??= row.Arena;
                    if (!row.Valid) failures++;
                    table.Add(model, name, N(row.Buffers), N(row.Aliases), N(row.MaxLive), N(row.LowerBound), N(row.Arena),
                        row.Proven ? "yes" : "no", N(row.Greedy), Percent(row.Arena, none.Value), row.Valid ? "ok" : "INVALID");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        output.Write(table.ToString());
        return failures == 0 ? 0 : 1;
    }

    private sealed record Row(int Buffers, int Aliases, long MaxLive, long LowerBound, long Arena, bool Proven, long Greedy, bool Valid);

    // The planner's pipeline, as minimalloc --minimize-capacity runs it (with no ceiling: a model may need more than
    // its capacity without sharing; --node-budget as minimalloc's); the exact live bytes and the greedy plan beside.
    private static Row Plan(string lifetimes, long? nodeBudget)
    {
        var outcome = Planner.Run(new PlanRequest
        {
            InputPath = lifetimes,
            MinimizeCapacity = true,
            Capacity = Capacity.Of(Capacity.MaxBytes),
            MinimizeNodes = nodeBudget is { } nodes ? NodeBudget.Of(nodes) : null,
        });
        var summary = outcome.Summary ?? throw new InvalidOperationException(string.Join("\n", outcome.Diagnostics));
        var problem = LifetimesReader.Read(lifetimes).Problem!;
        var greedyPlan = GreedyBySize.Plan(problem);
        var (greedy, greedyValid) = (greedyPlan.Height, Validator.Validate(problem.WithCapacity(greedyPlan.Height), greedyPlan).IsValid);
        return new Row(problem.Buffers.Count, problem.Buffers.Count(b => b.Alias is not null), LiveProfile.Of(problem).Peak,
            summary.LowerBound, summary.Peak, summary.ProvenOptimal, greedy, outcome.Succeeded && greedyValid);
    }

    // The sample models, lowered by the sample's own lowering step, then the real ONNX models; --only picks some.
    private static IEnumerable<(string Model, Func<(string Name, SampleViews Sample, OnnxViews Onnx), string> Lower)> Models(HarnessArguments args, TextWriter progress)
    {
        string root = RepositoryLocator.FindRoot() ?? throw new IOException("the repository root (MiniMalloc.Build.sln) is not above this folder");
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "samples", "models"), "*.model.json").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file)[..^".model.json".Length];
            if (!Selected(args, name)) continue;
            var model = ModelReader.Read(file);
            var steps = Scheduler.Order(model);
            yield return (name, level => Lowering.Output.LifetimesWriter.Render(LifetimeBuilder.Build(model, steps, level.Sample)));
        }
        foreach (var model in RealModelCatalog.Lowering.Where(m => Selected(args, m.Key)))
        {
            if (ModelCache.TryGet(model, out string? reason) is not { } path)
            {
                progress.WriteLine($"{model.Key}: left out: {reason}");
                continue;
            }
            yield return (model.Key, level =>
            {
                var lowered = OnnxLowering.Lower(new LoweringRequest(path) { Shapes = model.Shapes, Views = level.Onnx });
                return MiniMalloc.Onnx.Output.LifetimesWriter.Render(lowered.Model ?? throw new InvalidOperationException($"{model.Key} does not lower: {string.Join("; ", lowered.Diagnostics)}"));
            });
        }
    }

    private static bool Selected(HarnessArguments args, string name) => args.Only.Count == 0 || args.Only.Any(o => name.StartsWith(o, StringComparison.Ordinal));

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(long value, long baseline) => value == baseline
        ? "="
        : string.Create(CultureInfo.InvariantCulture, $"{(value - baseline) * 100.0 / baseline:+0.0;-0.0} %");
}
