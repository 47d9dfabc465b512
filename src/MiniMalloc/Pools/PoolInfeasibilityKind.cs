namespace MiniMalloc;

/// <summary>Why a pool problem has no plan.</summary>
public enum PoolInfeasibilityKind
{
    /// <summary>A buffer is larger than every pool it is allowed in (after aligning, for a fixed offset: it ends above the capacity).</summary>
    FitsNowhere,

    /// <summary>Buffers with fixed offsets in one pool share bytes at a step.</summary>
    FixedOffsetsCollide,

    /// <summary>At a step, buffers that can only go to some pools are larger together than those pools' capacities.</summary>
    LiveSizeExceeded,

    /// <summary>The exhaustive search found no plan (the buffers named are those live at the step where the pools are fullest).</summary>
    NoPlacement,
}
