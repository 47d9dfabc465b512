namespace MiniMalloc;

/// <summary>What is wrong with a buffer's <see cref="Buffer.Alias"/>, so that readers can map it onto their own codes.</summary>
public enum AliasErrorKind
{
    /// <summary>The owner named is no buffer of the problem.</summary>
    UnknownOwner,

    /// <summary>The buffer is, through its chain of owners, an alias of itself.</summary>
    Cycle,

    /// <summary>The alias's bytes do not lie within its owner's: a negative offset, or offset + size beyond the owner's size.</summary>
    OutOfRange,

    /// <summary>The alias has a fixed offset or a hint of its own: it goes where its owner goes.</summary>
    OwnPlacement,

    /// <summary>The alias's alignment is not guaranteed by its place in its group: it must divide both the group's alignment and the alias's offset in it.</summary>
    Alignment,
}
