using Google.OrTools.LinearSolver;
using LinearSolver = Google.OrTools.LinearSolver.Solver;

namespace MiniMalloc.Differential.Tests;

/// <summary>
/// The pool planner's LP bound (<see cref="PoolLpBound"/>, solved as a min-cost flow and evaluated exactly from its
/// prices) against the same LP written out and solved by GLOP: a fast pool of cost 0 and a roomy one of cost 1,
/// random lifespans, sizes and weights (no gaps, so that each buffer's bytes are the same at every step). A buffer
/// larger than the fast pool pays its weight; of the others, a fraction x in [0, 1] of each stays in the fast pool,
/// the bytes kept at every step at most its capacity, rounded down to a multiple of the greatest common divisor of
/// their sizes (what they can fill of it); the bound is the weight not kept, at the LP's optimum, rounded up to a
/// multiple of the greatest common divisor of their weights (what can leave is a sum of them).
/// </summary>
public class PoolLpBoundAgreesWithGlopTests
{
    [Fact]
    public void The_lp_bound_is_the_lp_optimum_rounded_up()
    {
        var failures = new List<string>();
        int nontrivial = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            int n = random.Next(3, 40);
            var buffers = new Buffer[n];
            var weights = new long[n];
            for (int i = 0; i < n; i++)
            {
                int start = random.Next(0, 30);
                buffers[i] = new Buffer($"b{i}", start, start + random.Next(1, 12), random.Next(1, 60));
                weights[i] = random.Next(3) == 0 ? random.Next(0, 200) : buffers[i].Size;
            }
            long peak = LiveProfile.Of(buffers).Peak;
            long fast = Math.Max(1, (long)(peak * (0.3 + 0.6 * random.NextDouble())));
            var problem = new PoolProblem([new Pool("fast", fast, 1, 0), new Pool("slow", 1_000_000, 1, 1)], buffers,
                Enumerable.Repeat(PoolProblem.AllPools(2), n).ToArray(), weights);
            long ours = new PoolCostBound(FoldedPoolProblem.Fold(problem)).Compute(PoolBoundStrength.Lp);
            var fitting = Enumerable.Range(0, n).Where(i => buffers[i].Size <= fast).ToArray();
            long bytesUnit = fitting.Aggregate(0L, (g, i) => Gcd(g, buffers[i].Size));
            long weightUnit = fitting.Aggregate(0L, (g, i) => Gcd(g, weights[i]));
            long room = bytesUnit == 0 ? fast : fast - fast % bytesUnit;
            double forced = Enumerable.Range(0, n).Where(i => buffers[i].Size > fast).Sum(i => (double)weights[i]);
            double leaving = Glop(buffers, weights, fast, room);
            long expected = (long)Math.Ceiling(leaving - 1e-6);
            if (weightUnit > 1 && expected % weightUnit != 0) expected += weightUnit - expected % weightUnit;
            expected += (long)forced;
            double optimum = forced + leaving;
            if (ours != expected) failures.Add($"seed {seed}: ours {ours}, GLOP {optimum}");
            if (leaving > 1e-6) nontrivial++;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(nontrivial > 100, $"only {nontrivial} problems had anything to leave beyond the too-large buffers");
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    // The weight of the buffers that fit the fast pool and are not kept, at the LP's optimum.
    private static double Glop(Buffer[] buffers, long[] weights, long fast, long room)
    {
        using var solver = LinearSolver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
        var kept = new Variable[buffers.Length];
        double total = 0;
        for (int i = 0; i < buffers.Length; i++)
        {
            bool fits = buffers[i].Size <= fast;
            kept[i] = solver.MakeNumVar(0, fits ? 1 : 0, $"x{i}");
            if (fits) total += weights[i];
        }
        long last = buffers.Max(b => b.Lifespan.Upper);
        for (long t = 0; t < last; t++)
        {
            var step = solver.MakeConstraint(double.NegativeInfinity, room);
            for (int i = 0; i < buffers.Length; i++)
            {
                if (buffers[i].Lifespan.Lower <= t && t < buffers[i].Lifespan.Upper) step.SetCoefficient(kept[i], buffers[i].Size);
            }
        }
        var objective = solver.Objective();
        for (int i = 0; i < buffers.Length; i++) objective.SetCoefficient(kept[i], weights[i]);
        objective.SetMaximization();
        var status = solver.Solve();
        if (status != LinearSolver.ResultStatus.OPTIMAL) throw new InvalidOperationException($"GLOP: {status}");
        return total - objective.Value();
    }
}
