using MiniMalloc.Onnx.Output;
using MiniMalloc.Onnx.RealModels;

namespace MiniMalloc.Onnx.Tests;

/// <summary>
/// The real models of the catalog, each: lowered, its lifetimes file read back and planned as minimalloc does
/// (valid, and at its proven optimum where the live-size bound is tight), its shapes equal to those ONNX Runtime
/// computes when it runs the model, and its schedule replayed over the planned arena (every read finds the data
/// its producer wrote). A replay over a plan made from a lifetime that ends one step early must fail.
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
        var result = OnnxLowering.Lower(new LoweringRequest(path) { Shapes = model.Shapes });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var lowered = result.Model!;
        Assert.Equal(steps, lowered.Steps.Count);
        Assert.Equal(buffers, lowered.Buffers.Count);

        // Every size agrees with the shape ONNX Runtime computes by running the model.
        var (actual, _) = OnnxRuntimeShapes.Run(path, lowered);
        foreach (var buffer in lowered.Buffers.Where(b => b.Role != BufferRole.Input))
        {
            Assert.True(actual.TryGetValue(buffer.Id, out var shape), $"ONNX Runtime gave no output {buffer.Id}");
            Assert.True(shape.SequenceEqual(buffer.Shape), $"{buffer.Id}: inferred [{string.Join(",", buffer.Shape)}], ONNX Runtime [{string.Join(",", shape)}]");
        }

        // The file is accepted as it is and planned; the plan is valid and replays cleanly.
        string lifetimes = _folder.File($"{key}.lifetimes.json");
        LoweringOutputs.Write(lowered, lifetimes, null);
        var plan = LoweredPlan.Minimize(lifetimes);
        Assert.True(plan.Valid);
        var (maxLive, _) = lowered.MaxLive;
        Assert.Equal(maxLive, plan.LowerBound);
        Assert.True(plan.ProvenOptimal, $"{key}: height {plan.Height}, lower bound {plan.LowerBound}");
        Assert.Null(ScheduleReplay.Run(lowered, plan.Offsets, plan.Height));

        // The greedy baseline is a valid plan too, and never better than the proven optimum.
        var (greedyOffsets, greedyHeight) = GreedyBySize.Plan([.. lowered.Buffers.Select(b => (b.Start, b.End, b.Size))]);
        Assert.True(greedyHeight >= plan.Height);
        var greedy = lowered.Buffers.Select((b, i) => (b.Id, greedyOffsets[i])).ToDictionary(p => p.Id, p => p.Item2);
        Assert.Null(ScheduleReplay.Run(lowered, greedy, greedyHeight));

        // A lifetime that ends one step early: a buffer read at its last step is cut short, and the output of
        // that very step is put on its bytes (which the cut lifetimes allow). The replay catches it.
        var victim = lowered.Buffers.First(b => b.End - b.Start >= 2 && b.Role == BufferRole.Intermediate
            && lowered.Steps[(int)b.End - 1].Writes.Any(w => lowered.Buffers.Single(o => o.Id == w).Size <= b.Size));
        var step = lowered.Steps[(int)victim.End - 1];
        string intruder = step.Writes.First(w => lowered.Buffers.Single(o => o.Id == w).Size <= victim.Size);
        var corrupted = new Dictionary<string, long>(plan.Offsets) { [intruder] = plan.Offsets[victim.Id] };
        string? failure = ScheduleReplay.Run(lowered, corrupted, plan.Height);
        Assert.NotNull(failure);
        Assert.Contains($"step {step.Index}", failure);
    }
}
