using MiniMalloc.Onnx.Lowering;
using MiniMalloc.Onnx.Model;
using MiniMalloc.Onnx.Shapes;

namespace MiniMalloc.Onnx;

/// <summary>
/// The lowering: reads an ONNX model, checks its graph, schedules its nodes, infers the static shapes, builds
/// one buffer per value and marks the values that share bytes (views, in-place outputs, Concat slices). What the command <c>minimalloc-onnx</c> and the MSBuild package run; the rules are in
/// docs/onnx.md and in the classes of each phase (<see cref="GraphSchedule"/>, <see cref="ShapeInference"/>,
/// <see cref="LifetimeBuilder"/>).
/// </summary>
public static class OnnxLowering
{
    /// <summary>Lowers <paramref name="request"/>. Never throws for bad input: errors come back as diagnostics.</summary>
    public static LoweringResult Lower(LoweringRequest request) => LowerCore(request, null);

    /// <summary>
    /// Lowers <paramref name="content"/> as the bytes of <paramref name="request"/>'s model file (which is not read;
    /// its folder still anchors external data). For callers that hold the bytes already, and for fuzzing.
    /// </summary>
    public static LoweringResult Lower(LoweringRequest request, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return LowerCore(request, content);
    }

    private static LoweringResult LowerCore(LoweringRequest request, byte[]? content)
    {
        ArgumentNullException.ThrowIfNull(request);
        string file = request.ModelPath;
        var warnings = new List<LoweringDiagnostic>();
        try
        {
            var proto = content is null ? ModelFile.Read(file, request.MaxFileBytes)
                : content.Length > request.MaxFileBytes ? throw new LoweringException(OnnxDiagnosticCodes.TooLarge, $"the model has {content.Length} bytes, more than the limit of {request.MaxFileBytes}")
                : ModelFile.Parse(content);
            var graph = OnnxGraph.Build(proto, file);
            var schedule = GraphSchedule.Build(graph);
            if (schedule.Warning is { } warning)
            {
                warnings.Add(new LoweringDiagnostic(OnnxDiagnosticCodes.Resorted, LoweringSeverity.Warning, file, warning));
            }
            if (schedule.Steps.Count == 0)
            {
                throw new LoweringException(OnnxDiagnosticCodes.NothingToPlan,
                    $"none of the {graph.Nodes.Count} nodes computes on a graph input: the model is all weights, there is nothing to plan");
            }
            var binding = InputBinding.Bind(graph, request.Shapes);
            var shapes = ShapeInference.Run(graph, schedule, binding);
            var (buffers, steps) = LifetimeBuilder.Build(graph, schedule, shapes, request.Views);
            var model = new LoweredModel
            {
                Name = request.Name ?? ModelName.FromFile(file),
                SourceFile = Path.GetFileName(file),
                Steps = steps,
                Buffers = buffers,
                NodeCount = graph.Nodes.Count,
                WeightNodeCount = schedule.Weights.Count,
                InitializerCount = graph.Initializers.Count + graph.SparseInitializers.Count,
                ShapeSources = shapes.Counts,
                Warnings = warnings,
            };
            return new LoweringResult(model, warnings);
        }
        catch (LoweringException e)
        {
            return new LoweringResult(null, [.. warnings, new LoweringDiagnostic(e.Code, LoweringSeverity.Error, file, e.Message)]);
        }
    }
}
