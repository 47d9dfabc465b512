using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// Runs a lowered model with ONNX Runtime node by node inside its planned arena, as a firmware would: every planned
/// value's bytes live only in one byte array at its planned offset, each step's node reads its inputs from there and
/// its outputs are written there. Shared bytes run as designed: a view writes nothing (its bytes must already hold
/// what the operator computes, which checks the view's offset against the operator's own semantics), a Concat finds
/// its slices already in place (the bytes there must already be its output's) and writes the rest, an in-place
/// output is written over its input after the node has read it.
/// <para>Each node also runs on private copies of its inputs (the values as computed without any arena); the two
/// results must be identical, so the first step whose inputs the arena corrupted is named. At the end, the graph
/// outputs read from the arena must equal those of one ordinary ONNX Runtime run of the whole model. Test-only: a
/// session per node, graph optimizations off, one thread.</para>
/// </summary>
public static class ArenaExecution
{
    /// <summary>Null when the arena run computes what ONNX Runtime computes; else the first difference.</summary>
    public static string? Run(string modelPath, LoweredModel lowered, IReadOnlyDictionary<string, long> offsets, long arenaSize)
    {
        ArgumentNullException.ThrowIfNull(lowered);
        ArgumentNullException.ThrowIfNull(offsets);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        var graph = model.Graph;
        var buffers = lowered.Buffers.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var slicesOf = lowered.Buffers.Where(b => b.Alias is { Kind: AliasKind.Slice }).ToLookup(b => b.Alias!.Owner, StringComparer.Ordinal);

        // The whole model once: every value that is not planned (weights computed by nodes, zero-size values) and
        // the graph outputs, to compare with.
        var reference = Reference(model, lowered, buffers, out var inputs);
        var arena = new byte[arenaSize];
        var privateCopies = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var (name, value) in inputs)
        {
            value.Bytes.CopyTo(arena.AsSpan(checked((int)offsets[name])));
            privateCopies[name] = value;
        }

        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        foreach (var step in lowered.Steps)
        {
            var node = graph.Node[step.NodeIndex];
            var fed = node.Input.Where(i => i.Length > 0 && !initializers.ContainsKey(i)).Distinct().ToList();
            var single = SingleNode(model, node, fed.Select(i => (i, privateCopies.TryGetValue(i, out var v) ? v : reference[i])), initializers);
            using var session = new InferenceSession(single.ToByteArray(), options);
            var outputNames = node.Output.Where(o => o.Length > 0).ToList();

            var fromArena = Execute(session, fed, outputNames, i => buffers.ContainsKey(i)
                ? privateCopies[i] with { Bytes = arena.AsSpan(checked((int)offsets[i]), checked((int)buffers[i].Size)).ToArray() }
                : reference[i]);
            var fromCopies = Execute(session, fed, outputNames, i => privateCopies.TryGetValue(i, out var v) ? v : reference[i]);
            for (int k = 0; k < outputNames.Count; k++)
            {
                string name = outputNames[k];
                if (!fromArena[k].Bytes.AsSpan().SequenceEqual(fromCopies[k].Bytes))
                {
                    return $"step {step.Index} ({step.OpType} {step.Name}): \"{name}\" differs from the same node run on private copies of its inputs: the arena corrupted an input";
                }
                if (!buffers.TryGetValue(name, out var buffer)) continue;
                privateCopies[name] = fromCopies[k];
                var bytes = fromArena[k].Bytes;
                var place = arena.AsSpan(checked((int)offsets[name]), bytes.Length);
                if (buffer.Alias is { Kind: AliasKind.View })
                {
                    if (!place.SequenceEqual(bytes)) return $"step {step.Index} ({step.OpType} {step.Name}): view \"{name}\" does not hold what the operator computes at its offset";
                    continue;
                }
                foreach (var slice in slicesOf[name])
                {
                    var range = Range.StartAt((int)slice.Alias!.Offset);
                    if (!place[range][..(int)slice.Size].SequenceEqual(bytes.AsSpan(range)[..(int)slice.Size]))
                    {
                        return $"step {step.Index} ({step.OpType} {step.Name}): slice \"{slice.Id}\" was not produced into its place in \"{name}\"";
                    }
                }
                bytes.CopyTo(place);
            }
            foreach (var dead in privateCopies.Keys.Where(v => buffers.TryGetValue(v, out var b) && b.End <= step.Index + 1 && b.Role != BufferRole.Output).ToList())
            {
                privateCopies.Remove(dead);
            }
        }

