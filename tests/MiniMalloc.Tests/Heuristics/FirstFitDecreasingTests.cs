using MiniMalloc.Collections;
using MiniMalloc.Generators;
using static MiniMalloc.Heuristics.HeuristicTestProblems;

namespace MiniMalloc.Heuristics;

/// <summary>First fit by decreasing size over a segment tree of placed ranges, and the union of ranges under it, against brute force.</summary>
public class FirstFitDecreasingTests
{
    // The definition, in O(n²): fixed buffers first, then by decreasing size (or power of two at or below it), equal
    // ones by first step, then index, each at the lowest aligned offset meeting no buffer placed before it that
    // overlaps it in time.
    private static long[] BruteForce(Problem problem, FirstFitOrder placement)
    {
        var b = problem.Buffers;
        long Key(Buffer buffer) => placement == FirstFitOrder.Size || buffer.Size == 0 ? buffer.Size : (long)Math.Pow(2, Math.Floor(Math.Log2(buffer.Size)));
        var order = Enumerable.Range(0, b.Count)
            .OrderBy(i => b[i].Offset is null ? 1 : 0)
            .ThenByDescending(i => b[i].Offset is null ? Key(b[i]) : 0)
            .ThenBy(i => b[i].Offset is null ? b[i].Lifespan.Lower : 0)
            .ThenBy(i => i);
        var offsets = new long[b.Count];
        var placed = new List<int>();
        foreach (int i in order)
        {
            if (b[i].Size == 0)
            {
                offsets[i] = b[i].Offset ?? 0;
                continue;
            }
            long x = b[i].Offset ?? 0;
            for (bool moved = b[i].Offset is null; moved;)
            {
                moved = false;
                foreach (int p in placed)
                {
                    if (!b[p].Lifespan.Overlaps(b[i].Lifespan) || offsets[p] >= x + b[i].Size || x >= offsets[p] + b[p].Size) continue;
                    x = (offsets[p] + b[p].Size + b[i].Alignment - 1) / b[i].Alignment * b[i].Alignment;
                    moved = true;
                }
            }
            offsets[i] = x;
            placed.Add(i);
        }
        return offsets;
    }

    [Theory]
    [InlineData(1UL, 400, 40, 1L, false, FirstFitOrder.Size)]
    [InlineData(2UL, 100, 90, 1L, false, FirstFitOrder.Size)]   // long lifespans: each buffer climbs past many
    [InlineData(3UL, 400, 40, 64L, false, FirstFitOrder.Size)]
    [InlineData(4UL, 300, 300, 16L, true, FirstFitOrder.Size)]  // nested and fixed buffers
    [InlineData(5UL, 100, 90, 1L, false, FirstFitOrder.SizeClass)]
    [InlineData(6UL, 300, 300, 16L, true, FirstFitOrder.SizeClass)]
    public void Places_every_buffer_where_the_brute_force_first_fit_does(ulong seed, int span, int maxLife, long maxAlignment, bool withFixed, FirstFitOrder order)
    {
        var problem = RandomProblem(1_200, seed, span, maxLife, maxAlignment, withFixed);
        var plan = FirstFitDecreasing.Solve(problem, order, long.MaxValue)!;
        Assert.Equal(BruteForce(problem, order), plan.Offsets);
        Assert.True(Validator.Validate(problem.WithCapacity(plan.Height), plan).IsValid);
    }

    [Fact]
    public void Reaches_the_lower_bound_where_the_sweep_does_not()
    {
        // A decoder-like shape: long-lived caches beside short intermediates, the sweep's best fit fragments it.
        var problem = ShapeProblemGenerator.Generate(new ShapeParameters { Shape = ProblemShape.Decoder, Buffers = 20_000, LiveSet = 200 });
        long bound = LiveProfile.Of(problem).Peak;
        var plan = FirstFitDecreasing.Solve(problem);
        Assert.True(Validator.Validate(problem.WithCapacity(Math.Max(plan.Height, problem.Capacity)), plan).IsValid);
        Assert.True(HoleSweep.Solve(problem)!.Height > bound, "the sweep alone leaves a gap here");
        Assert.Equal(bound, plan.Height);
    }

    [Fact]
    public void A_budget_too_small_gives_no_plan_and_a_sufficient_one_the_same_plan()
    {
        var problem = RandomProblem(2_000, 7, 200, 150);
        var unbounded = FirstFitDecreasing.Solve(problem);
        Assert.Null(FirstFitDecreasing.Solve(problem, FirstFitOrder.Size, workBudget: 100));
        Assert.Equal(unbounded.Offsets, FirstFitDecreasing.Solve(problem, FirstFitOrder.Size, workBudget: long.MaxValue - 1)!.Offsets);
        Assert.Empty(FirstFitDecreasing.Solve(new Problem([], 0)).Offsets);
    }

    [Fact]
    public void The_union_of_ranges_agrees_with_a_bitmap()
    {
        var union = new IntervalUnion();
        var taken = new bool[4_000];
        var random = new SplitMix64(9);
        for (int step = 0; step < 3_000; step++)
        {
            int lower = random.Below(3_900), upper = lower + 1 + random.Below(step < 1_500 ? 3 : 40);
            union.Add(lower, upper);
            for (int i = lower; i < upper; i++) taken[i] = true;
            long size = 1 + random.Below(30), alignment = 1L << random.Below(4);
            long x = alignment * random.Below(3_900 / (int)alignment);
            Assert.Equal(LowestFree(taken, x, size, alignment), union.LowestFree(x, size, alignment));
        }
        // Merged into disjoint ranges: never more than the runs of taken bytes.
        int runs = Enumerable.Range(0, taken.Length).Count(i => taken[i] && (i == 0 || !taken[i - 1]));
        Assert.Equal(runs, union.Count);
    }

    [Fact]
    public void Asked_again_at_rising_offsets_the_union_answers_as_a_bitmap_and_says_how_far_the_answer_is_free()
    {
        var union = new IntervalUnion();
        var taken = new bool[4_000];
        var random = new SplitMix64(11);
        for (int step = 0; step < 1_500; step++)
        {
            int lower = random.Below(3_900), upper = lower + 1 + random.Below(12);
            union.Add(lower, upper);
            for (int i = lower; i < upper; i++) taken[i] = true;
            // A fit climbing: each offset asked at or above the previous answer, the search resumed from where it was.
            long size = 1 + random.Below(20), alignment = 1L << random.Below(3);
            long x = alignment * random.Below(400 / (int)alignment);
            int from = 0;
            for (int ask = 0; ask < 6; ask++)
            {
                long answer = union.LowestFree(x, size, alignment, ref from, out long freeUntil);
                Assert.Equal(LowestFree(taken, x, size, alignment), answer);
                long nextTaken = answer;
                while (nextTaken < taken.Length && !taken[nextTaken]) nextTaken++;
                Assert.Equal(nextTaken >= taken.Length ? long.MaxValue : nextTaken, freeUntil);
                x = answer + alignment * (1 + random.Below(300));
            }
        }
    }

    private static long LowestFree(bool[] taken, long x, long size, long alignment)
    {
        for (long y = x; ; y += alignment)
        {
            bool free = true;
            for (long i = y; i < y + size && free; i++) free = i >= taken.Length || !taken[i];
            if (free) return y;
        }
    }
}
