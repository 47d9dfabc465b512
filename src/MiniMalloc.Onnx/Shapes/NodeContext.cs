using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// What a shape rule sees of one node: the facts of its inputs, its attributes, the operator set, and where to put
/// the facts of its outputs. A rule that needs an input whose shape is unknown stops with
/// <see cref="UnknownInputException"/>; one whose inputs contradict the operator stops with <see cref="Fail"/>.
/// </summary>
internal sealed class NodeContext(GraphNode node, long opset, Func<string, ValueFacts?> facts)
{
    private readonly ValueFacts?[] _outputs = new ValueFacts?[node.Outputs.Count];

    /// <summary>The node.</summary>
    public GraphNode Node { get; } = node;

    /// <summary>The standard operator set's version.</summary>
    public long Opset { get; } = opset;

    /// <summary>The number of input positions (including omitted optional ones).</summary>
    public int InputCount => Node.Inputs.Count;

    /// <summary>The number of output positions.</summary>
    public int OutputCount => Node.Outputs.Count;

    /// <summary>True when input <paramref name="i"/> is given (not omitted).</summary>
    public bool Has(int i) => i < Node.Inputs.Count && Node.Inputs[i].Length > 0;

    /// <summary>The facts of input <paramref name="i"/>; throws <see cref="UnknownInputException"/> when unknown or omitted.</summary>
    public ValueFacts In(int i)
    {
        if (!Has(i)) throw Fail($"input {i} is missing");
        return facts(Node.Inputs[i]) ?? throw new UnknownInputException(Node.Inputs[i]);
    }

    /// <summary>The facts of input <paramref name="i"/>, or null when it is omitted.</summary>
    public ValueFacts? Optional(int i) => Has(i) ? In(i) : null;

    /// <summary>The known integer elements of input <paramref name="i"/>; fails when they are not known.</summary>
    public long[] KnownInts(int i, string what)
    {
        var value = In(i);
        return value.AsInts() ?? throw new UnknownInputException(Node.Inputs[i], $"its {what} (input \"{Node.Inputs[i]}\") is computed at run time, so the output shape is not static");
    }

    /// <summary>Sets output <paramref name="i"/> (ignored when the node does not produce it).</summary>
    public void Out(int i, ValueFacts value)
    {
        if (i >= _outputs.Length) return;
        foreach (long d in value.Dims)
        {
            if (d < 0) throw Fail($"output \"{Node.Outputs[i]}\" would have the negative dimension {d} (shape {ValueFacts.FormatDims(value.Dims)})");
        }
        _outputs[i] = value;
    }

    /// <summary>Sets output <paramref name="i"/> to <paramref name="type"/> and <paramref name="dims"/>.</summary>
    public void Out(int i, int type, long[] dims) => Out(i, new ValueFacts(type, dims));

    /// <summary>The facts set for output <paramref name="i"/>, or null.</summary>
    public ValueFacts? Result(int i) => _outputs[i];

    /// <summary>An error naming the node: its inputs do not fit the operator.</summary>
    public LoweringException Fail(string message) =>
        new(OnnxDiagnosticCodes.InconsistentNode, $"{Node.Display}: {message}");

    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>.</summary>
    public int Axis(long axis, int rank)
    {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.Max(rank, 1) && !(rank == 0 && a == 0)) throw Fail($"axis {axis} is out of range for rank {rank}");
        return (int)a;
    }
}

/// <summary>A rule needed the shape (or the elements) of an input that is not known.</summary>
internal sealed class UnknownInputException(string value, string? why = null) : Exception(why ?? $"the shape of its input \"{value}\" is unknown")
{
    /// <summary>The input value.</summary>
    public string Value { get; } = value;

    /// <summary>True when the input's shape is known but its elements are computed at run time.</summary>
    public bool DataDependent { get; } = why is not null;
}
