using MiniMalloc.Onnx.Format;
using MiniMalloc.Onnx.Lowering;
using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// Static shape inference: every value's element type and shape from the graph inputs' bound shapes, the
/// initializers' dims and one rule per operator, walked in dependency order (weights first, then the steps). Where
/// an operator has no rule here, the model's value_info supplies the shape if it is static once the symbolic
/// names are bound; where both exist they must agree. A step output whose shape stays unknown is an error naming
/// the node and why (the root cause may be an earlier node); a weight's unknown shape matters only if a step needs
/// it.
/// </summary>
internal sealed class ShapeInference
{
    private readonly OnnxGraph _graph;
    private readonly InputBinding _binding;
    private readonly Dictionary<string, ValueFacts> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unknown = new(StringComparer.Ordinal);

    private ShapeInference(OnnxGraph graph, InputBinding binding)
    {
        _graph = graph;
        _binding = binding;
    }

    /// <summary>How many output shapes came from a rule and how many from value_info.</summary>
    public (int Inferred, int FromValueInfo) Counts { get; private set; }

    /// <summary>The facts of <paramref name="value"/> (known for every runtime input, initializer and step output).</summary>
    public ValueFacts this[string value] => _facts[value];

    /// <summary>The facts of <paramref name="value"/>, or null when they are unknown (a weight nothing needed).</summary>
    public ValueFacts? TryGet(string value) => _facts.GetValueOrDefault(value);

    /// <summary>The standard operator set's version the rules ran with.</summary>
    public long Opset => _graph.Opset;

    /// <summary>Infers every value of <paramref name="graph"/>; throws at the first step output it cannot determine.</summary>
    public static ShapeInference Run(OnnxGraph graph, GraphSchedule schedule, InputBinding binding)
    {
        var inference = new ShapeInference(graph, binding);
        inference.Walk(schedule);
        return inference;
    }

    private void Walk(GraphSchedule schedule)
    {
        foreach (var input in _graph.RuntimeInputs)
        {
            _facts[input.Name] = new ValueFacts(input.Type.TensorType.ElemType, _binding.Dims[input.Name]);
        }
        var external = new ExternalData(_graph.ModelPath);
        foreach (var (name, tensor) in _graph.Initializers)
        {
            if (tensor.DataLocation == TensorProto.Types.DataLocation.External) external.Check(tensor);
            _facts[name] = TensorData.Facts(tensor, external.Read);
        }
        foreach (var (name, tensor) in _graph.SparseInitializers)
        {
            _facts[name] = new ValueFacts(tensor.Values?.DataType ?? 0, [.. tensor.Dims]);
        }
        int inferred = 0, declared = 0;
        foreach (var node in schedule.Weights) Infer(node, required: false, ref inferred, ref declared);
        foreach (var node in schedule.Steps) Infer(node, required: true, ref inferred, ref declared);
        Counts = (inferred, declared);
    }

    private void Infer(GraphNode node, bool required, ref int inferred, ref int declared)
    {
        var context = new NodeContext(node, _graph.Opset, v => _facts.GetValueOrDefault(v));
        string? reason = null;
        if (ShapeRules.Find(node.Domain, node.OpType) is { } rule)
        {
            try
            {
                rule(context);
            }
            catch (UnknownInputException e)
            {
                reason = e.DataDependent || !_unknown.TryGetValue(e.Value, out var root)
                    ? $"{node.Display}: {e.Message}"
                    : root;
            }
        }
        else
        {
            string op = node.Domain.Length == 0 ? node.OpType : $"{node.Domain}.{node.OpType}";
            reason = $"{node.Display}: operator {op} has no shape rule in minimalloc-onnx and the model's value_info gives no static shape for its outputs";
        }

        for (int i = 0; i < node.Outputs.Count; i++)
        {
            string output = node.Outputs[i];
            if (output.Length == 0) continue;
            var fromRule = reason is null ? context.Result(i) : null;
            var fromModel = Declared(output, required);
            if (fromRule is not null && fromModel is not null && !Agree(fromRule, fromModel))
            {
                throw new LoweringException(OnnxDiagnosticCodes.ValueInfoConflict,
                    $"{node.Display}: the model declares output \"{output}\" as {fromModel}, but the operator gives {fromRule}");
            }
            if (fromRule is not null) inferred++;
            else if (fromModel is not null) declared++;
            var facts = fromRule ?? fromModel;
            if (facts is not null)
            {
                _facts[output] = facts;
                continue;
            }
            string why = reason ?? $"{node.Display}: its operator gives no shape for output {i}";
            if (required)
            {
                throw new LoweringException(OnnxDiagnosticCodes.UnknownShape,
                    $"cannot determine the shape of \"{output}\", output of {node.Display}: {(why.StartsWith(node.Display, StringComparison.Ordinal) ? why[(node.Display.Length + 2)..] : "it depends on " + why)}. A model with static value_info for its values (ONNX shape inference adds it) lowers without these rules");
            }
            _unknown[output] = why;
        }
    }

    private static bool Agree(ValueFacts a, ValueFacts b) =>
        a.Dims.AsSpan().SequenceEqual(b.Dims) && (a.ElementType == b.ElementType || b.ElementType == 0);

    /// <summary>The value's declared shape when it is a tensor whose dims are all static once the symbols are bound.</summary>
    private ValueFacts? Declared(string value, bool required)
    {
        if (!_graph.DeclaredTypes.TryGetValue(value, out var type)) return null;
        if (type.TensorType is not { } tensor)
        {
            if (required) throw new LoweringException(OnnxDiagnosticCodes.NotTensor, $"value \"{value}\" is a {type.ValueCase}, not a tensor: only tensors can be planned");
            return null;
        }
        if (tensor.Shape is null) return null;
        var dims = new long[tensor.Shape.Dim.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            var d = tensor.Shape.Dim[i];
            if (d.HasDimValue && d.DimValue >= 0) dims[i] = d.DimValue;
            else if (d.HasDimParam && _binding.Symbols.TryGetValue(d.DimParam, out long bound)) dims[i] = bound;
            else return null;
        }
        return new ValueFacts(tensor.ElemType, dims);
    }
}