        foreach (var output in lowered.Buffers.Where(b => b.Role == BufferRole.Output))
        {
            var want = reference[output.Id];
            var got = arena.AsSpan(checked((int)offsets[output.Id]), checked((int)output.Size));
            if (!Close(got, want)) return $"graph output \"{output.Id}\" read from the arena differs from ONNX Runtime's run of the whole model";
        }
        return null;
    }

    /// <summary>A tensor's element type, shape and bytes.</summary>
    private sealed record Value(TensorElementType Type, long[] Shape, byte[] Bytes);

    private static Dictionary<string, Value> Reference(ModelProto model, LoweredModel lowered, Dictionary<string, LoweredBuffer> buffers, out List<(string Name, Value Value)> inputs)
    {
        var whole = model.Clone();
        var existing = whole.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in whole.Graph.Node.SelectMany(n => n.Output).Where(o => o.Length > 0 && !existing.Contains(o) && !buffers.ContainsKey(o)).Distinct().ToList())
        {
            whole.Graph.Output.Add(new ValueInfoProto { Name = name });
        }
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(whole.ToByteArray(), options);
        var dummy = DummyInputs.Create(whole.Graph, lowered);
        try
        {
            inputs = [.. dummy.Select(d => (d.Name, Read(d.Value)))];
            using var run = new RunOptions();
            var names = session.OutputNames;
            using var outputs = session.Run(run, dummy.Select(d => d.Name).ToList(), dummy.Select(d => d.Value).ToList(), names);
            var values = new Dictionary<string, Value>(StringComparer.Ordinal);
            for (int i = 0; i < names.Count; i++) values[names[i]] = Read(outputs[i]);
            return values;
        }
        finally
        {
            foreach (var (_, value) in dummy) value.Dispose();
        }
    }

    // A model of one node: its fed inputs as graph inputs (typed and shaped), the initializers it reads, its outputs.
    private static ModelProto SingleNode(ModelProto model, NodeProto node, IEnumerable<(string Name, Value Value)> fed, Dictionary<string, TensorProto> initializers)
    {
        var single = new ModelProto { IrVersion = model.IrVersion, Graph = new GraphProto { Name = "step" } };
        single.OpsetImport.AddRange(model.OpsetImport);
        single.Graph.Node.Add(node);
        foreach (var (name, value) in fed)
        {
            var shape = new TensorShapeProto();
            shape.Dim.AddRange(value.Shape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
            single.Graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)value.Type, Shape = shape } } });
        }
        foreach (var name in node.Input.Where(initializers.ContainsKey).Distinct()) single.Graph.Initializer.Add(initializers[name]);
        foreach (var name in node.Output.Where(o => o.Length > 0)) single.Graph.Output.Add(new ValueInfoProto { Name = name });
        return single;
    }

    private static List<Value> Execute(InferenceSession session, List<string> fed, List<string> outputs, Func<string, Value> valueOf)
    {
        var values = new List<OrtValue>();
        try
        {
            foreach (var name in fed)
            {
                var value = valueOf(name);
                var tensor = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, value.Type, value.Shape);
                values.Add(tensor);
                value.Bytes.CopyTo(tensor.GetTensorMutableRawData());
            }
            using var run = new RunOptions();
            using var results = session.Run(run, fed, values, outputs);
            return [.. results.Select(Read)];
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    private static Value Read(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        return new Value(info.ElementDataType, info.Shape, value.GetTensorMutableRawData().ToArray());
    }

    // Two runs of the same kernels on the same data: equal, or for real numbers within rounding of each other.
    private static bool Close(ReadOnlySpan<byte> got, Value want)
    {
        if (got.SequenceEqual(want.Bytes)) return true;
        if (want.Type != TensorElementType.Float || got.Length != want.Bytes.Length) return false;
        var a = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(got);
        var b = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(want.Bytes);
        for (int i = 0; i < a.Length; i++)
        {
            if (Math.Abs(a[i] - b[i]) > 1e-5f * Math.Max(1f, Math.Abs(b[i]))) return false;
        }
        return true;
    }
}
