namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The LP bound over all steps (<see cref="PoolLpBound"/>): its value on a problem worked out by hand, and how it
/// relates to the other bounds and to the optimum on random problems (its soundness against the brute force over
/// every strength is in <see cref="PoolPlannerAgreesWithBruteForceTests"/>; against an LP solver in the
/// differential tests).
/// </summary>
public sealed class PoolLpBoundTests
{
    [Fact]
    public void On_a_chain_it_takes_fractions_of_the_cheap_buffers_where_the_step_knapsacks_take_whole_ones()
    {
        // Five buffers of 6 bytes, each overlapping the next, in 10 bytes of fast memory: at each of four steps 2
        // bytes must leave. The middle ones weigh 100. The LP keeps 4 bytes of each light buffer (weight 6 per 6
        // bytes): 2 + 2 + 2 = 6. Whole buffers: the three light ones must go (18). The step knapsacks of disjoint
        // steps (steps 1 and 3) take a whole light buffer each: 12; relaxed, a fraction each: 4. A lone byte of
        // weight 1 later on makes the units of bytes and weight 1 (see the test on units below).
        var buffers = Enumerable.Range(0, 5).Select(t => new Buffer($"a{t}", t, t + 2, 6)).Append(new Buffer("one", 10, 11, 1)).ToArray();
        long[] weights = [6, 100, 6, 100, 6, 1];
        var problem = new PoolProblem([new Pool("fast", 10, 1, 0), new Pool("slow", 100, 1, 1)], buffers,
            Enumerable.Repeat(PoolProblem.AllPools(2), 6).ToArray(), weights);
        var bound = new PoolCostBound(FoldedPoolProblem.Fold(problem));
        Assert.Equal(6, bound.Compute(PoolBoundStrength.Lp));
        Assert.Equal(4, bound.Compute(PoolBoundStrength.DisjointRelaxed));
        Assert.Equal(12, bound.Compute(PoolBoundStrength.Disjoint));
        Assert.Equal(12, bound.Compute(PoolBoundStrength.Strongest));
        var result = PoolPlanner.Solve(problem);
        Assert.Equal(18, result.Solution!.Cost);
        Assert.True(result.ProvenOptimal);
    }

    [Fact]
    public void A_buffer_too_large_for_the_fast_pool_pays_outside_the_lp_and_leaves_its_room_to_the_others()
    {
        // "big" (12 bytes) never fits the 10-byte pool: it pays 12 for sure and takes no room in the LP, so the two
        // others (6 + 5 at step 1) overflow by 1: 12 + 1.
        var buffers = new[] { new Buffer("big", 0, 4, 12), new Buffer("x", 0, 2, 6), new Buffer("y", 1, 3, 5) };
        var problem = PoolProblem.WithDefaults([new Pool("fast", 10, 1, 0), new Pool("slow", 100, 1, 1)], buffers);
        var bound = new PoolCostBound(FoldedPoolProblem.Fold(problem));
        Assert.Equal(13, bound.Compute(PoolBoundStrength.Lp));
        Assert.Equal(17, PoolPlanner.Solve(problem).Solution!.Cost);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(6, 6)]
    public void Kept_bytes_and_leaving_weight_come_in_units_of_the_buffers(long weight, long expected)
    {
        // Three 4-byte buffers live together in 10 bytes: 2 bytes over, but what stays is a multiple of 4 bytes, so
        // at most 8 stay and 4 bytes leave (4 with weight = size). With weight 6 each the LP leaves 4 bytes at 1.5
        // per byte, also 6: the weight that leaves is a multiple of 6 anyway. Without the units: 2 and 3.
        var buffers = new[] { new Buffer("a", 0, 2, 4), new Buffer("b", 0, 2, 4), new Buffer("c", 0, 2, 4) };
        var problem = new PoolProblem([new Pool("fast", 10, 1, 0), new Pool("slow", 100, 1, 1)], buffers,
            Enumerable.Repeat(PoolProblem.AllPools(2), 3).ToArray(), [weight, weight, weight]);
        var bound = new PoolCostBound(FoldedPoolProblem.Fold(problem));
        Assert.Equal(expected, bound.Compute(PoolBoundStrength.Lp));
        Assert.Equal(expected, bound.Compute(PoolBoundStrength.DisjointRelaxed));
        var result = PoolPlanner.Solve(problem);
        Assert.Equal(expected, result.Solution!.Cost);
        Assert.True(result.ProvenOptimal);
    }

    [Fact]
    public void With_weight_equal_to_size_and_no_gaps_it_is_at_least_the_relaxed_disjoint_steps_and_the_strongest_takes_the_best()
    {
        // With weight = size every step's relaxed knapsack is an integer and the LP has all their constraints and
        // more, so it is at least their sum over disjoint steps. Gap windows are removed: a buffer whose bytes vary
        // is modelled by its fewest bytes in the flow, which can only weaken the LP's prices.
        int compared = 0, stronger = 0;
        for (int seed = 0; seed < 1500; seed++)
        {
            var generated = PoolProblemGenerator.Generate(seed);
            var buffers = generated.Buffers.Select(b => b with { Gaps = [] }).ToArray();
            var problem = new PoolProblem(generated.Pools, buffers, generated.AllowedPools, buffers.Select(b => b.Size).ToArray());
            if (PoolProblemChecker.FirstError(problem) is not null) continue;
            var folded = FoldedPoolProblem.Fold(problem);
            if (PoolFeasibilityCheck.Find(folded) is not null || !folded.Folded.IsExact) continue;
            var bound = new PoolCostBound(folded);
            long lp = bound.Compute(PoolBoundStrength.Lp);
            long relaxed = bound.Compute(PoolBoundStrength.DisjointRelaxed);
            long strong = bound.Compute(PoolBoundStrength.Strong);
            long strongest = bound.Compute(PoolBoundStrength.Strongest);
            Assert.True(lp >= relaxed, $"seed {seed}: LP {lp} below the relaxed disjoint steps {relaxed}");
            Assert.True(strongest >= Math.Max(lp, strong), $"seed {seed}: strongest {strongest} below LP {lp} or strong {strong}");
            compared++;
            if (lp > strong) stronger++;
        }
        Assert.True(compared > 500, $"only {compared} problems compared");
        Assert.True(stronger > 0, "the LP never beat the strong bound: the comparison shows nothing");
    }
}
