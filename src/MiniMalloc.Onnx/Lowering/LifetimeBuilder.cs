using MiniMalloc.Onnx.Model;
using MiniMalloc.Onnx.Shapes;

namespace MiniMalloc.Onnx.Lowering;

/// <summary>
/// Turns the schedule and the shapes into buffers, in two phases:
/// <list type="number">
/// <item>Value lifetimes. For every value the steps touch: written at its producer's step (graph inputs: 0),
/// live to one past the step of its last reader (exclusive end); a graph output lives to the end of the schedule;
/// a value nobody reads lives one step. Weights have no lifetime (they are not in the arena).</item>
/// <item>Buffer formation: each value with bytes is a buffer of its own size (element count x element size;
/// zero-size values are left out), and then, up to the requested <see cref="ViewLevel"/>, values that are the same
/// bytes become aliases of another (views, in-place outputs, Concat slices: <see cref="Sharing.BufferSharing"/>),
/// which changes neither phase 1 nor the buffers' lifespans.</item>
/// </list>
/// </summary>
internal static class LifetimeBuilder
{
    /// <summary>The lifetimes format's limits (MMB2019, MMB2020, MMB2022 of the planner), checked here so that a
    /// model the planner would reject fails at lowering, naming the value.</summary>
    private const int MaxBuffers = 1_000_000; // the lifetimes format's limit (LifetimesLimits.MaxBuffers)
    private const int MaxIdLength = 256;
    private const long MaxSize = 1L << 53;

    /// <summary>Builds the buffers and steps of <paramref name="graph"/> under <paramref name="schedule"/>.</summary>
    public static (IReadOnlyList<LoweredBuffer> Buffers, IReadOnlyList<LoweredStep> Steps) Build(
        OnnxGraph graph, GraphSchedule schedule, ShapeInference shapes, ViewLevel views)
    {
        var lifetimes = ValueLifetimes(graph, schedule);
        var buffers = Sharing.BufferSharing.Mark(schedule.Steps, FormBuffers(lifetimes, shapes), shapes, views);
        var planned = buffers.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var steps = schedule.Steps.Select((node, i) => new LoweredStep(
            i, node.Index, node.StepName, node.OpType,
            [.. node.Inputs.Where(planned.Contains)],
            [.. node.Outputs.Where(planned.Contains)])).ToList();
        return (buffers, steps);
    }

    /// <summary>
    /// Phase 2: the buffers. Each value with bytes is a buffer of its own, of its own size; values of zero size
    /// occupy nothing and are left out. Checked against the lifetimes format's limits here, naming the value.
    /// </summary>
    private static List<LoweredBuffer> FormBuffers(List<(string Value, long Start, long End, BufferRole Role)> lifetimes, ShapeInference shapes)
    {
        var buffers = new List<LoweredBuffer>();
        long total = 0;
        foreach (var (value, start, end, role) in lifetimes)
        {
            var facts = shapes[value];
            long? size = OnnxDataType.Bytes(facts.ElementType, facts.ElementCount, MaxSize);
            if (size is null)
            {
                if (OnnxDataType.BitsPerElement(facts.ElementType) == 0)
                {
                    throw new LoweringException(OnnxDiagnosticCodes.DataType,
                        $"value \"{value}\" has the element type {OnnxDataType.Name(facts.ElementType)}, which has no fixed size");
                }
                throw new LoweringException(OnnxDiagnosticCodes.Limit, $"value \"{value}\" ({facts}) is larger than 2^53 bytes");
            }
            if (size == 0) continue;
            if (value.Length > MaxIdLength)
            {
                throw new LoweringException(OnnxDiagnosticCodes.Limit, $"value \"{value[..40]}...\": its name has {value.Length} characters; buffer ids have at most {MaxIdLength}");
            }
            total += size.Value;
            if (total > MaxSize) throw new LoweringException(OnnxDiagnosticCodes.Limit, "the values' sizes add up to more than 2^53 bytes");
            buffers.Add(new LoweredBuffer(value, start, end, size.Value, OnnxDataType.Name(facts.ElementType), facts.Dims, role));
        }
        BufferIds.Check([.. buffers.Select(b => b.Id)]);
        if (buffers.Count > MaxBuffers)
        {
            throw new LoweringException(OnnxDiagnosticCodes.Limit, $"the model has {buffers.Count} values to plan; the lifetimes format takes at most {MaxBuffers}");
        }
        return buffers;
    }

    /// <summary>Phase 1: every non-weight value's half-open lifespan, ordered by start, then graph input order or
    /// output position.</summary>
    private static List<(string Value, long Start, long End, BufferRole Role)> ValueLifetimes(OnnxGraph graph, GraphSchedule schedule)
    {
        int count = schedule.Steps.Count;
        var lastRead = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int step = 0; step < count; step++)
        {
            foreach (var input in schedule.Steps[step].Inputs)
            {
                if (input.Length > 0) lastRead[input] = step;
            }
        }
        var outputs = graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        var result = new List<(string, long, long, BufferRole)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string value, int start, BufferRole role)
        {
            if (!seen.Add(value)) return;
            bool isOutput = outputs.Contains(value);
            long end = isOutput ? count : lastRead.TryGetValue(value, out int last) ? last + 1 : start + 1;
            Debug.Assert(end > start, "a value is read after it is written (the schedule is topological)");
            result.Add((value, start, end, isOutput ? BufferRole.Output : role));
        }
        foreach (var input in graph.RuntimeInputs) Add(input.Name, 0, BufferRole.Input);
        for (int step = 0; step < count; step++)
        {
            foreach (var output in schedule.Steps[step].Outputs)
            {
                if (output.Length > 0) Add(output, step, BufferRole.Intermediate);
            }
        }
        return result;
    }
}
