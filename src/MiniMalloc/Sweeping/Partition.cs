namespace MiniMalloc.Sweeping;

/// <summary>
/// A set of buffers that interact only with each other, spanning sections [<see cref="SectionLower"/>,
/// <see cref="SectionUpper"/>): an independent sub-problem.
/// </summary>
internal sealed record Partition(int[] BufferIndices, int SectionLower, int SectionUpper);
