namespace MiniMalloc;

/// <summary>A half-open interval of schedule steps [<see cref="Lower"/>, <see cref="Upper"/>).</summary>
/// <param name="Lower">The first step at which the buffer is live.</param>
/// <param name="Upper">The first step at which the buffer is no longer live.</param>
public readonly record struct Lifespan(long Lower, long Upper)
{
    /// <summary>The number of steps covered: <c>Upper - Lower</c>.</summary>
    public long Width => Upper - Lower;

    /// <summary>True when both intervals share at least one step.</summary>
    public bool Overlaps(Lifespan other) => Lower < other.Upper && other.Lower < Upper;

    /// <summary>True when <paramref name="step"/> lies in [Lower, Upper).</summary>
    public bool Contains(long step) => Lower <= step && step < Upper;

    /// <inheritdoc />
    public override string ToString() => $"[{Lower}, {Upper})";
}
