namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The planner's region search: one region re-optimized exactly (<see cref="PoolRegionRepack"/>) on plans worked out
/// by hand — it trades one pool buffer for two spilled ones, which no single ejection or window move does, and leaves
/// a buffer crossing the region's edge where it is — and the search over regions (<see cref="PoolNeighbourhoodSearch"/>)
/// on random problems from the greedy baseline's plan: always a valid plan, never costlier, the same on every run,
/// and cheaper on some.
/// </summary>
public sealed class PoolRegionSearchTests
{
    private static readonly Pool Fast = new("fast", 10, 1, 0);
    private static readonly Pool Slow = new("slow", 100, 1, 1);

    [Fact]
    public void A_region_keeps_two_spilled_buffers_for_one_heavier_buffer_which_no_single_move_does()
    {
        // The 10-byte fast pool holds "six" (weight 6); "five.a" and "five.b" (weight 5 each), live at the same steps,
        // are spilled: cost 10. Both fives fit together (cost 6), but one five alone is worth less than six, so an
        // ejection or a window move (which inserts by value, six first) finds nothing; the exact region keeps both.
        var buffers = new[] { new Buffer("six", 0, 2, 6), new Buffer("five.a", 0, 2, 5), new Buffer("five.b", 0, 2, 5) };
        var problem = PoolProblem.WithDefaults([Fast, Slow], buffers);
        var folded = FoldedPoolProblem.Fold(problem);
        var (packing, work) = Start(problem, folded, [0, 1, 1], [0, 0, 5]);
        var bound = new PoolCostBound(folded);
        var window = new PoolWindowRepack(folded, bound, packing, work, 2_000);
        Assert.False(window.Improve(1, 0, rebuild: false));
        Assert.False(window.Improve(1, 0, rebuild: true));

        var region = new PoolRegionRepack(folded, bound, packing, work);
        Assert.True(region.Improve(0, 0, bound.Segments, [0], [1, 2], [], 10_000, 2_000));
        Assert.True(region.Exhaustive);
        Assert.Equal([1, 0, 0], packing.PoolOf);
        Assert.Equal(6, PoolPlanner.Cost(folded, packing.PoolOf));
        Assert.Empty(PoolValidator.Validate(problem, folded.Expand(packing.PoolOf, packing.Offsets)));
    }

    [Fact]
    public void A_buffer_crossing_the_region_stays_where_it_is_and_the_free_ones_are_placed_around_it()
    {
        // "long" (2 bytes, steps 0-5) crosses the region of steps 0-1, where "four" (weight 4) is in the fast pool and
        // "six" (weight 6) is spilled: cost 6. The region frees "four", offers "six" and anchors "long", so the region
        // has 8 free bytes: "six" and "four" never fit together, and "six" alone only where "long" leaves 6 in a row.
        var buffers = new[] { new Buffer("long", 0, 6, 2), new Buffer("four", 0, 2, 4), new Buffer("six", 0, 2, 6) };
        var problem = PoolProblem.WithDefaults([Fast, Slow], buffers);
        var folded = FoldedPoolProblem.Fold(problem);
        var bound = new PoolCostBound(folded);
        (int First, int End) window = (bound.Hull(1).First, bound.Hull(1).End);

        // "long" at 4 splits the pool into 4 + 4 free bytes at steps 0-1: "six" fits nowhere around it.
        var (packing, work) = Start(problem, folded, [0, 0, 1], [4, 0, 0]);
        var region = new PoolRegionRepack(folded, bound, packing, work);
        Assert.False(region.Improve(0, window.First, window.End, [1], [2], [0], 10_000, 2_000));
        Assert.True(region.Exhaustive);
        Assert.Equal([0, 0, 1], packing.PoolOf);
        Assert.Equal([4L, 0L, 0L], packing.Offsets);

        // "long" at 8 leaves 8 free bytes below it: "six" comes in and "four" (lighter) leaves; "long" does not move.
        (packing, work) = Start(problem, folded, [0, 0, 1], [8, 0, 0]);
        region = new PoolRegionRepack(folded, bound, packing, work);
        Assert.True(region.Improve(0, window.First, window.End, [1], [2], [0], 10_000, 2_000));
        Assert.Equal(0, packing.PoolOf[0]);
        Assert.Equal(8, packing.Offsets[0]);
        Assert.Equal([0, 1, 0], packing.PoolOf);
        Assert.Equal(4, PoolPlanner.Cost(folded, packing.PoolOf));
        Assert.Empty(PoolValidator.Validate(problem, folded.Expand(packing.PoolOf, packing.Offsets)));
    }

    [Fact]
    public void From_the_greedy_plan_it_gives_valid_plans_never_costlier_sometimes_cheaper_and_the_same_on_every_run()
    {
        int cheaper = 0;
        for (int seed = 0; seed < 600; seed++)
        {
            var problem = PoolProblemGenerator.Generate(seed);
            var folded = FoldedPoolProblem.Fold(problem);
            if (folded.EmptyGroup >= 0) continue;
            var packer = new PoolPacker(folded);
            if (!PoolGreedy.Place(folded, packer, PoolGreedy.BySize(folded.Buffers))) continue;
            var start = ((int[])packer.PoolOf.Clone(), (long[])packer.Offsets.Clone());
            long before = PoolPlanner.Cost(folded, start.Item1);
            var first = NewSearch(folded).Improve(start.Item1, start.Item2, Nodes(100_000));
            var second = NewSearch(folded).Improve(start.Item1, start.Item2, Nodes(100_000));
            Assert.Equal(first.PoolOf, second.PoolOf);
            Assert.Equal(first.Offsets, second.Offsets);
            var violations = PoolValidator.Validate(problem, folded.Expand(first.PoolOf, first.Offsets));
            Assert.True(violations.Count == 0, $"seed {seed}: {(violations.Count > 0 ? violations[0].Message : "")}");
            long after = PoolPlanner.Cost(folded, first.PoolOf);
            Assert.True(after <= before, $"seed {seed}: {after} above the greedy plan's {before}");
            if (after < before) cheaper++;
        }
        Assert.True(cheaper > 20, $"the region search improved only {cheaper} greedy plans");
    }

    private static (PoolPacking, PoolWork) Start(PoolProblem problem, FoldedPoolProblem folded, int[] poolOf, long[] offsets)
    {
        var work = new PoolWork(1_000_000, null, null, CancellationToken.None);
        var packing = new PoolPacking(folded, new SolverOptions(), work);
        for (int k = 0; k < poolOf.Length; k++) packing.Place(k, poolOf[k], offsets[k]);
        Assert.Empty(PoolValidator.Validate(problem, folded.Expand(poolOf, offsets)));
        return (packing, work);
    }

    private static PoolNeighbourhoodSearch NewSearch(FoldedPoolProblem folded)
    {
        var work = new PoolWork(1_000_000, null, null, CancellationToken.None);
        var packing = new PoolPacking(folded, new SolverOptions(), work);
        return new PoolNeighbourhoodSearch(folded, new PoolCostBound(folded), packing, work, 5_000, 300);
    }

    // A share of nodes, with no limit on the units of work.
    private static PoolBudget Nodes(long nodes) => new(nodes, long.MaxValue);
}
