using MiniMalloc.Collections;
using static MiniMalloc.Heuristics.HeuristicTestProblems;

namespace MiniMalloc.Heuristics;

/// <summary>The O(n log n) best-fit sweep, the ordered set under it, and the validator's sweep, against brute force.</summary>
public class HoleSweepTests
{
    private static Problem Random(int count, ulong seed, int span, long maxAlignment = 1)
    {
        var random = new SplitMix64(seed);
        var buffers = new Buffer[count];
        for (int i = 0; i < count; i++)
        {
            long lower = random.Below(span);
            long upper = lower + 1 + random.Below(40);
            long alignment = 1L << random.Below((int)Math.Log2(maxAlignment) + 1);
            buffers[i] = new Buffer($"b{i}", lower, upper, 1 + random.Below(1000)) { Alignment = alignment };
        }
        return new Problem(buffers, long.MaxValue / 4);
    }

    [Theory]
    [InlineData(1UL, 1L)]
    [InlineData(2UL, 1L)]
    [InlineData(3UL, 64L)]
    public void Plans_are_valid_aligned_and_no_lower_than_the_live_bytes(ulong seed, long maxAlignment)
    {
        var problem = Random(3_000, seed, 400, maxAlignment);
        var plan = HoleSweep.Solve(problem)!;
        Assert.False(Overlaps(problem, plan.Offsets));
        Assert.True(Validator.Validate(problem, plan).IsValid);
        Assert.All(Enumerable.Range(0, problem.Buffers.Count), i => Assert.Equal(0, plan.Offsets[i] % problem.Buffers[i].Alignment));
        Assert.True(plan.Height >= LiveProfile.Of(problem).Peak);
        // Never above the first-fit/best-fit sweep's plan by more than the alignment it must pay.
        Assert.True(plan.Height <= 2 * SweepAllocator.Solve(problem).Height);
    }

    [Fact]
    public void Fixed_buffers_are_left_to_the_other_allocators() =>
        Assert.Null(HoleSweep.Solve(new Problem([new Buffer("a", 0, 1, 4) { Offset = 0 }], 4)));

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void The_validators_sweep_finds_an_overlap_exactly_when_there_is_one(ulong seed)
    {
        var problem = Random(2_500, seed, 300);
        Assert.True(problem.Buffers.Count > Validator.SweepThreshold);
        var plan = HoleSweep.Solve(problem)!;
        var random = new SplitMix64(seed);
        for (int round = 0; round < 20; round++)
        {
            // Move one buffer onto another's offset or next to it: sometimes a conflict, sometimes not.
            var offsets = plan.Offsets.ToArray();
            int moved = random.Below(offsets.Length), onto = random.Below(offsets.Length);
            offsets[moved] = Math.Max(0, offsets[onto] + random.Below(3) - 1);
            var solution = Solution.FromOffsets(problem, offsets);
            var verdict = Validator.Validate(problem, solution);
            Assert.Equal(Overlaps(problem, offsets), !verdict.IsValid);
            if (!verdict.IsValid) Assert.Equal(ViolationKind.Overlap, verdict.Kind);
        }
    }

    [Fact]
    public void Ordered_keys_agree_with_a_sorted_set()
    {
        var keys = new OrderedKeys(4);
        var reference = new SortedSet<Int128>();
        var random = new SplitMix64(5);
        for (int step = 0; step < 20_000; step++)
        {
            Int128 key = random.Below(500);
            if (random.Below(2) == 0)
            {
                if (reference.Add(key)) keys.Add(key);
            }
            else
            {
                Assert.Equal(reference.Remove(key), keys.Remove(key));
            }
            Int128 probe = random.Below(520) - 10;
            var above = reference.GetViewBetween(probe, Int128.MaxValue);
            Assert.Equal(above.Count > 0, keys.TryCeiling(probe, out var ceiling));
            if (above.Count > 0) Assert.Equal(above.Min, ceiling);
            var below = reference.GetViewBetween(Int128.MinValue, probe);
            Assert.Equal(below.Count > 0, keys.TryFloor(probe, out var floor));
            if (below.Count > 0) Assert.Equal(below.Max, floor);
            Assert.Equal(reference.Count, keys.Count);
        }
    }
}
