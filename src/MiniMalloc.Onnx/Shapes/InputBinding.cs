using MiniMalloc.Onnx.Format;
using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// The static shape of every graph input: the model's own dimensions, the caller's <see cref="InputShape"/>s for
/// symbolic or missing ones, and the symbolic names those bind ("batch" = 1 wherever the model says "batch", also
/// in value_info). A given shape must agree with every static dimension the model declares.
/// </summary>
internal sealed class InputBinding
{
    private InputBinding(Dictionary<string, long[]> dims, Dictionary<string, long> symbols)
    {
        Dims = dims;
        Symbols = symbols;
    }

    /// <summary>Each runtime input's dimensions.</summary>
    public IReadOnlyDictionary<string, long[]> Dims { get; }

    /// <summary>Symbolic dimension names and their sizes.</summary>
    public IReadOnlyDictionary<string, long> Symbols { get; }

    /// <summary>Binds <paramref name="given"/> to the inputs of <paramref name="graph"/>; throws on a contradiction or a gap.</summary>
    public static InputBinding Bind(OnnxGraph graph, IReadOnlyList<InputShape> given)
    {
        var inputs = graph.RuntimeInputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var byName = new Dictionary<string, InputShape>(StringComparer.Ordinal);
        foreach (var shape in given)
        {
            if (!inputs.ContainsKey(shape.Input))
            {
                string what = graph.IsInitializer(shape.Input) ? "is an initializer, not a runtime input" : "is not a graph input";
                throw new LoweringException(OnnxDiagnosticCodes.BadShape,
                    $"--shape={shape}: \"{shape.Input}\" {what}; the inputs are {string.Join(", ", inputs.Keys.Select(k => $"\"{k}\""))}");
            }
            if (!byName.TryAdd(shape.Input, shape)) throw new LoweringException(OnnxDiagnosticCodes.BadShape, $"--shape gives input \"{shape.Input}\" twice");
        }

        var symbols = new Dictionary<string, long>(StringComparer.Ordinal);
        var dims = new Dictionary<string, long[]>(StringComparer.Ordinal);
        // Given shapes first: they bind the symbols that the other inputs may share.
        foreach (var input in graph.RuntimeInputs.Where(i => byName.ContainsKey(i.Name)))
        {
            var tensor = TensorType(input);
            long[] shape = [.. byName[input.Name].Dims];
            if (tensor.Shape is { } declared)
            {
                if (declared.Dim.Count != shape.Length) throw Contradiction(input, shape);
                for (int i = 0; i < shape.Length; i++)
                {
                    var d = declared.Dim[i];
                    if (d.HasDimValue && d.DimValue != shape[i]) throw Contradiction(input, shape);
                    if (d.HasDimParam && d.DimParam.Length > 0)
                    {
                        if (symbols.TryGetValue(d.DimParam, out long bound) && bound != shape[i])
                        {
                            throw new LoweringException(OnnxDiagnosticCodes.BadShape,
                                $"--shape={byName[input.Name]}: dimension {i} of \"{input.Name}\" is \"{d.DimParam}\", which another --shape sets to {bound}");
                        }
                        symbols[d.DimParam] = shape[i];
                    }
                }
            }
            dims[input.Name] = shape;
        }
        foreach (var input in graph.RuntimeInputs.Where(i => !byName.ContainsKey(i.Name)))
        {
            var tensor = TensorType(input);
            if (tensor.Shape is not { } declared)
            {
                throw new LoweringException(OnnxDiagnosticCodes.MissingShape,
                    $"graph input \"{input.Name}\" has no shape in the model: give it with --shape={input.Name}=D1,D2,...");
            }
            var shape = new long[declared.Dim.Count];
            for (int i = 0; i < shape.Length; i++)
            {
                var d = declared.Dim[i];
                if (d.HasDimValue) shape[i] = d.DimValue;
                else if (d.HasDimParam && symbols.TryGetValue(d.DimParam, out long bound)) shape[i] = bound;
                else
                {
                    string what = d.HasDimParam && d.DimParam.Length > 0 ? $"is symbolic (\"{d.DimParam}\")" : "has no size";
                    throw new LoweringException(OnnxDiagnosticCodes.MissingShape,
                        $"graph input \"{input.Name}\" {Describe(declared)}: dimension {i} {what}; give the shape with --shape={input.Name}={Template(declared)}");
                }
                if (shape[i] < 0) throw new LoweringException(OnnxDiagnosticCodes.MissingShape, $"graph input \"{input.Name}\": dimension {i} is {shape[i]}; give the shape with --shape");
            }
            dims[input.Name] = shape;
        }
        return new InputBinding(dims, symbols);
    }

    /// <summary>The input's tensor type, or an error when it is not a tensor of a sized element type.</summary>
    public static TypeProto.Types.Tensor TensorType(ValueInfoProto input)
    {
        var tensor = input.Type?.TensorType ?? throw new LoweringException(OnnxDiagnosticCodes.NotTensor,
            $"graph input \"{input.Name}\" is {(input.Type is null ? "untyped" : $"a {input.Type.ValueCase}")}, not a tensor");
        if (OnnxDataType.BitsPerElement(tensor.ElemType) == 0)
        {
            throw new LoweringException(OnnxDiagnosticCodes.DataType,
                $"graph input \"{input.Name}\" has the element type {OnnxDataType.Name(tensor.ElemType)}, which has no fixed size");
        }
        return tensor;
    }

    /// <summary>"[batch,3,224,224]": a declared shape as the model writes it.</summary>
    public static string Describe(TensorShapeProto shape) =>
        "[" + string.Join(",", shape.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.HasDimParam && d.DimParam.Length > 0 ? d.DimParam : "?")) + "]";

    /// <summary>"D0,3,D2,D3": the declared shape with a placeholder for each dimension to give.</summary>
    private static string Template(TensorShapeProto shape) =>
        string.Join(",", shape.Dim.Select((d, i) => d.HasDimValue ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"D{i}"));

    private static LoweringException Contradiction(ValueInfoProto input, long[] shape) =>
        new(OnnxDiagnosticCodes.BadShape,
            $"--shape={input.Name}={string.Join(",", shape)} contradicts the model, where input \"{input.Name}\" has the shape {Describe(input.Type.TensorType.Shape)}");
}
