namespace MiniMalloc.Onnx.Model;

/// <summary>
/// What the lowering knows about one value: its element type, its static shape, and, for small integer or real
/// tensors computed from weights and static shapes (the Shape -> Gather -> Concat -> Reshape chains of exported
/// models), its elements. Immutable.
/// </summary>
internal sealed record ValueFacts(int ElementType, long[] Dims)
{
    /// <summary>Values with more elements than this are never carried (only shape arguments need values).</summary>
    public const int MaxKnownElements = 1 << 16;

    /// <summary>The elements when known and integer-typed (bool as 0/1), row-major.</summary>
    public long[]? Ints { get; init; }

    /// <summary>The elements when known and real-typed, row-major.</summary>
    public double[]? Reals { get; init; }

    /// <summary>The number of elements (product of the dims; 1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (long d in Dims) count = d == 0 ? 0 : (count > long.MaxValue / d ? long.MaxValue : count * d);
            return count;
        }
    }

    /// <summary>The rank.</summary>
    public int Rank => Dims.Length;

    /// <summary>True when the elements are known (as integers or reals).</summary>
    public bool IsKnown => Ints is not null || Reals is not null;

    /// <summary>The known elements as integers (reals truncated), or null.</summary>
    public long[]? AsInts() => Ints ?? (Reals is { } r ? [.. r.Select(v => (long)v)] : null);

    /// <summary>The known elements as reals, or null.</summary>
    public double[]? AsReals() => Reals ?? (Ints is { } i ? [.. i.Select(v => (double)v)] : null);

    /// <summary>"float[1,3,224,224]".</summary>
    public override string ToString() => $"{OnnxDataType.Name(ElementType)}{FormatDims(Dims)}";

    /// <summary>"[1,3,224,224]".</summary>
    public static string FormatDims(IEnumerable<long> dims) => "[" + string.Join(",", dims) + "]";
}
