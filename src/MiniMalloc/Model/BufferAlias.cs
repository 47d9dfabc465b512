namespace MiniMalloc;

/// <summary>
/// Says that a buffer lives inside another buffer's bytes: a view of a tensor (a reshape), an output written in
/// place over an input that dies at that step, or a slice of a concatenation produced directly in place. The
/// buffer has no placement of its own: its offset is always its owner's offset plus <see cref="Offset"/>, and it
/// may share bytes with the other members of its group (its owner, the owner's other aliases) but with no other
/// buffer.
/// </summary>
/// <param name="Owner">The id of the buffer whose bytes this one lives in; may itself be an alias (chains), never in a cycle.</param>
/// <param name="Offset">Where this buffer's bytes begin inside its owner's: offset + size must not exceed the owner's size.</param>
public readonly record struct BufferAlias(string Owner, long Offset = 0)
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Owner}@{Offset}");
}
