namespace MiniMalloc;

/// <summary>Why a problem does not fit in its capacity.</summary>
public sealed record InfeasibilityExplanation
{
    /// <summary>
    /// Indices of buffers that cannot be placed together within the capacity; removing any one of them makes the
    /// rest fit (when <see cref="IsIrreducible"/>).
    /// </summary>
    public required IReadOnlyList<int> Subset { get; init; }

    /// <summary>False when the time limit ran out before the subset was reduced to an irreducible one.</summary>
    public required bool IsIrreducible { get; init; }

    /// <summary>The first step at which the live sizes alone exceed the capacity, when that explains it; else null.</summary>
    public long? OverfullStep { get; init; }

    /// <summary>The live bytes at <see cref="OverfullStep"/> (0 when there is none).</summary>
    public long OverfullLiveBytes { get; init; }
}
