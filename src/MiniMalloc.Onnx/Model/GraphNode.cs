using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.Model;

/// <summary>
/// One node of the main graph: its place in the stored order, operator, and the value names it reads and writes.
/// An empty name in <see cref="Inputs"/> or <see cref="Outputs"/> is an optional argument left out (the format's
/// convention); it reads and writes nothing.
/// </summary>
internal sealed class GraphNode(int index, NodeProto proto)
{
    /// <summary>Position in the file's node list (0-based).</summary>
    public int Index { get; } = index;

    /// <summary>The node's name; may be empty (the format allows it).</summary>
    public string Name => Proto.Name;

    /// <summary>The operator, for example "Conv".</summary>
    public string OpType => Proto.OpType;

    /// <summary>The operator set's domain; "" and "ai.onnx" are the standard operators.</summary>
    public string Domain => Proto.Domain is "ai.onnx" ? "" : Proto.Domain;

    /// <summary>The values read, in argument order ("" = an optional argument left out).</summary>
    public IReadOnlyList<string> Inputs => Proto.Input;

    /// <summary>The values written, in argument order ("" = an optional output not wanted).</summary>
    public IReadOnlyList<string> Outputs => Proto.Output;

    /// <summary>The protobuf message (attributes).</summary>
    public NodeProto Proto { get; } = proto;

    /// <summary>How messages name the node: its name when it has one, else its position; with the operator.</summary>
    public string Display => Name.Length > 0 ? $"node \"{Name}\" ({OpType})" : $"node #{Index} ({OpType})";

    /// <summary>A name for the schedule (the firmware's messages): the node's name, else the operator and position.</summary>
    public string StepName => Name.Length > 0 ? Name : $"{OpType}_{Index}";

    /// <summary>The integer attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public long Int(string name, long fallback)
    {
        foreach (var a in Proto.Attribute) if (a.Name == name) return a.I;
        return fallback;
    }

    /// <summary>The float attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public float Float(string name, float fallback)
    {
        foreach (var a in Proto.Attribute) if (a.Name == name) return a.F;
        return fallback;
    }

    /// <summary>The integer-list attribute <paramref name="name"/>, or null when absent.</summary>
    public long[]? Ints(string name)
    {
        foreach (var a in Proto.Attribute) if (a.Name == name) return [.. a.Ints];
        return null;
    }

    /// <summary>The float-list attribute <paramref name="name"/>, or null when absent.</summary>
    public float[]? Floats(string name)
    {
        foreach (var a in Proto.Attribute) if (a.Name == name) return [.. a.Floats];
        return null;
    }

    /// <summary>The string attribute <paramref name="name"/> (UTF-8), or <paramref name="fallback"/>.</summary>
    public string String(string name, string fallback)
    {
        foreach (var a in Proto.Attribute) if (a.Name == name) return a.S.ToStringUtf8();
        return fallback;
    }

    /// <summary>The attribute <paramref name="name"/>, or null.</summary>
    public AttributeProto? Attribute(string name)
    {
        foreach (var a in Proto.Attribute) if (a.Name == name) return a;
        return null;
    }

    /// <summary>True when an attribute holds a graph (If, Loop, Scan bodies).</summary>
    public bool HasSubgraph => Proto.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0);
}
