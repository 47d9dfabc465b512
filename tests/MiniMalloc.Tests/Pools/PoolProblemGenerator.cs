using MiniMalloc.Tests.Property;

namespace MiniMalloc.Tests.Pools;

/// <summary>
/// Random small pool problems: the buffers of <see cref="SmallProblemGenerator"/> (gaps, windows, alignments, fixed
/// offsets) in two or three pools with random capacities (the first below the live-size peak, the last at most the
/// brute force's 64 bytes), alignments, costs (ties sometimes), allowed pools and weights. A function of the seed.
/// </summary>
internal static class PoolProblemGenerator
{
    public static PoolProblem Generate(int seed)
    {
        var random = new Random(seed * 7919 + 17);
        var buffers = SmallProblemGenerator.Generate(seed).Buffers.Select(b => b with { Hint = null }).ToList();
        long peak = Math.Max(1, LiveProfile.Of(buffers).Peak);
        int count = random.Next(2) == 0 ? 2 : 3;
        var pools = new List<Pool>();
        long[] costChoices = [0, 1, 2, 3, 5];
        for (int p = 0; p < count; p++)
        {
            long capacity = p == count - 1
                ? Math.Min(64, peak + random.Next(0, 8))
                : Math.Max(1, (long)(peak * (0.2 + 0.6 * random.NextDouble())));
            long alignment = random.Next(4) == 0 ? (random.Next(2) == 0 ? 2 : 4) : 1;
            long cost = p == 0 ? random.Next(2) : costChoices[random.Next(costChoices.Length)];
            pools.Add(new Pool($"p{p}", capacity, alignment, cost));
        }
        ulong all = PoolProblem.AllPools(count);
        var masks = new ulong[buffers.Count];
        var weights = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            masks[i] = buffers[i].Offset is not null
                ? 1UL << random.Next(count)
                : random.Next(3) == 0 ? (ulong)random.Next(1, (int)all + 1) : all;
            weights[i] = random.Next(3) == 0 ? random.Next(0, 20) : buffers[i].Size;
        }
        return new PoolProblem(pools, buffers, masks, weights);
    }
}
