using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// The other way to learn a model's shapes, measured against static inference: run it once with ONNX Runtime
/// (graph optimizations off, every node output made a graph output) on a deterministic input of the given shapes,
/// and read the shape of every output. Used by the tests as an independent oracle for the inferred shapes and by
/// the benchmark to time the alternative; never by the product (a native runtime, a run per lowering).
/// </summary>
public static class OnnxRuntimeShapes
{
    /// <summary>The shape of every node output (by value name) and the time to load and run the model.</summary>
    public static (IReadOnlyDictionary<string, long[]> Shapes, TimeSpan Elapsed) Run(string modelPath, LoweredModel lowered)
    {
        var clock = Stopwatch.StartNew();
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        var graph = model.Graph;
        var existing = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in graph.Node.SelectMany(n => n.Output).Where(o => o.Length > 0 && !existing.Contains(o)).Distinct().ToList())
        {
            graph.Output.Add(new ValueInfoProto { Name = name });
        }
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model.ToByteArray(), options);

        var inputs = DummyInputs.Create(graph, lowered);
        var names = inputs.Select(i => i.Name).ToList();
        var values = inputs.Select(i => i.Value).ToList();
        try
        {
            using var run = new RunOptions();
            var outputNames = session.OutputNames;
            using var outputs = session.Run(run, names, values, outputNames);
            var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
            for (int i = 0; i < outputNames.Count; i++)
            {
                if (outputs[i].IsTensor) shapes[outputNames[i]] = outputs[i].GetTensorTypeAndShape().Shape;
            }
            return (shapes, clock.Elapsed);
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }
}
