using MiniMalloc.Onnx.Output;
using MiniMalloc.Onnx.RealModels;

namespace MiniMalloc.Onnx.Tests;

/// <summary>
/// The real models of the catalog, each: lowered, its lifetimes file read back and planned as minimalloc does
/// (valid, and at its proven optimum where the live-size bound is tight), its shapes equal to those ONNX Runtime
/// computes when it runs the model, and its schedule replayed over the planned arena (every read finds the data
/// its producer wrote), at every level of sharing bytes. A replay over a plan made from a lifetime that ends one
/// step early must fail. Without sharing and with all of it, each is also planned into two memory pools and run over
/// both.
/// </summary>
public sealed class RealModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [RealModelFact("hello_deepa")] public void Wake_word_classifier() => Check("hello_deepa", steps: 25, buffers: 26);

    [RealModelFact("melspectrogram")] public void Audio_front_end() => Check("melspectrogram", steps: 20, buffers: 21);

    [RealModelFact("speech_embedding")] public void Speech_embedding() => Check("speech_embedding", steps: 65, buffers: 66);

    [RealModelFact("ocr_det")] public void Text_detection() => Check("ocr_det", steps: 330, buffers: 331);

    [RealModelFact("ocr_rec")] public void Text_recognition() => Check("ocr_rec", steps: 425, buffers: 426);

    [RealModelFact("ocr_cls")] public void Text_direction() => Check("ocr_cls", steps: 220, buffers: 221);

    [RealModelFact("silero_vad_v5")]
    public void Control_flow_is_rejected_naming_the_node()
    {
        var model = RealModelCatalog.Get("silero_vad_v5");
        var result = OnnxLowering.Lower(new LoweringRequest(ModelCache.TryGet(model, out _)!) { Shapes = model.Shapes });
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(model.RejectedWith, error.Code);
        Assert.StartsWith("node \"If_0\" (If): holds a subgraph", error.Message);
    }

    private void Check(string key, int steps, int buffers)
    {
        var model = RealModelCatalog.Get(key);
        string path = ModelCache.TryGet(model, out string? reason) ?? throw new InvalidOperationException(reason);
        var result = OnnxLowering.Lower(new LoweringRequest(path) { Shapes = model.Shapes, Views = ViewLevel.None });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var lowered = result.Model!;
        Assert.Equal(steps, lowered.Steps.Count);
        Assert.Equal(buffers, lowered.Buffers.Count);
        Assert.Equal(0, lowered.AliasCount);

        // Every size agrees with the shape ONNX Runtime computes by running the model.
        var (actual, _) = OnnxRuntimeShapes.Run(path, lowered);
        foreach (var buffer in lowered.Buffers.Where(b => b.Role != BufferRole.Input))
        {
            Assert.True(actual.TryGetValue(buffer.Id, out var shape), $"ONNX Runtime gave no output {buffer.Id}");
            Assert.True(shape.SequenceEqual(buffer.Shape), $"{buffer.Id}: inferred [{string.Join(",", buffer.Shape)}], ONNX Runtime [{string.Join(",", shape)}]");
        }

        // Every level of sharing: the file is accepted as it is and planned; the plan is valid, at its proven
        // optimum, never above the plan without sharing nor above the greedy plan of the same aliases, and replays
        // cleanly, as the greedy plan does.
        long? unshared = null;
        foreach (var level in new[] { ViewLevel.None, ViewLevel.Views, ViewLevel.InPlace, ViewLevel.All })
        {
            var shared = level == ViewLevel.None ? lowered : OnnxLowering.Lower(new LoweringRequest(path) { Shapes = model.Shapes, Views = level }).Model!;
            Assert.Equal(lowered.Buffers.Select(b => (b.Id, b.Start, b.End, b.Size)), shared.Buffers.Select(b => (b.Id, b.Start, b.End, b.Size)));
            string lifetimes = _folder.File($"{key}.{ViewLevels.Word(level)}.lifetimes.json");
            LoweringOutputs.Write(shared, lifetimes, null);
            // At the minimizer's default budget, as minimalloc and the build plan it.
            var plan = LoweredPlan.Minimize(lifetimes);
            Assert.True(plan.Valid, $"{key} {level}");
            Assert.Equal(shared.MaxLive.Bytes, plan.LowerBound);
            Assert.True(plan.ProvenOptimal, $"{key} {level}: height {plan.Height}, lower bound {plan.LowerBound}");
            Assert.Null(ScheduleReplay.Run(shared, plan.Offsets, plan.Height));
            unshared ??= plan.Height;
            Assert.True(plan.Height <= unshared, $"{key} {level}: {plan.Height} bytes, {unshared} without sharing");

            var greedy = GreedyBySize.Plan(plan.Problem);
            Assert.True(greedy.Height >= plan.Height, $"{key} {level}: greedy {greedy.Height}, minimalloc {plan.Height}");
            Assert.Null(ScheduleReplay.Run(shared, LoweredPlan.OffsetsById(plan.Problem, greedy), greedy.Height));
            CorruptionIsCaught(shared, plan);

            // With everything shared, ONNX Runtime runs the model node by node inside the planned arena, views and
            // slices in place and in-place outputs over their inputs, and computes what it computes without.
            if (level == ViewLevel.All) Assert.Null(ArenaExecution.Run(path, shared, plan.Offsets, plan.Height));

            // Without sharing and with all of it, the model also in two memory pools: a fast one of half its peak,
            // a slow one for the rest.
            if (level is ViewLevel.None or ViewLevel.All) CheckInTwoPools(path, shared, lifetimes, level == ViewLevel.All);
        }
    }

    // The plan in two pools is valid where it matters: the schedule replays over both pools (laid side by side in one
    // address space), every alias is in its owner's pool, the cost is at least what must leave the fast pool at the
    // busiest step and equal to the reported bound (proven optimal), and, with everything shared, ONNX Runtime computes the model
    // inside the two arenas as it does without them.
    private static void CheckInTwoPools(string modelPath, LoweredModel lowered, string lifetimes, bool execute)
    {
        long peak = lowered.MaxLive.Bytes;
        long fast = peak / 2 / PooledPlan.Alignment * PooledPlan.Alignment;
        long slow = lowered.Buffers.Sum(b => b.Size + PooledPlan.Alignment);
        var plan = PooledPlan.Plan(lifetimes, fast, slow);
        var figures = plan.Figures;
        Assert.True(figures.CostLowerBound >= peak - fast, $"bound {figures.CostLowerBound} below the bytes that must leave the fast pool, {peak - fast}: {figures.SummaryLine}");
        Assert.True(figures.Cost >= figures.CostLowerBound, figures.SummaryLine);
        // On these networks what exceeds the fast pool at the busiest steps decides what spills, aliases or not.
        Assert.True(figures.ProvenOptimal, figures.SummaryLine);
        Assert.True(figures.FastHeight is > 0 && figures.FastHeight <= fast, figures.SummaryLine);
        // Each buffer's weight is its size (the lowering gives none), an alias's too (an alias group weighs what its
        // members do): the cost is what the slow pool's buffers weigh.
        Assert.Equal(figures.Cost, lowered.Buffers.Where(b => plan.PoolOf[b.Id] == PooledPlan.Slow).Sum(b => b.Size));
        foreach (var buffer in lowered.Buffers.Where(b => b.Alias is not null))
        {
            Assert.Equal(plan.PoolOf[buffer.Alias!.Owner], plan.PoolOf[buffer.Id]);
        }
        Assert.Null(ScheduleReplay.Run(lowered, plan.Addresses, plan.AddressSpace));
        if (execute) Assert.Null(ArenaExecution.Run(modelPath, lowered, plan.Addresses, plan.AddressSpace));
    }

    // A lifetime that ends one step early: a buffer read at its last step is cut short, and an output of that very
    // step that writes bytes (no view) and does not share the victim's by design is put on them (which the cut
    // lifetimes allow). The replay catches it, with or without aliases elsewhere.
    private static void CorruptionIsCaught(LoweredModel lowered, LoweredPlan plan)
    {
        var byId = lowered.Buffers.ToDictionary(b => b.Id);
        string Root(string id) => byId[id].Alias is { } alias ? Root(alias.Owner) : id;
        var (victim, intruder) = lowered.Buffers
            .Where(b => b.End - b.Start >= 2 && b.Role == BufferRole.Intermediate)
            .SelectMany(b => lowered.Steps[(int)b.End - 1].Writes.Select(w => (Victim: b, Intruder: byId[w])))
            .First(p => p.Intruder.Size <= p.Victim.Size && p.Intruder.Alias is not { Kind: AliasKind.View } && Root(p.Intruder.Id) != Root(p.Victim.Id));
        var step = lowered.Steps[(int)victim.End - 1];
        var corrupted = new Dictionary<string, long>(plan.Offsets) { [intruder.Id] = plan.Offsets[victim.Id] };
        string? failure = ScheduleReplay.Run(lowered, corrupted, plan.Height);
        Assert.NotNull(failure);
        Assert.Contains($"step {step.Index}", failure);
    }
}
