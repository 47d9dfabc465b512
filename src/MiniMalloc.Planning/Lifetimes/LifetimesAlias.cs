namespace MiniMalloc.Planning;

/// <summary>A buffer's <c>alias</c> as read from a lifetimes file: the owner's id and where its bytes begin in the owner's.</summary>
/// <param name="Of">The owner's id.</param>
/// <param name="Offset">Where the buffer's bytes begin inside the owner's (0 when not given).</param>
/// <param name="Location">Where the alias object starts.</param>
/// <param name="OfLocation">Where the owner's id is written.</param>
/// <param name="OffsetLocation">Where the offset is written (the alias object's location when it is not).</param>
internal sealed record LifetimesAlias(string Of, long Offset, SourceLocation Location, SourceLocation OfLocation, SourceLocation OffsetLocation)
{
    /// <summary>The solver model's alias.</summary>
    public BufferAlias ToModel() => new(Of, Offset);
}
