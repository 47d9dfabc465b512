namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The count limits of a cost layer of several pools (<see cref="PoolCostBound.CountLimits"/>): a buffer lies in one
/// pool, so the live bytes of a layer may fit its summed capacity while its pools cannot hold the buffers.
/// </summary>
public sealed class PoolCountLimitTests
{
    // Three 6-byte buffers live together; an L1 and an L2 of 10 bytes each, and DRAM.
    private static readonly Buffer[] Three = [new("a", 0, 2, 6), new("b", 0, 2, 6), new("c", 0, 2, 6)];
    private static readonly Pool[] Hierarchy = [new("l1", 10, 1, 0), new("l2", 10, 1, 1), new("dram", 1000, 1, 4)];

    [Fact]
    public void Two_pools_of_ten_bytes_hold_two_six_byte_buffers_not_three()
    {
        var problem = PoolProblem.WithDefaults(Hierarchy, Three);
        var bound = new PoolCostBound(FoldedPoolProblem.Fold(problem));
        // L2's layer (L1 and L2, 20 bytes) holds at most two buffers of more than 5 bytes; L1's layer is one pool.
        Assert.Contains((5L, 2L), bound.CountLimits(1));
        Assert.Empty(bound.CountLimits(0));
        // Two leave L1 (12 at cost 1 each), one leaves L2 as well (6 at 3 more): 30, the optimum (one buffer per
        // pool). By bytes alone the layer of 20 bytes keeps all 18: 12.
        Assert.Equal(30, bound.Compute(PoolBoundStrength.StepKnapsack));
        Assert.Equal(12, bound.Compute(PoolBoundStrength.Weak));
        var result = PoolPlanner.Solve(problem);
        Assert.Equal(30, result.Solution!.Cost);
        Assert.True(result.ProvenOptimal);
    }

    [Fact]
    public void Limits_are_left_out_where_the_summed_capacity_already_says_as_much()
    {
        // One pool of 20 bytes beside one of 1: buffers of more than 10 bytes, one at most, as 21 bytes allow.
        var pools = new Pool[] { new("big", 20, 1, 0), new("tiny", 1, 1, 0), new("dram", 1000, 1, 1) };
        var bound = new PoolCostBound(FoldedPoolProblem.Fold(PoolProblem.WithDefaults(pools, Three)));
        Assert.DoesNotContain(bound.CountLimits(0), limit => limit.Above == 10);
        // Of more than 6 bytes: the big pool holds two, the tiny one none, three by the summed 21 bytes.
        Assert.Contains((6L, 2L), bound.CountLimits(0));
    }

    [Fact]
    public void Bounds_with_count_limits_stay_at_most_the_optimum_on_random_hierarchies()
    {
        // Buffers of a third to near all of a pool, so that the limits bite; the brute force decides each problem.
        var random = new Random(11);
        int raised = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int n = random.Next(3, 8);
            var buffers = Enumerable.Range(0, n).Select(i =>
            {
                int start = random.Next(0, 4);
                return new Buffer($"b{i}", start, start + random.Next(1, 4), random.Next(3, 10));
            }).ToArray();
            // DRAM of 64 bytes (the brute force's limit) holds every buffer at once.
            var pools = new Pool[] { new("l1", random.Next(6, 13), 1, 0), new("l2", random.Next(6, 13), 1, 1), new("dram", 64, 1, 4) };
            var problem = new PoolProblem(pools, buffers, [.. buffers.Select(_ => 7UL)], [.. buffers.Select(_ => (long)random.Next(1, 20))]);
            long optimum = PoolBruteForce.OptimalCost(problem) ?? throw new InvalidOperationException("DRAM holds everything");
            var bound = new PoolCostBound(FoldedPoolProblem.Fold(problem));
            foreach (var strength in Enum.GetValues<PoolBoundStrength>())
            {
                Assert.True(bound.Compute(strength) <= optimum, $"trial {trial}: {strength} bound {bound.Compute(strength)} above the optimum {optimum}");
            }
            if (bound.Compute(PoolBoundStrength.Strong) > bound.Compute(PoolBoundStrength.Lp)) raised++;
            var result = PoolPlanner.Solve(problem);
            Assert.Equal(optimum, result.Solution!.Cost);
            Assert.True(result.ProvenOptimal, $"trial {trial}");
        }
        // The limits, which the LP does not see, lift the knapsack bounds above it on some of these problems.
        Assert.True(raised > 20, $"the knapsack bounds passed the LP on {raised} of 400 problems");
    }
}
