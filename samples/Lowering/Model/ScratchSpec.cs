using Lowering.Json;

namespace Lowering.Model;

/// <summary>
/// A kernel workspace (im2col rows, FFT work area, softmax row sums...) that one or more operators use only
/// while they run. When several operators share it, it is one buffer whose lifespan spans its first to its
/// last use, with gaps where no operator needs it and windows where one needs only part of it.
/// </summary>
/// <param name="Name">Unique name among tensors and scratch buffers.</param>
/// <param name="Alignment">Required offset alignment in bytes, if any.</param>
/// <param name="Uses">Which operators use it and how many bytes each needs.</param>
/// <param name="Source">Where it is defined, for error messages.</param>
public sealed record ScratchSpec(string Name, long? Alignment, IReadOnlyList<ScratchUse> Uses, Node Source)
{
    /// <summary>The buffer's size: the largest use.</summary>
    public long Bytes => Uses.Max(u => u.Bytes);
}
