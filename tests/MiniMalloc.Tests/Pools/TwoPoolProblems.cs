namespace MiniMalloc.Tests.Pools;

/// <summary>
/// Random small two-pool problems for the bounds' tests: a fast pool of some part of the live-size peak (cost 0) and
/// a slow pool of 64 bytes (cost 1, what the brute force handles), every buffer allowed in both, sizes 1-8, weights
/// the size (a third of them) or 1-11. A function of the seed and the shape.
/// </summary>
internal static class TwoPoolProblems
{
    /// <summary>
    /// <paramref name="minBuffers"/> to <paramref name="maxBuffers"/> - 1 buffers, each starting before step
    /// <paramref name="starts"/> and living 1 to <paramref name="maxLife"/> - 1 steps; with the buffers, their weights
    /// and the fast pool's capacity.
    /// </summary>
    public static (PoolProblem Problem, Buffer[] Buffers, long[] Weights, long Fast) Random(int seed, int minBuffers, int maxBuffers, int starts, int maxLife)
    {
        var random = new Random(seed);
        int n = random.Next(minBuffers, maxBuffers);
        var buffers = new Buffer[n];
        var weights = new long[n];
        for (int i = 0; i < n; i++)
        {
            int lower = random.Next(0, starts);
            buffers[i] = new Buffer($"b{i}", lower, lower + random.Next(1, maxLife), random.Next(1, 9));
            weights[i] = random.Next(0, 3) == 0 ? buffers[i].Size : random.Next(1, 12);
        }
        long peak = LiveProfile.Of(new Problem(buffers, 0)).Peak;
        long fast = random.Next(1, (int)peak + 1);
        var problem = new PoolProblem([new Pool("fast", fast, 1, 0), new Pool("slow", 64, 1, 1)], buffers,
            Enumerable.Repeat(PoolProblem.AllPools(2), n).ToArray(), weights);
        return (problem, buffers, weights, fast);
    }
}
