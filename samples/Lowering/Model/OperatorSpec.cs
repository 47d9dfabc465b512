using Lowering.Json;

namespace Lowering.Model;

/// <summary>An operator of the model graph.</summary>
/// <param name="Name">Unique name, used by the schedule and by scratch uses.</param>
/// <param name="Type">The kernel it runs, e.g. <c>Conv2D</c> (informational).</param>
/// <param name="Inputs">Tensors it reads.</param>
/// <param name="Outputs">Tensors it writes.</param>
/// <param name="Index">Position in the file's operator list: the tie-breaker of the computed schedule.</param>
/// <param name="Source">Where the operator is defined, for error messages.</param>
/// <param name="Axis">The axis a <c>Concat</c> joins along (negative counts from the last), when given.</param>
public sealed record OperatorSpec(
    string Name,
    string Type,
    IReadOnlyList<TensorSpec> Inputs,
    IReadOnlyList<TensorSpec> Outputs,
    int Index,
    Node Source,
    long? Axis = null);
