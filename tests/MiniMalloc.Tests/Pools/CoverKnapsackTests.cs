namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The per-step cover knapsack against enumeration: the least weight of items whose sizes reach a target and which
/// include enough items above given sizes (what must leave a step of several pools), exact within its node cap,
/// and never above the optimum when cut short or relaxed.
/// </summary>
public sealed class CoverKnapsackTests
{
    [Fact]
    public void Enough_large_items_must_leave_even_when_the_bytes_fit()
    {
        // Three items of 6 bytes fit 20 bytes by their sum, but two pools of 10 hold one each: one must leave, the
        // lightest.
        var knapsack = new CoverKnapsack();
        knapsack.Add(6, 3);
        knapsack.Add(6, 1);
        knapsack.Add(6, 2);
        knapsack.SetCounts([(5, 1)]);
        Assert.Equal(1, knapsack.Solve(0, exact: true));
        Assert.Equal(0, knapsack.Solve(0, exact: false)); // the relaxation does not see counts
        knapsack.SetCounts([(5, 4)]);
        Assert.Equal(-1, knapsack.Solve(0, exact: true)); // four must leave, three exist
    }

    [Fact]
    public void It_agrees_with_enumeration_on_random_items()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 3000; trial++)
        {
            int n = random.Next(1, 11);
            var sizes = Enumerable.Range(0, n).Select(_ => (long)random.Next(1, 40)).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => (long)random.Next(0, 30)).ToArray();
            long target = random.Next(-5, (int)sizes.Sum() + 10);
            var counts = Enumerable.Range(0, random.Next(0, 3)).Select(_ => ((long)random.Next(1, 35), (long)random.Next(-1, 4))).ToArray();
            var knapsack = new CoverKnapsack { NodeCap = 1_000_000 };
            for (int i = 0; i < n; i++) knapsack.Add(sizes[i], weights[i]);
            if (counts.Length > 0) knapsack.SetCounts(counts);
            long expected = Enumerate(sizes, weights, target, counts);
            string what = $"trial {trial}: sizes [{string.Join(",", sizes)}], weights [{string.Join(",", weights)}], target {target}, counts [{string.Join(",", counts)}]";
            Assert.True(expected == knapsack.Solve(target, exact: true), $"{what}: enumeration {expected}");
            long relaxed = knapsack.Solve(target, exact: false);
            // The relaxation sees the bytes only: -1 exactly when they cannot be reached, else at most the optimum.
            bool bytesReachable = sizes.Sum() >= target;
            Assert.True(bytesReachable ? relaxed >= 0 && (expected < 0 || relaxed <= expected) : relaxed == -1, $"{what}: relaxation {relaxed}, optimum {expected}");
            var capped = new CoverKnapsack { NodeCap = 3 };
            for (int i = 0; i < n; i++) capped.Add(sizes[i], weights[i]);
            if (counts.Length > 0) capped.SetCounts(counts);
            long cut = capped.Solve(target, exact: true);
            // Cut short after three nodes: still -1 when nothing covers, else a bound at most the optimum.
            Assert.True(expected < 0 ? cut == -1 : cut >= 0 && cut <= expected, $"{what}: cut short {cut}, optimum {expected}");
        }
    }

    // The least weight of a subset whose sizes reach the target and which holds at least `need` items above each
    // size; -1 when none does.
    private static long Enumerate(long[] sizes, long[] weights, long target, (long Above, long Need)[] counts)
    {
        long best = long.MaxValue;
        for (int mask = 0; mask < 1 << sizes.Length; mask++)
        {
            long bytes = 0, weight = 0;
            for (int i = 0; i < sizes.Length; i++)
            {
                if ((mask & (1 << i)) == 0) continue;
                bytes += sizes[i];
                weight += weights[i];
            }
            if (bytes < target) continue;
            if (counts.Any(c => Enumerable.Range(0, sizes.Length).Count(i => (mask & (1 << i)) != 0 && sizes[i] > c.Above) < c.Need)) continue;
            best = Math.Min(best, weight);
        }
        return best == long.MaxValue ? -1 : best;
    }
}
