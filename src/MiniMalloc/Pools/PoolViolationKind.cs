namespace MiniMalloc;

/// <summary>The kinds of fault <see cref="PoolValidator"/> can find in a pool solution.</summary>
public enum PoolViolationKind
{
    /// <summary>The solution has a different number of pools or offsets than the problem has buffers, or of heights than pools.</summary>
    Count,

    /// <summary>An alias is malformed: unknown owner, a cycle, or outside its owner.</summary>
    MalformedAlias,

    /// <summary>A buffer is in a pool that does not exist or that it is not allowed in.</summary>
    NotAllowed,

    /// <summary>A buffer with a fixed offset was placed elsewhere.</summary>
    FixedOffset,

    /// <summary>An alias is not in its owner's pool, or not at its owner's offset plus its offset in the owner.</summary>
    Alias,

    /// <summary>A buffer lies below 0 or above its pool's capacity.</summary>
    Capacity,

    /// <summary>A buffer's offset is not a multiple of its own alignment or (unless it is an alias) of its pool's.</summary>
    Alignment,

    /// <summary>Two buffers of one pool, live at the same step, share a byte.</summary>
    Overlap,

    /// <summary>A stated height is not the highest offset + size in its pool.</summary>
    Height,

    /// <summary>The stated cost is not the sum of weight times pool cost.</summary>
    Cost,
}
