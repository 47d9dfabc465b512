using System.Diagnostics;

namespace MiniMalloc.Sweeping;

/// <summary>
/// For each buffer, the buffers live at the same time (ascending index) and how far above its offset each must start
/// (its effective size towards each). Stored as one index array per buffer, and the effective sizes only where they
/// can differ from the buffer's own size.
/// </summary>
/// <remarks>
/// There are O(buffers × live set) overlapping pairs, by far the largest thing the search keeps on a large live set.
/// Without gaps in any lifespan, every effective size is the owner's size (its window is its whole size whenever both
/// are live), so a pair takes four bytes instead of sixteen; with gaps, an effective size per pair is kept as well.
/// </remarks>
internal sealed class OverlapLists
{
    private readonly int[][] _neighbours;
    private readonly long[][]? _effectiveSizes;
    private readonly long[] _ownSizes;

    /// <param name="neighbours">Per buffer, the buffers overlapping it, ascending.</param>
    /// <param name="effectiveSizes">Per buffer, the effective size towards each of them; null when every one is the buffer's size.</param>
    /// <param name="ownSizes">Per buffer, its size.</param>
    public OverlapLists(int[][] neighbours, long[][]? effectiveSizes, long[] ownSizes)
    {
        Debug.Assert(effectiveSizes is null || effectiveSizes.Length == neighbours.Length);
        _neighbours = neighbours;
        _effectiveSizes = effectiveSizes;
        _ownSizes = ownSizes;
    }

    /// <summary>The buffers overlapping <paramref name="b"/> in time, ascending.</summary>
    public int[] Neighbours(int b) => _neighbours[b];

    /// <summary>
    /// The effective sizes of <paramref name="b"/> towards its <see cref="Neighbours"/>, index for index, or null when
    /// each is <paramref name="b"/>'s size (<see cref="OwnSize"/>).
    /// </summary>
    public long[]? EffectiveSizes(int b) => _effectiveSizes?[b];

    public long OwnSize(int b) => _ownSizes[b];

    /// <summary>How many buffers overlap <paramref name="b"/>.</summary>
    public int Count(int b) => _neighbours[b].Length;

    /// <summary>The overlaps of <paramref name="b"/> as pairs (allocates: for tests and diagnostics, not the search).</summary>
    public Overlap[] Of(int b)
    {
        var neighbours = _neighbours[b];
        var sizes = _effectiveSizes?[b];
        var result = new Overlap[neighbours.Length];
        for (int i = 0; i < neighbours.Length; i++) result[i] = new Overlap(neighbours[i], sizes is null ? _ownSizes[b] : sizes[i]);
        return result;
    }

    /// <summary>How many overlapping pairs are stored (each pair once per side).</summary>
    public long PairCount()
    {
        long count = 0;
        foreach (var neighbours in _neighbours) count += neighbours.Length;
        return count;
    }
}
