using MiniMalloc.Onnx.Lowering;
using MiniMalloc.Onnx.Model;
using MiniMalloc.Onnx.Shapes;

namespace MiniMalloc.Onnx.Sharing;

/// <summary>
/// The second half of buffer formation: which values are the same bytes. Walks the schedule once, step by step,
/// and makes a value an alias of another where a firmware running the operators in place gets the same results:
/// <list type="bullet">
/// <item>Views (<see cref="ViewLevel.Views"/>): the output of Reshape, Flatten, Squeeze, Unsqueeze and Identity
/// is its input's bytes; a Split output, or a Slice output that takes one contiguous range of its input's bytes
/// (every dimension before the one it cuts is 1, the dimensions after it are whole, step 1), is the range it takes.
/// The operator writes nothing.</item>
/// <item>In place (<see cref="ViewLevel.InPlace"/>): an elementwise operator (output element i depends only on
/// element i of each input of the output's shape, and on broadcast inputs) writes its output over an input of the
/// output's shape and element type whose bytes nobody needs after this step: every value sharing them dies here,
/// none of them is a graph input (the caller's data) or a graph output (the caller's result), and no other input of
/// the node shares them (a kernel reading element j of a view while writing element i would read written data).</item>
/// <item>Concat slices (<see cref="ViewLevel.All"/>): an input that the Concat alone reads, once, and that shares no
/// bytes yet, is produced directly into its slice of the output, when every dimension of the output before the
/// axis is 1 (so each input is one contiguous byte range of it). Graph inputs and outputs stay buffers of their own.</item>
/// </list>
/// A value becomes an alias at most once, and only while it has no aliases of its own, so the groups stay trees
/// and a decision never changes one made before it. Types whose elements are not whole bytes take no offsets.
/// </summary>
internal sealed class BufferSharing
{
    private static readonly HashSet<string> ViewOperators = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity"];

    /// <summary>Operators whose output element i reads element i of every input of the output's shape (others
    /// broadcast), and nothing else: the ones that may run in place. Cast and the comparisons change the element
    /// type, which the shape check excludes anyway; Softmax, LayerNormalization and the like read whole rows.</summary>
    private static readonly HashSet<string> ElementwiseOperators =
    [
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "ThresholdedRelu", "Sigmoid", "HardSigmoid", "HardSwish",
        "Tanh", "Softplus", "Softsign", "Mish", "Gelu", "Clip", "Shrink", "Abs", "Neg", "Exp", "Log", "Sqrt",
        "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Erf", "Sin", "Cos", "Not",
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Mod", "And", "Or", "Xor", "Where",
    ];

    /// <summary>The lifetimes format's largest size; a part above it cannot be a slice of a planned value.</summary>
    private const long MaxBytes = 1L << 53;

    private readonly ShapeInference _shapes;
    private readonly Dictionary<string, LoweredBuffer> _buffers;
    private readonly Dictionary<string, LoweredAlias> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>A group's facts, by its root: when its last member dies, whether a member is a graph input or
    /// output (then its bytes are never written over), and how many members it has.</summary>
    private sealed record Group(long End, bool Pinned, int Members);

