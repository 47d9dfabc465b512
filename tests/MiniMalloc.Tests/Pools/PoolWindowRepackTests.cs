namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The local search's window move (<see cref="PoolWindowRepack"/>), on plans worked out by hand: the augmenting form
/// makes room for a spilled buffer by placing the window's buffers anew around one anchored at the window's edge; the
/// rebuilding form changes a lighter buffer for a heavier spilled one; a move that does not lower the cost leaves
/// the plan as it was.
/// </summary>
public sealed class PoolWindowRepackTests
{
    private static readonly Pool Fast = new("fast", 10, 1, 0);
    private static readonly Pool Slow = new("slow", 100, 1, 1);

    [Fact]
    public void Augmenting_places_the_window_anew_around_the_buffer_that_crosses_its_edge()
    {
        // In the 10-byte fast pool, "a" (5 bytes, steps 0-3) at offset 2 leaves holes of 2 and 3 bytes at steps 0-1,
        // so the spilled "b" (4 bytes, steps 0-1) has no fit. "d" (steps 3-5, at 7) meets the window (steps 0-3, the
        // lifespans of b and a) only at its edge: it stays, and a moves below 7 - 5 = 2 to make room for b.
        var buffers = new[] { new Buffer("a", 0, 4, 5), new Buffer("b", 0, 2, 4), new Buffer("d", 3, 6, 3) };
        var (problem, folded, packing, repack) = Setup(buffers, [0, 1, 0], [2, 0, 7]);
        Assert.True(repack.Improve(1, 0, rebuild: false));
        Assert.Equal([0, 0, 0], packing.PoolOf);
        Assert.Equal(7, packing.Offsets[2]);
        Assert.True(packing.Offsets[0] <= 2);
        Assert.Empty(PoolValidator.Validate(problem, folded.Expand(packing.PoolOf, packing.Offsets)));
    }

    [Fact]
    public void Rebuilding_trades_a_lighter_buffer_for_a_heavier_spilled_one_and_augmenting_does_not()
    {
        // "six" holds the fast pool; the spilled "seven" (weight 7) does not fit beside it. Augmenting keeps "six" and
        // finds no room; rebuilding inserts "seven" first and sends "six" to the slow pool: cost 7 down to 6.
        var buffers = new[] { new Buffer("six", 0, 2, 6), new Buffer("seven", 0, 2, 7) };
        var (problem, folded, packing, repack) = Setup(buffers, [0, 1], [0, 0]);
        Assert.False(repack.Improve(1, 0, rebuild: false));
        Assert.Equal([0, 1], packing.PoolOf);
        Assert.Equal([0L, 0L], packing.Offsets);
        Assert.True(repack.Improve(1, 0, rebuild: true));
        Assert.Equal([1, 0], packing.PoolOf);
        Assert.Equal(6, PoolPlanner.Cost(folded, packing.PoolOf));
        Assert.Empty(PoolValidator.Validate(problem, folded.Expand(packing.PoolOf, packing.Offsets)));
    }

    [Fact]
    public void A_window_that_cannot_keep_more_weight_leaves_the_plan_as_it_was()
    {
        // "five" weighs 10 and fills half the pool at the same steps as the spilled "six" (weight 6): neither form
        // keeps more weight in the fast pool, so nothing moves.
        var buffers = new[] { new Buffer("five", 0, 2, 5), new Buffer("six", 0, 2, 6) };
        var problem = new PoolProblem([Fast, Slow], buffers, [PoolProblem.AllPools(2), PoolProblem.AllPools(2)], [10, 6]);
        var (_, _, packing, repack) = Setup(problem, [0, 1], [2, 0]);
        Assert.False(repack.Improve(1, 0, rebuild: false));
        Assert.False(repack.Improve(1, 0, rebuild: true));
        Assert.Equal([0, 1], packing.PoolOf);
        Assert.Equal([2L, 0L], packing.Offsets);
    }

    private static (PoolProblem, FoldedPoolProblem, PoolPacking, PoolWindowRepack) Setup(Buffer[] buffers, int[] poolOf, long[] offsets) =>
        Setup(PoolProblem.WithDefaults([Fast, Slow], buffers), poolOf, offsets);

    private static (PoolProblem, FoldedPoolProblem, PoolPacking, PoolWindowRepack) Setup(PoolProblem problem, int[] poolOf, long[] offsets)
    {
        var folded = FoldedPoolProblem.Fold(problem);
        var work = new PoolWork(1_000_000, null, null, CancellationToken.None);
        var packing = new PoolPacking(folded, new SolverOptions(), work);
        for (int k = 0; k < poolOf.Length; k++) packing.Place(k, poolOf[k], offsets[k]);
        Assert.Empty(PoolValidator.Validate(problem, folded.Expand(poolOf, offsets)));
        return (problem, folded, packing, new PoolWindowRepack(folded, new PoolCostBound(folded), packing, work, 2_000));
    }
}
