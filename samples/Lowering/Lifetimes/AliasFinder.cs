using Lowering.Model;

namespace Lowering.Lifetimes;

/// <summary>
/// Marks the buffers that can live in another buffer's bytes, walking the schedule step by step:
/// <list type="bullet">
/// <item>views: the output of Reshape, Flatten, Squeeze, Unsqueeze, ExpandDims or Identity is its input's bytes;</item>
/// <item>in place: an elementwise operator (output element i depends only on input element i) writes its output
/// over an input of the same shape and type whose bytes nobody needs after this step (every buffer sharing them
/// dies here);</item>
/// <item>Concat slices: an input read by nothing but the Concat is produced directly into its slice of the output,
/// when the layout makes the slices contiguous (joining along axis 0, or every dimension before the axis is 1).</item>
/// </list>
/// A buffer with a fixed offset never becomes an alias, nor one whose own alignment its place cannot guarantee.
/// </summary>
public sealed class AliasFinder
{
    private static readonly HashSet<string> ViewTypes = new(StringComparer.Ordinal)
    {
        "Reshape", "Flatten", "Squeeze", "Unsqueeze", "ExpandDims", "Identity",
    };

    private static readonly HashSet<string> ElementwiseTypes = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Relu", "Relu6", "LeakyRelu", "Clip", "Sigmoid", "Tanh", "Gelu", "HardSwish",
        "Swish", "Neg", "Abs", "Exp", "Sqrt", "Erf", "Maximum", "Minimum",
    };

    private readonly ModelDescription _model;
    private readonly Dictionary<string, PlannedBuffer> _buffers;
    private readonly Dictionary<string, (string Owner, long Offset, AliasKind Kind)> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<TensorSpec, int> _reads = new();

    private AliasFinder(ModelDescription model, IEnumerable<PlannedBuffer> buffers, IReadOnlyList<OperatorSpec> steps)
    {
        _model = model;
        _buffers = buffers.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var input in steps.SelectMany(op => op.Inputs))
        {
            _reads[input] = _reads.GetValueOrDefault(input) + 1;
        }
    }

    /// <summary>The buffers with their aliases set, in the same order.</summary>
    public static IReadOnlyList<PlannedBuffer> Mark(ModelDescription model, IReadOnlyList<OperatorSpec> steps, IReadOnlyList<PlannedBuffer> buffers, ViewLevel level)
    {
        if (level == ViewLevel.None)
        {
            return buffers;
        }

        var finder = new AliasFinder(model, buffers, steps);
        for (int step = 0; step < steps.Count; step++)
        {
            var op = steps[step];
            if (ViewTypes.Contains(op.Type))
            {
                finder.View(op);
            }
            else if (level >= ViewLevel.InPlace && ElementwiseTypes.Contains(op.Type))
            {
                finder.InPlace(op, step);
            }
            else if (level >= ViewLevel.All && op.Type == "Concat")
            {
                finder.Slices(op);
            }
        }

        return buffers.Select(b => finder._aliases.TryGetValue(b.Id, out var a) ? b with { Alias = new PlannedAlias(a.Owner, a.Offset, a.Kind) } : b).ToList();
    }

    private void View(OperatorSpec op)
    {
        if (op.Inputs.Count == 0 || op.Outputs.Count != 1)
        {
            return;
        }

        var input = op.Inputs[0];
        var output = op.Outputs[0];
        if (output.Bytes == input.Bytes && Planned(input) && Planned(output))
        {
            TryAlias(output, input, 0, AliasKind.View);
        }
    }

    private void InPlace(OperatorSpec op, int step)
    {
        if (op.Outputs.Count != 1 || !Planned(op.Outputs[0]))
        {
            return;
        }

        var output = op.Outputs[0];
        foreach (var input in op.Inputs.Distinct())
        {
            // The input's bytes are free after this step only when every buffer sharing them dies here.
            if (Planned(input) && input.DType == output.DType && input.Shape.SequenceEqual(output.Shape)
                && GroupEnd(Root(input.Name).Root) == step + 1 && TryAlias(output, input, 0, AliasKind.InPlace))
            {
                return;
            }
        }
    }

    private void Slices(OperatorSpec op)
    {
        if (op.Outputs.Count != 1 || !Planned(op.Outputs[0]))
        {
            return;
        }

        var output = op.Outputs[0];
        int rank = output.Shape.Count;
        long axis = op.Axis ?? 0;
        axis = axis < 0 ? axis + rank : axis;
        bool contiguous = axis >= 0 && axis < Math.Max(rank, 1) && output.Shape.Take((int)axis).All(d => d == 1);
        if (!contiguous || op.Inputs.Any(i => i.DType != output.DType) || op.Inputs.Sum(i => i.Bytes) != output.Bytes)
        {
            return;
        }

        long offset = 0;
        foreach (var input in op.Inputs)
        {
            if (input.Kind == TensorKind.Activation && Planned(input) && _reads.GetValueOrDefault(input) == 1)
            {
                TryAlias(input, output, offset, AliasKind.Slice);
            }

            offset += input.Bytes;
        }
    }

    // Makes `alias` live in `owner`'s bytes from `offset` on, unless it has a placement or an alignment of its own
    // that the owner's group cannot give it, or is an alias already.
    private bool TryAlias(TensorSpec alias, TensorSpec owner, long offset, AliasKind kind)
    {
        if (alias.Offset is not null || _aliases.ContainsKey(alias.Name))
        {
            return false;
        }

        var (root, rootOffset) = Root(owner.Name);
        if (root == alias.Name)
        {
            return false;
        }

        if (alias.Alignment is { } wanted && (Alignment(root) % wanted != 0 || (rootOffset + offset) % wanted != 0))
        {
            return false;
        }

        _aliases[alias.Name] = (owner.Name, offset, kind);
        return true;
    }

    private bool Planned(TensorSpec tensor) => tensor.IsPlanned && _buffers.ContainsKey(tensor.Name);

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

    private long GroupEnd(string root) => _buffers.Values.Where(b => Root(b.Id).Root == root).Max(b => b.End);

    private long Alignment(string root)
    {
        var tensor = _model.Tensors.First(t => t.Name == root);
        return tensor.Alignment ?? _model.Alignment ?? 1;
    }
}
