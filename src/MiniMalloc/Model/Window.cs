namespace MiniMalloc;

/// <summary>
/// A byte range [<see cref="Lower"/>, <see cref="Upper"/>) relative to a buffer's own offset: during a
/// gap with a window, the buffer only occupies that part of its space.
/// </summary>
/// <param name="Lower">First byte occupied, relative to the buffer's offset.</param>
/// <param name="Upper">One past the last byte occupied, relative to the buffer's offset.</param>
public readonly record struct Window(long Lower, long Upper)
{
    /// <summary>The number of bytes occupied.</summary>
    public long Size => Upper - Lower;

    /// <inheritdoc />
    public override string ToString() => $"[{Lower}, {Upper})";
}
