namespace MiniMalloc;

/// <summary>The kinds of fault <see cref="Validator"/> can find in a solution, in the order it looks for them.</summary>
public enum ViolationKind
{
    /// <summary>The solution is valid.</summary>
    None,

    /// <summary>The solution has a different number of offsets than the problem has buffers.</summary>
    OffsetCount,

    /// <summary>An alias is malformed: its owner is unknown, it is in a cycle, or it lies outside its owner (see <see cref="AliasGroups.Errors"/>).</summary>
    MalformedAlias,

    /// <summary>A buffer with a fixed offset was placed elsewhere.</summary>
    FixedOffset,

    /// <summary>An alias was not placed at its owner's offset plus its offset in the owner.</summary>
    AliasOffset,

    /// <summary>A buffer lies below 0 or above the capacity.</summary>
    Bounds,

    /// <summary>A buffer's offset is not a multiple of its alignment.</summary>
    Alignment,

    /// <summary>Two buffers live at the same step share a byte.</summary>
    Overlap,

    /// <summary>The solution's stated height is not its highest offset + size.</summary>
    Height,
}
