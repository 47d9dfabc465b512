namespace MiniMalloc;

/// <summary>
/// What live bytes miss when a cost layer has several pools: a buffer lies in one pool, so at any step at most
/// Σ_p ⌊c_p / (a + 1)⌋ buffers of more than a bytes are in the layer (pool p of capacity c_p holds at most
/// ⌊c_p / (a + 1)⌋ of them, each of at least a + 1 bytes). The summed capacity alone allows ⌊Σ_p c_p / (a + 1)⌋,
/// which can be more: two pools of 10 bytes hold two buffers of 6, not three. The per-step knapsack bounds and the
/// integer search (<see cref="PoolCostBound"/>, <see cref="PoolIntegerBound"/>) keep these limits; the LP does not.
/// </summary>
internal static class PoolCountLimits
{
    /// <summary>
    /// The limits (at most Count buffers of more than Above bytes) of a layer of pools of the given capacities: per
    /// capacity c, for a = ⌊c / 2⌋, ⌊c / 3⌋ and ⌊c / 4⌋, where they are below what the summed capacity allows (for
    /// one pool they never are, so it has none).
    /// </summary>
    public static (long Above, long Count)[] Of(IReadOnlyList<long> capacities)
    {
        if (capacities.Count < 2) return [];
        long total = capacities.Sum();
        var limits = new List<(long Above, long Count)>();
        foreach (long c in capacities.Distinct().Order())
        {
            for (long parts = 2; parts <= 4; parts++)
            {
                long above = c / parts;
                long count = capacities.Sum(capacity => capacity / (above + 1));
                if (count < total / (above + 1) && !limits.Any(l => l.Above == above)) limits.Add((above, count));
            }
        }
        return [.. limits];
    }
}
