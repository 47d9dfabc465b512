using Lowering.Json;

namespace Lowering.Model;

/// <summary>A tensor of the model graph.</summary>
/// <param name="Name">Unique name; becomes the buffer id in the lifetimes file.</param>
/// <param name="Shape">Dimensions (empty for a scalar).</param>
/// <param name="DType">Element type.</param>
/// <param name="Kind">Role in the graph.</param>
/// <param name="Alignment">Required offset alignment in bytes, when the kernel needs more than the default.</param>
/// <param name="Offset">A fixed arena offset (e.g. a DMA target), when the hardware dictates one.</param>
/// <param name="Bytes">Size in bytes: the product of the shape times the element size.</param>
/// <param name="Source">Where the tensor is defined, for error messages.</param>
public sealed record TensorSpec(
    string Name,
    IReadOnlyList<long> Shape,
    DataType DType,
    TensorKind Kind,
    long? Alignment,
    long? Offset,
    long Bytes,
    Node Source)
{
    /// <summary>Whether the tensor lives in the arena (constants do not).</summary>
    public bool IsPlanned => Kind != TensorKind.Constant;
}
