using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>
/// For one node's state, exclusive prefix and suffix maxima of floor + total and of total over the sections of its
/// sub-problem: the maxima outside any span in O(1), for <see cref="ScannedBounds"/>' fast path. Computed in
/// O(sections) when a node first needs them, and kept for as long as they describe the node's state.
/// </summary>
internal sealed class NeighbourMaxima
{
    public readonly long[] PrefixFloorTotal;
    public readonly long[] SuffixFloorTotal;
    public readonly long[] PrefixTotal;
    public readonly long[] SuffixTotal;

    public NeighbourMaxima(int sectionCount)
    {
        PrefixFloorTotal = new long[sectionCount + 1];
        SuffixFloorTotal = new long[sectionCount + 1];
        PrefixTotal = new long[sectionCount + 1];
        SuffixTotal = new long[sectionCount + 1];
    }

    /// <summary>
    /// The node (by its frame's index on the search's stack) whose state the maxima describe, or -1. A node's state
    /// is the same before each of its candidates (each placement is undone), so they hold until another node
    /// computes its own, or until the frame is reused by a new node (<see cref="Forget"/>).
    /// </summary>
    public int Node { get; private set; } = -1;

    /// <summary>A new node enters frame <paramref name="node"/>: maxima computed there describe another state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forget(int node)
    {
        if (Node == node) Node = -1;
    }

    public void Compute(int node, int lower, int upper, long[] floors, long[] totals)
    {
        long floorTotal = long.MinValue, total = long.MinValue;
        for (int s = lower; s < upper; s++)
        {
            PrefixFloorTotal[s] = floorTotal;
            PrefixTotal[s] = total;
            floorTotal = Math.Max(floorTotal, floors[s] + totals[s]);
            total = Math.Max(total, totals[s]);
        }
        floorTotal = total = long.MinValue;
        SuffixFloorTotal[upper] = floorTotal;
        SuffixTotal[upper] = total;
        for (int s = upper - 1; s >= lower; s--)
        {
            floorTotal = Math.Max(floorTotal, floors[s] + totals[s]);
            total = Math.Max(total, totals[s]);
            SuffixFloorTotal[s] = floorTotal;
            SuffixTotal[s] = total;
        }
        Node = node;
    }
}
