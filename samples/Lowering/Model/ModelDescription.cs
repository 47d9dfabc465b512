using Lowering.Json;

namespace Lowering.Model;

/// <summary>A validated model file: a graph of operators over typed tensors, and optionally its schedule.</summary>
/// <param name="File">The file it was read from, as given.</param>
/// <param name="Name">The model's name: a C identifier, the prefix of the generated symbols.</param>
/// <param name="Capacity">The accelerator memory available for the arena, in bytes, if stated.</param>
/// <param name="Alignment">The default buffer alignment in bytes, if stated.</param>
/// <param name="Tensors">Every tensor, in file order.</param>
/// <param name="Operators">Every operator, in file order.</param>
/// <param name="Scratch">Every scratch buffer, in file order.</param>
/// <param name="Schedule">The operators in the order the file gives, with the position of each entry; null when
/// the file leaves the order to the lowering step.</param>
public sealed record ModelDescription(
    string File,
    string Name,
    long? Capacity,
    long? Alignment,
    IReadOnlyList<TensorSpec> Tensors,
    IReadOnlyList<OperatorSpec> Operators,
    IReadOnlyList<ScratchSpec> Scratch,
    IReadOnlyList<(OperatorSpec Operator, Node Entry)>? Schedule);
