namespace MiniMalloc.Planning;

/// <summary>A gap of a buffer as read from a lifetimes file: steps [<see cref="Start"/>, <see cref="End"/>) and an optional window.</summary>
/// <param name="Start">The first step of the gap.</param>
/// <param name="End">The first step after the gap.</param>
/// <param name="Window">The bytes still occupied during the gap (relative to the buffer's offset), or null when none are.</param>
/// <param name="Location">Where the gap object starts in the file.</param>
internal sealed record LifetimesGap(long Start, long End, Window? Window, SourceLocation Location);
