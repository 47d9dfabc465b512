namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The integer keep-or-spill bound (<see cref="PoolIntegerBound"/>, through <see cref="PoolCostBound.IntegerBound"/>):
/// on small two-pool problems it is exactly the least weight that must leave the fast pool by live bytes (checked by
/// enumerating every kept set), never above the true optimum with addresses (checked by <see cref="PoolBruteForce"/>),
/// and it raises the planner's bound where the LP's fractions and the step knapsacks leave a gap.
/// </summary>
public sealed class PoolIntegerBoundTests
{
    [Fact]
    public void On_a_chain_it_finds_that_the_three_light_buffers_must_leave_where_the_other_bounds_stop_at_twelve()
    {
        // Five 6-byte buffers, each overlapping the next, in 10 bytes of fast memory; the middle ones weigh 100. At
        // each of four steps 2 bytes must leave: the LP bound is 6, the disjoint step knapsacks 12, and by whole
        // buffers the three light ones must go: 18. A lone byte of weight 1 later on makes the units of bytes and
        // weight 1 (else the bounds round up to multiples of 6 and reach 18 by themselves).
        var problem = Chain();
        var bound = new PoolCostBound(FoldedPoolProblem.Fold(problem));
        Assert.Equal(12, bound.Compute(PoolBoundStrength.Strongest));

        // Towards the optimal plan (the light ones in the slow pool) and towards every buffer in the slow pool.
        Assert.Equal(18, bound.IntegerBound([1, 0, 1, 0, 1, 0], 10_000, out long nodes));
        Assert.InRange(nodes, 0, 10_000);
        Assert.Equal(18, bound.IntegerBound([1, 1, 1, 1, 1, 1], 10_000, out _));
        // Without the nodes to decide it, the bound stays where it was.
        Assert.Equal(12, bound.IntegerBound([1, 1, 1, 1, 1, 1], 0, out _));
    }

    [Fact]
    public void On_random_two_pool_problems_it_is_the_live_bytes_optimum_and_never_above_the_true_optimum()
    {
        int raised = 0, checkedProblems = 0;
        for (int seed = 0; seed < 400; seed++)
        {
            var (problem, buffers, weights, fast) = TwoPoolProblems.Random(seed, minBuffers: 2, maxBuffers: 8, starts: 6, maxLife: 4);
            int n = buffers.Length;
            var bound = new PoolCostBound(FoldedPoolProblem.Fold(problem));
            var allSlow = Enumerable.Repeat(1, n).ToArray();

            long integer = bound.IntegerBound(allSlow, 1_000_000, out _);

            long liveBytesOptimum = LiveBytesOptimum(buffers, weights, fast);
            Assert.Equal(liveBytesOptimum, integer);
            Assert.True(integer <= PoolBruteForce.OptimalCost(problem), $"seed {seed}: the bound {integer} is above the optimum");
            Assert.True(integer >= bound.Compute(PoolBoundStrength.Strongest), $"seed {seed}: the bound fell");
            if (integer > bound.Compute(PoolBoundStrength.Strongest)) raised++;
            checkedProblems++;
        }
        Assert.Equal(400, checkedProblems);
        Assert.True(raised >= 10, $"the integer bound raised only {raised} of {checkedProblems} bounds");
    }

    [Fact]
    public void The_planner_proves_a_plan_optimal_by_it_without_the_branch_and_bound_needing_to()
    {
        // The chain again, with a node budget too small for the branch and bound to decide anything: the plan of 18 is
        // proven by the integer bound alone.
        var result = PoolPlanner.Solve(Chain(), new PoolPlannerOptions { NodeBudget = 1 });
        Assert.Equal(18, result.Solution!.Cost);
        Assert.Equal(18, result.CostLowerBound);
        Assert.True(result.ProvenOptimal);
    }

    private static PoolProblem Chain()
    {
        var buffers = Enumerable.Range(0, 5).Select(t => new Buffer($"a{t}", t, t + 2, 6)).Append(new Buffer("one", 10, 11, 1)).ToArray();
        long[] weights = [6, 100, 6, 100, 6, 1];
        return new PoolProblem([new Pool("fast", 10, 1, 0), new Pool("slow", 100, 1, 1)], buffers,
            Enumerable.Repeat(PoolProblem.AllPools(2), 6).ToArray(), weights);
    }

    // The least weight that must leave the fast pool so that the kept buffers' bytes fit it at every step.
    private static long LiveBytesOptimum(Buffer[] buffers, long[] weights, long capacity)
    {
        int n = buffers.Length;
        long best = long.MaxValue;
        for (int kept = 0; kept < 1 << n; kept++)
        {
            bool fits = true;
            for (long step = 0; step < 10 && fits; step++)
            {
                long bytes = 0;
                for (int i = 0; i < n; i++)
                {
                    if ((kept & (1 << i)) != 0 && buffers[i].Lifespan.Lower <= step && step < buffers[i].Lifespan.Upper) bytes += buffers[i].Size;
                }
                fits = bytes <= capacity;
            }
            if (!fits) continue;
            long leaving = 0;
            for (int i = 0; i < n; i++)
            {
                if ((kept & (1 << i)) == 0) leaving += weights[i];
            }
            best = Math.Min(best, leaving);
        }
        return best;
    }
}
