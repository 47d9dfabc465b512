namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The planner's local search (<see cref="PoolLocalSearch"/>): an ejection worked out by hand, and on random
/// problems from the greedy baseline's plan: always a valid plan, never costlier, often cheaper, and the same plan
/// on every run.
/// </summary>
public sealed class PoolLocalSearchTests
{
    private static readonly Pool Fast = new("fast", 10, 1, 0);
    private static readonly Pool Slow = new("slow", 100, 1, 1);

    [Fact]
    public void An_ejection_moves_a_heavier_spilled_buffer_in_and_the_buffer_in_its_way_to_another_fit()
    {
        // "four" sits at offset 3 of the 10-byte fast pool, so "six" (live at the same steps) has no fit there and is
        // spilled (cost 6). Putting "six" at 0 evicts "four", which then fits at 6: cost 0.
        var problem = PoolProblem.WithDefaults([Fast, Slow], [new Buffer("four", 0, 2, 4), new Buffer("six", 0, 2, 6)]);
        var folded = FoldedPoolProblem.Fold(problem);
        var search = NewSearch(folded, out _);
        var (poolOf, offsets) = search.Improve([0, 1], [3, 0], Nodes(1000));
        Assert.Equal([0, 0], poolOf);
        Assert.Equal([6L, 0L], offsets);
        Assert.Equal(1, search.Improvements);
        Assert.Empty(PoolValidator.Validate(problem, folded.Expand(poolOf, offsets)));
    }

    [Fact]
    public void A_move_that_would_spill_more_weight_than_it_saves_is_not_made()
    {
        // "six" spilled weighs 6; making room for it at either end evicts "five" (weight 10) with nowhere else to go
        // in the fast pool: the plan stays.
        var buffers = new[] { new Buffer("five", 0, 2, 5), new Buffer("six", 0, 2, 6) };
        var problem = new PoolProblem([Fast, Slow], buffers, [PoolProblem.AllPools(2), PoolProblem.AllPools(2)], [10, 6]);
        var folded = FoldedPoolProblem.Fold(problem);
        var search = NewSearch(folded, out _);
        var (poolOf, offsets) = search.Improve([0, 1], [2, 0], Nodes(1000));
        Assert.Equal([0, 1], poolOf);
        Assert.Equal([2L, 0L], offsets);
        Assert.Equal(0, search.Improvements);
    }

    [Fact]
    public void From_the_greedy_plan_it_gives_valid_plans_never_costlier_often_cheaper_and_the_same_on_every_run()
    {
        int cheaper = 0, improvable = 0;
        for (int seed = 0; seed < 600; seed++)
        {
            var problem = PoolProblemGenerator.Generate(seed);
            var folded = FoldedPoolProblem.Fold(problem);
            if (folded.EmptyGroup >= 0) continue;
            var packer = new PoolPacker(folded);
            if (!PoolGreedy.Place(folded, packer, PoolGreedy.BySize(folded.Buffers))) continue;
            var start = ((int[])packer.PoolOf.Clone(), (long[])packer.Offsets.Clone());
            long before = PoolPlanner.Cost(folded, start.Item1);
            var first = NewSearch(folded, out _).Improve(start.Item1, start.Item2, Nodes(100_000));
            var second = NewSearch(folded, out _).Improve(start.Item1, start.Item2, Nodes(100_000));
            Assert.Equal(first.PoolOf, second.PoolOf);
            Assert.Equal(first.Offsets, second.Offsets);
            var violations = PoolValidator.Validate(problem, folded.Expand(first.PoolOf, first.Offsets));
            Assert.True(violations.Count == 0, $"seed {seed}: {(violations.Count > 0 ? violations[0].Message : "")}");
            long after = PoolPlanner.Cost(folded, first.PoolOf);
            Assert.True(after <= before, $"seed {seed}: {after} above the greedy plan's {before}");
            var optimum = PoolPlanner.Solve(problem);
            if (optimum.ProvenOptimal && optimum.Solution!.Cost < before) improvable++;
            if (after < before) cheaper++;
        }
        Assert.True(improvable > 20, $"only {improvable} greedy plans were above the optimum");
        Assert.True(cheaper > improvable / 3, $"the local search improved only {cheaper} of {improvable} improvable greedy plans");
    }

    private static PoolLocalSearch NewSearch(FoldedPoolProblem folded, out PoolWork work)
    {
        work = new PoolWork(1_000_000, null, null, CancellationToken.None);
        var packing = new PoolPacking(folded, new SolverOptions(), work);
        return new PoolLocalSearch(folded, new PoolCostBound(folded), packing, work, 2_000);
    }

    // A share of nodes, with no limit on the units of work.
    private static PoolBudget Nodes(long nodes) => new(nodes, long.MaxValue);
}
