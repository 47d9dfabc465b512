using Microsoft.ML.OnnxRuntime;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.RealModels;

/// <summary>The deterministic input of every ONNX Runtime run of the tests: a sine wave for real inputs, ones for integer ones.</summary>
internal static class DummyInputs
{
    /// <summary>One value per graph input of <paramref name="graph"/> that is not an initializer, shaped as lowered.</summary>
    public static List<(string Name, OrtValue Value)> Create(GraphProto graph, LoweredModel lowered)
    {
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var values = new List<(string, OrtValue)>();
        foreach (var input in graph.Input.Where(i => !initializers.Contains(i.Name)))
        {
            var buffer = lowered.Buffers.Single(b => b.Id == input.Name);
            long[] dims = [.. buffer.Shape];
            int count = (int)dims.Aggregate(1L, (a, b) => a * b);
            values.Add((input.Name, buffer.ElementType switch
            {
                "float" => OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, count).Select(i => (float)Math.Sin(i * 0.01)).ToArray(), dims),
                "int64" => OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, count).ToArray(), dims),
                "int32" => OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1, count).ToArray(), dims),
                _ => throw new NotSupportedException($"input {input.Name}: element type {buffer.ElementType}"),
            }));
        }
        return values;
    }
}
