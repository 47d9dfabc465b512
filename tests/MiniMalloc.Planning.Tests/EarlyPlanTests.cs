namespace MiniMalloc.Planning;

/// <summary>The anytime heuristic plan: the lowest of its heuristics' plans, valid, and the same on every run.</summary>
public class EarlyPlanTests
{
    // A network-like schedule: one buffer per step, most read within three steps, a share kept for hundreds of
    // steps, sizes spread over three orders of magnitude, so that long-lived buffers come and go all the time.
    private static Problem Network(int count, int seed, double longShare)
    {
        var random = new Random(seed);
        var buffers = new Buffer[count];
        for (int i = 0; i < count; i++)
        {
            long life = random.NextDouble() < longShare ? 100 + random.Next(400) : 1 + random.Next(3);
            long size = (long)Math.Exp(4 + 6 * random.NextDouble());
            buffers[i] = new Buffer($"b{i}", i, i + life + 1, size);
        }
        return new Problem(buffers, long.MaxValue / 4);
    }

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(2, 0.2)]
    [InlineData(3, 0.05)]
    public void The_plan_is_valid_and_no_higher_than_any_of_its_heuristics(int seed, double longShare)
    {
        var problem = Network(6_000, seed, longShare);
        long bound = LiveProfile.Of(problem).Peak;
        var descended = SkylineDescent.Solve(problem)!;
        var swept = HoleSweep.Solve(problem)!;
        var firstFit = FirstFitDecreasing.Solve(problem, FirstFitOrder.SizeClass, long.MaxValue)!;
        // Without a capacity, and with one just above the lowest of the three plans.
        long lowest = Math.Min(descended.Height, Math.Min(swept.Height, firstFit.Height));
        foreach (var capacity in new Capacity?[] { null, Capacity.Of(lowest) })
        {
            var early = EarlyPlan.Make(problem, capacity, bound, PlanBudget.DefaultTimeout, CancellationToken.None);
            Assert.True(early.Fits);
            Assert.True(Validator.Validate(problem, early.Solution).IsValid);
            Assert.True(early.Solution.Height <= lowest, $"early plan {early.Solution.Height}, lowest heuristic {lowest}");
            Assert.True(early.Solution.Height >= bound);
            var again = EarlyPlan.Make(problem, capacity, bound, PlanBudget.DefaultTimeout, CancellationToken.None);
            Assert.Equal(early.Solution.Offsets, again.Solution.Offsets);
        }
    }

    [Fact]
    public void A_capacity_that_only_the_descent_meets_gets_its_plan()
    {
        // Long-lived buffers that first fit and the sweep fragment: the capacity lies below both of their plans.
        var problem = Network(6_000, 4, 0.2);
        long bound = LiveProfile.Of(problem).Peak;
        var descended = SkylineDescent.Solve(problem)!;
        long others = Math.Min(HoleSweep.Solve(problem)!.Height, FirstFitDecreasing.Solve(problem, FirstFitOrder.SizeClass, long.MaxValue)!.Height);
        Assert.True(descended.Height < others, $"descent {descended.Height}, sweep and first fit {others}");
        var early = EarlyPlan.Make(problem, Capacity.Of(descended.Height), bound, PlanBudget.DefaultTimeout, CancellationToken.None);
        Assert.True(early.Fits);
        Assert.True(early.Solution.Height <= descended.Height);
    }
}
