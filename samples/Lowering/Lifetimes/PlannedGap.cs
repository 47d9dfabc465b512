namespace Lowering.Lifetimes;

/// <summary>
/// Steps [<paramref name="Start"/>, <paramref name="End"/>) of a buffer's lifespan during which it occupies
/// only bytes [<paramref name="WindowLower"/>, <paramref name="WindowUpper"/>) of its space, or none when the
/// window is null.
/// </summary>
public sealed record PlannedGap(long Start, long End, long? WindowLower, long? WindowUpper);
