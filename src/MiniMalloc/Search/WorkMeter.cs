namespace MiniMalloc.Search;

/// <summary>
/// Counts what a search does beyond its nodes, in units of about one array element read or written on the hot
/// paths whose cost depends on the shape of the problem: a section a placement occupies or whose floor it raises or
/// looks at, a buffer a placement raises or looks at, an entry of a per-node ordering. The node count alone does not
/// bound the time: a node costs tens of units on the published benchmarks and thousands where buffers live for
/// thousands of steps. A work cap (<see cref="StopCondition.WithWorkLimit"/>) counts these units, so that it bounds the
/// time on every shape and still stops at the same place on a fast and a slow machine.
/// </summary>
internal sealed class WorkMeter
{
    /// <summary>The units counted so far.</summary>
    public long Units;
}
