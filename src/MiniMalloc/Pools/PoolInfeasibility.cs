namespace MiniMalloc;

/// <summary>Why a pool problem has no plan: the buffers at fault and the step where they are.</summary>
/// <param name="Kind">The kind of fault.</param>
/// <param name="Buffers">The indices (into <see cref="PoolProblem.Buffers"/>) of the buffers that cannot all be placed, in increasing order.</param>
/// <param name="Step">The step at which they cannot, or null when no single step is to blame.</param>
/// <param name="Message">A sentence naming the buffers (by id), the pools and the step.</param>
public sealed record PoolInfeasibility(PoolInfeasibilityKind Kind, IReadOnlyList<int> Buffers, long? Step, string Message);
