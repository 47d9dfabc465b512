namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The kept sets of the integer keep-or-spill search (<see cref="PoolIntegerBound.Found"/>) and their placement from a
/// plan (<see cref="PoolKeptSetPlacement"/>): every set found fits the fast pool by live bytes and leaves the weight it
/// says, the last one the bound; every placement is a valid plan, and a complete one holds exactly the kept set in the
/// fast pool at no more than the cost the set implies.
/// </summary>
public sealed class PoolKeptSetPlacementTests
{
    [Fact]
    public void Kept_sets_fit_by_live_bytes_leave_what_they_say_and_the_last_one_is_the_bound()
    {
        int withSets = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            var (problem, fast, _, bound, _, integer) = TowardsGreedyPlan(seed);

            var sets = bound.KeptSets;
            if (sets.Count == 0) continue;
            withSets++;
            var buffers = problem.Buffers;
            long outside = Enumerable.Range(0, buffers.Count).Where(k => buffers[k].Size > fast).Sum(k => problem.Weights[k]);
            for (int i = 0; i < sets.Count; i++)
            {
                var (layer, leaving, kept) = sets[i];
                Assert.Equal(0, layer);
                Assert.True(i == 0 || leaving < sets[i - 1].Leaving, $"seed {seed}: the sets found do not leave less and less");
                long left = Enumerable.Range(0, buffers.Count).Where(k => buffers[k].Size <= fast && !kept[k]).Sum(k => problem.Weights[k]);
                Assert.Equal(left, leaving);
                for (long step = 0; step < 12; step++)
                {
                    long bytes = Enumerable.Range(0, buffers.Count)
                        .Where(k => kept[k] && buffers[k].Lifespan.Lower <= step && step < buffers[k].Lifespan.Upper).Sum(k => buffers[k].Size);
                    Assert.True(bytes <= fast, $"seed {seed}: a kept set holds {bytes} bytes at step {step}, above {fast}");
                }
            }
            Assert.Equal(outside + sets[^1].Leaving, integer);
        }
        Assert.True(withSets >= 80, $"only {withSets} of 300 problems had a kept set cheaper than the greedy plan");
    }

    [Fact]
    public void Every_placement_is_a_valid_plan_and_a_complete_one_keeps_exactly_the_set()
    {
        int complete = 0, cheaper = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            var (problem, _, folded, bound, plan, _) = TowardsGreedyPlan(seed);
            long planCost = PoolPlanner.Cost(folded, plan.PoolOf);
            var work = new PoolWork(10_000_000, null, null, CancellationToken.None);
            var placement = new PoolKeptSetPlacement(folded, new PoolPacking(folded, new PoolPlannerOptions().Search, work), work);
            long optimum = PoolBruteForce.OptimalCost(problem) ?? long.MaxValue;

            foreach (var (_, leaving, kept) in bound.KeptSets)
            {
                if (placement.Place(0, kept, plan, 20_000) is not { } placed) continue;

                var solution = folded.Expand(placed.PoolOf, placed.Offsets);
                Assert.Empty(PoolValidator.Validate(problem, solution));
                Assert.True(solution.Cost >= optimum, $"seed {seed}: a plan below the optimum");
                if (solution.Cost < planCost) cheaper++;
                if (!placement.Complete) continue;
                complete++;
                for (int k = 0; k < kept.Length; k++)
                {
                    if (kept[k]) Assert.Equal(0, placed.PoolOf[k]);
                }
                long outside = Enumerable.Range(0, kept.Length).Where(k => (bound.FitMask(k) & 1UL) == 0).Sum(k => problem.Weights[k]);
                Assert.True(solution.Cost <= outside + leaving, $"seed {seed}: the plan costs more than its kept set leaves");
            }
        }
        Assert.True(complete >= 150, $"only {complete} kept sets placed completely");
        Assert.True(cheaper >= 150, $"only {cheaper} placements cheaper than the greedy plan");
    }

    [Fact]
    public void Sets_asked_for_without_some_buffers_keep_none_of_them_and_fit()
    {
        int found = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            var (problem, fast, _, bound, plan, _) = TowardsGreedyPlan(seed);
            var buffers = problem.Buffers;
            var spilled = Enumerable.Range(0, buffers.Count).Where(k => plan.PoolOf[k] != 0 && buffers[k].Size <= fast).ToArray();
            if (spilled.Length == 0) continue;
            var excluded = new bool[buffers.Count];
            excluded[spilled[seed % spilled.Length]] = true;
            long planLeaving = spilled.Sum(k => problem.Weights[k]);

            bound.KeptSetsAvoiding(0, plan.PoolOf, excluded, 1_000_000);

            foreach (var (_, leaving, kept) in bound.KeptSets)
            {
                found++;
                Assert.True(leaving < planLeaving, $"seed {seed}: a set leaving {leaving}, not less than the plan's {planLeaving}");
                long left = Enumerable.Range(0, buffers.Count).Where(k => buffers[k].Size <= fast && !kept[k]).Sum(k => problem.Weights[k]);
                Assert.Equal(left, leaving);
                for (int k = 0; k < kept.Length; k++) Assert.False(kept[k] && excluded[k], $"seed {seed}: an excluded buffer kept");
                for (long step = 0; step < 12; step++)
                {
                    long bytes = Enumerable.Range(0, buffers.Count)
                        .Where(k => kept[k] && buffers[k].Lifespan.Lower <= step && step < buffers[k].Lifespan.Upper).Sum(k => buffers[k].Size);
                    Assert.True(bytes <= fast, $"seed {seed}: a kept set holds {bytes} bytes at step {step}, above {fast}");
                }
            }
        }
        Assert.True(found >= 30, $"only {found} sets found without an excluded buffer");
    }

    // A random problem of up to eight buffers over twelve steps (what the brute force decides), its greedy plan, and
    // the integer bound raised towards it (which leaves the kept sets it found in the bound).
    private static (PoolProblem Problem, long Fast, FoldedPoolProblem Folded, PoolCostBound Bound, (int[] PoolOf, long[] Offsets) Plan, long Integer)
        TowardsGreedyPlan(int seed)
    {
        var (problem, _, _, fast) = TwoPoolProblems.Random(seed, minBuffers: 3, maxBuffers: 9, starts: 8, maxLife: 5);
        var folded = FoldedPoolProblem.Fold(problem);
        var bound = new PoolCostBound(folded);
        var plan = GreedyPlan(folded);
        long integer = bound.IntegerBound(plan.PoolOf, 1_000_000, out _);
        return (problem, fast, folded, bound, plan, integer);
    }

    private static (int[] PoolOf, long[] Offsets) GreedyPlan(FoldedPoolProblem folded)
    {
        var packer = new PoolPacker(folded);
        Assert.True(PoolGreedy.Place(folded, packer, PoolGreedy.BySize(folded.Buffers)));
        return ((int[])packer.PoolOf.Clone(), (long[])packer.Offsets.Clone());
    }
}
