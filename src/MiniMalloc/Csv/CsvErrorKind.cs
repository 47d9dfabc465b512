namespace MiniMalloc;

/// <summary>What a <see cref="CsvError"/> is about, so that callers can map errors onto their own codes.</summary>
public enum CsvErrorKind
{
    /// <summary>The text is not CSV: an unclosed quote, text after a closing quote, a wrong number of fields.</summary>
    Malformed,

    /// <summary>The file has no header line.</summary>
    EmptyFile,

    /// <summary>The header lacks a required column (id, lower, upper or size, or one of their aliases).</summary>
    MissingColumn,

    /// <summary>The header names a column twice (aliases included) or has an empty name.</summary>
    BadHeader,

    /// <summary>A field that must be an integer is empty or is not one.</summary>
    NotAnInteger,

    /// <summary>An integer is beyond 2^53 in magnitude (see <see cref="ProblemChecker.MaxValue"/>).</summary>
    OutOfRange,

    /// <summary>An id is empty.</summary>
    EmptyId,

    /// <summary>Two buffers have the same id.</summary>
    DuplicateId,

    /// <summary>A buffer's upper bound is not above its lower bound.</summary>
    EmptyLifespan,

    /// <summary>A size is zero or negative.</summary>
    InvalidSize,

    /// <summary>An alignment is zero or negative.</summary>
    InvalidAlignment,

    /// <summary>A fixed offset is negative.</summary>
    InvalidOffset,

    /// <summary>A fixed offset is not a multiple of its buffer's alignment.</summary>
    MisalignedOffset,

    /// <summary>A size, or a fixed offset + size, exceeds the capacity.</summary>
    ExceedsCapacity,

    /// <summary>A gap is malformed, empty, or overlaps or precedes the one before it.</summary>
    InvalidGap,

    /// <summary>A gap lies (partly) outside its buffer's lifespan.</summary>
    GapOutsideLifespan,

    /// <summary>A gap's window does not lie within the buffer's bytes.</summary>
    InvalidWindow,

    /// <summary>An alias field is not <c>OWNER@OFFSET</c> with a non-negative integer offset.</summary>
    InvalidAlias,

    /// <summary>An alias names an owner that is no buffer of the file.</summary>
    UnknownAliasOwner,

    /// <summary>Buffers are aliases of one another in a cycle (or one of itself).</summary>
    AliasCycle,

    /// <summary>An alias's bytes do not lie within its owner's.</summary>
    AliasOutOfRange,

    /// <summary>An alias has a fixed offset or a hint of its own.</summary>
    AliasPlacement,

    /// <summary>An alias's alignment is not guaranteed by its place in its owner.</summary>
    AliasAlignment,

    /// <summary>Reading stopped after <see cref="CsvProblemReader.MaxErrors"/> errors.</summary>
    TooManyErrors,
}
