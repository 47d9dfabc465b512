namespace MiniMalloc;

/// <summary>
/// A sub-interval of a buffer's lifespan during which the buffer is inactive (no window) or only
/// occupies <see cref="Window"/> of its space.
/// </summary>
/// <param name="Lifespan">The steps the gap covers; must lie within the buffer's lifespan.</param>
/// <param name="Window">The bytes still occupied during the gap, or null when none are.</param>
public readonly record struct Gap(Lifespan Lifespan, Window? Window = null)
{
    /// <inheritdoc />
    public override string ToString() => Window is { } w ? $"{Lifespan}@{w}" : Lifespan.ToString();
}