    private BufferSharing(IReadOnlyList<GraphNode> steps, IReadOnlyList<LoweredBuffer> buffers, ShapeInference shapes)
    {
        _shapes = shapes;
        _buffers = buffers.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var b in buffers) _groups[b.Id] = new Group(b.End, b.Role != BufferRole.Intermediate, 1);
        foreach (var input in steps.SelectMany(s => s.Inputs).Where(i => i.Length > 0))
        {
            _reads[input] = _reads.GetValueOrDefault(input) + 1;
        }
    }

    /// <summary><paramref name="buffers"/> with their aliases set up to <paramref name="level"/>, in the same order.</summary>
    public static IReadOnlyList<LoweredBuffer> Mark(IReadOnlyList<GraphNode> steps, IReadOnlyList<LoweredBuffer> buffers, ShapeInference shapes, ViewLevel level)
    {
        if (level == ViewLevel.None) return buffers;
        var sharing = new BufferSharing(steps, buffers, shapes);
        for (int step = 0; step < steps.Count; step++)
        {
            var node = steps[step];
            if (node.Domain.Length > 0) continue;
            if (ViewOperators.Contains(node.OpType)) sharing.View(node);
            else if (node.OpType == "Split") sharing.Split(node);
            else if (node.OpType == "Slice") sharing.Slice(node);
            else if (level >= ViewLevel.InPlace && ElementwiseOperators.Contains(node.OpType)) sharing.InPlace(node, step);
            else if (level >= ViewLevel.All && node.OpType == "Concat") sharing.Concat(node);
        }
        return [.. buffers.Select(b => sharing._aliases.TryGetValue(b.Id, out var alias) ? b with { Alias = alias } : b)];
    }

    private void View(GraphNode node)
    {
        if (node.Inputs.Count == 0 || node.Outputs.Count == 0) return;
        string input = node.Inputs[0], output = node.Outputs[0];
        if (!Planned(input) || !Planned(output)) return;
        if (_shapes[input].ElementType != _shapes[output].ElementType || _buffers[input].Size != _buffers[output].Size) return;
        TryAlias(output, input, 0, AliasKind.View);
    }

    // Split parts follow one another along the axis: with every dimension before it 1, part j is the byte range
    // after parts 0..j-1.
    private void Split(GraphNode node)
    {
        string input = node.Inputs.Count > 0 ? node.Inputs[0] : "";
        if (!Planned(input)) return;
        var data = _shapes[input];
        long axis = node.Int("axis", 0);
        axis = axis < 0 ? axis + data.Rank : axis;
        if (axis < 0 || axis >= data.Rank || data.Dims.Take((int)axis).Any(d => d != 1)) return;
        if (Parts(node.Outputs, data.ElementType, _buffers[input].Size) is not { } offsets) return;
        for (int j = 0; j < node.Outputs.Count; j++)
        {
            if (Planned(node.Outputs[j])) TryAlias(node.Outputs[j], input, offsets[j], AliasKind.View);
        }
    }

    // A slice is one contiguous range when it cuts at most one axis, with step 1 (or takes one element there), and
    // every dimension before that axis is 1; it then starts at its first index times the elements after the axis.
    private void Slice(GraphNode node)
    {
        if (node.Inputs.Count == 0 || node.Outputs.Count == 0) return;
        string input = node.Inputs[0], output = node.Outputs[0];
        if (!Planned(input) || !Planned(output) || ElementBytes(_shapes[input].ElementType) is not { } element) return;
        SliceGeometry geometry;
        try
        {
            geometry = SliceGeometry.Of(new NodeContext(node, _shapes.Opset, _shapes.TryGet));
        }
        catch (Exception e) when (e is LoweringException or UnknownInputException)
        {
            return; // the shape came from value_info: the geometry is not known, so no view
        }
        var dims = _shapes[input].Dims;
        var cut = Enumerable.Range(0, dims.Length)
            .Where(k => geometry.Dims[k] != dims[k] || (dims[k] > 1 && (geometry.First[k] != 0 || geometry.Step[k] != 1))).ToList();
        long offset = 0;
        if (cut.Count > 1) return;
        if (cut.Count == 1)
        {
            int k = cut[0];
            if (geometry.Dims[k] > 1 && geometry.Step[k] != 1) return;
            if (dims.Take(k).Any(d => d != 1)) return;
            long after = dims.Skip(k + 1).Aggregate(1L, (a, d) => a * d);
            offset = geometry.First[k] * after * element;
        }
        if (offset < 0 || offset + _buffers[output].Size > _buffers[input].Size) return;
        TryAlias(output, input, offset, AliasKind.View);
    }

    private void InPlace(GraphNode node, int step)
    {
        if (node.Outputs.Count != 1 || !Planned(node.Outputs[0])) return;
        string output = node.Outputs[0];
        var result = _shapes[output];
        foreach (string input in node.Inputs.Where(i => i.Length > 0).Distinct())
        {
            if (!Planned(input)) continue;
            var facts = _shapes[input];
            if (facts.ElementType != result.ElementType || !facts.Dims.AsSpan().SequenceEqual(result.Dims)) continue;
            var (root, _) = Root(input);
            var group = _groups[root];
            if (group.Pinned || group.End != step + 1) continue;
            if (node.Inputs.Any(other => other.Length > 0 && other != input && Planned(other) && Root(other).Root == root)) continue;
            if (TryAlias(output, input, 0, AliasKind.InPlace)) return;
        }
    }

    private void Concat(GraphNode node)
    {
        if (node.Outputs.Count != 1 || !Planned(node.Outputs[0])) return;
        string output = node.Outputs[0];
        var result = _shapes[output];
        long axis = node.Int("axis", 0);
        axis = axis < 0 ? axis + result.Rank : axis;
        if (axis < 0 || axis >= result.Rank || result.Dims.Take((int)axis).Any(d => d != 1)) return;
        var inputs = node.Inputs.Where(i => i.Length > 0).ToList();
        if (Parts(inputs, result.ElementType, _buffers[output].Size) is not { } offsets) return;
        for (int j = 0; j < inputs.Count; j++)
        {
            string input = inputs[j];
            if (Planned(input) && _buffers[input].Role == BufferRole.Intermediate && _reads.GetValueOrDefault(input) == 1)
            {
                TryAlias(input, output, offsets[j], AliasKind.Slice);
            }
        }
    }

    // Where each of `parts` (values of `type`, laid one after another) begins, when together they are exactly
    // `whole` bytes; null when a part is omitted or unknown, has another type or sub-byte elements, or they do not
    // add up.
    private long[]? Parts(IReadOnlyList<string> parts, int type, long whole)
    {
        if (ElementBytes(type) is null) return null;
        var offsets = new long[parts.Count];
        long offset = 0;
        for (int j = 0; j < parts.Count; j++)
        {
            if (parts[j].Length == 0 || _shapes.TryGet(parts[j]) is not { } part || part.ElementType != type) return null;
            if (OnnxDataType.Bytes(type, part.ElementCount, MaxBytes) is not { } bytes || offset + bytes > whole) return null;
            offsets[j] = offset;
            offset += bytes;
        }
        return offset == whole ? offsets : null;
    }

    // Makes `alias` live in `owner`'s bytes from `offset` on, unless it is an alias already or has aliases of its
    // own (each value is placed once; groups only grow by single values).
    private bool TryAlias(string alias, string owner, long offset, AliasKind kind)
    {
        if (_aliases.ContainsKey(alias) || _groups[alias].Members != 1) return false;
        var (root, _) = Root(owner);
        if (root == alias) return false;
        Debug.Assert(offset >= 0 && offset + _buffers[alias].Size <= _buffers[owner].Size, "an alias lies inside its owner");
        _aliases[alias] = new LoweredAlias(owner, offset, kind);
        var mine = _groups[alias];
        var group = _groups[root];
        _groups[root] = new Group(Math.Max(group.End, mine.End), group.Pinned || mine.Pinned, group.Members + 1);
        _groups.Remove(alias);
        return true;
    }

    private bool Planned(string value) => value.Length > 0 && _buffers.ContainsKey(value);

    private (string Root, long Offset) Root(string id)
    {
        long offset = 0;
        while (_aliases.TryGetValue(id, out var alias))
        {
            offset += alias.Offset;
            id = alias.Owner;
        }
        return (id, offset);
    }

    private static long? ElementBytes(int type) => OnnxDataType.BitsPerElement(type) is var bits && bits > 0 && bits % 8 == 0 ? bits / 8 : null;
}
