using MiniMalloc.Tests.Property;
using Xunit.Abstractions;

namespace MiniMalloc.Differential.Tests;

/// <summary>
/// Random pool problems of tens of buffers (three generated problems side by side, under the search's contract for
/// windows) in two or three pools, checked against CP-SAT's optimal cost: the planner's plan is valid, its bound is
/// at most the optimum and its cost at least it, and where it claims optimality its cost is the optimum; infeasible
/// exactly when CP-SAT says so. A fast subset runs in the suite; set MINIMALLOC_POOLS_DIFFERENTIAL_PROBLEMS (for
/// example to 1000) for a long run.
/// </summary>
public class PoolPlannerAgreesWithCpSatTests(ITestOutputHelper output)
{
    private const int DefaultProblems = 40;
    private const int BaseSeed = 90_000_000;

    [Fact]
    public void Planner_agrees_with_cp_sat_on_the_optimal_cost()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("MINIMALLOC_POOLS_DIFFERENTIAL_PROBLEMS"), out int n) && n > 0 ? n : DefaultProblems;
        var disagreements = new List<string>();
        int decided = 0, provenByPlanner = 0, infeasible = 0, buffers = 0;
        for (int p = 0; p < count && disagreements.Count < 5; p++)
        {
            var problem = Generate(BaseSeed + p);
            var (verdict, optimum) = CpSatPoolPlanner.MinimalCost(problem, seconds: 10);
            if (verdict == CpSatPoolPlanner.Verdict.Unknown) continue;
            decided++;
            buffers += problem.Buffers.Count;
            var result = PoolPlanner.Solve(problem);
            string? fault = null;
            if (verdict == CpSatPoolPlanner.Verdict.Infeasible)
            {
                infeasible++;
                if (result.StopReason != PoolStopReason.Infeasible) fault = $"CP-SAT: infeasible; planner: {result.StopReason}, cost {result.Solution?.Cost}";
            }
            else if (result.Solution is null) fault = $"CP-SAT: {optimum}; planner: no plan ({result.StopReason})";
            else
            {
                var violations = PoolValidator.Validate(problem, result.Solution);
                if (violations.Count > 0) fault = $"invalid plan: {violations[0].Message}";
                else if (result.CostLowerBound > optimum) fault = $"bound {result.CostLowerBound} above the optimum {optimum}";
                else if (result.Solution.Cost < optimum) fault = $"cost {result.Solution.Cost} below CP-SAT's optimum {optimum}";
                else if (result.ProvenOptimal && result.Solution.Cost != optimum) fault = $"claims optimal at {result.Solution.Cost}, CP-SAT optimum {optimum}";
                if (result.ProvenOptimal) provenByPlanner++;
            }
            if (fault is not null) disagreements.Add($"problem {p} (seed {BaseSeed + p}): {fault}");
        }
        output.WriteLine($"{count} problems ({buffers} buffers in the decided ones), {decided} decided by CP-SAT ({infeasible} infeasible), " +
            $"{provenByPlanner} of the feasible proven optimal by the planner, {disagreements.Count} disagreements");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(decided >= count * 3 / 4, $"CP-SAT decided only {decided} of {count}");
        Assert.True(provenByPlanner >= (decided - infeasible) * 3 / 4, $"the planner proved only {provenByPlanner} of {decided - infeasible}");
    }

    // Three small problems side by side (overlapping in time), two or three pools: the first pool 20-80 % of the live
    // peak, the last either roomy or tight, costs with ties sometimes; allowed pools and weights random.
    private static PoolProblem Generate(int seed)
    {
        var random = new Random(seed);
        var parts = Enumerable.Range(0, 3).Select(k => SmallProblemGenerator.Generate(seed * 3 + k)).ToArray();
        var list = new List<Buffer>();
        long shift = 0;
        for (int k = 0; k < parts.Length; k++)
        {
            long s = shift;
            list.AddRange(parts[k].Buffers.Select(b => b with
            {
                Id = $"p{k}{b.Id}",
                Hint = null,
                Lifespan = new Lifespan(b.Lifespan.Lower + s, b.Lifespan.Upper + s),
                Gaps = b.Gaps.Select(g => g with { Lifespan = new Lifespan(g.Lifespan.Lower + s, g.Lifespan.Upper + s) }).ToArray(),
            }));
            shift += parts[k].Buffers.Count == 0 ? 0 : parts[k].Buffers.Max(b => b.Lifespan.Upper) / 2;
        }
        var buffers = SearchContract.Of(new Problem(list, 0)).Buffers;
        long peak = Math.Max(1, LiveProfile.Of(buffers).Peak);
        int poolCount = random.Next(2) == 0 ? 2 : 3;
        long[] costs = [0, 1, 2, 3, 5];
        var pools = new List<Pool>();
        for (int p = 0; p < poolCount; p++)
        {
            long capacity = p == poolCount - 1
                ? (random.Next(2) == 0 ? 2 * peak : peak)
                : Math.Max(1, (long)(peak * (0.2 + 0.6 * random.NextDouble())));
            long alignment = random.Next(4) == 0 ? (random.Next(2) == 0 ? 2 : 4) : 1;
            pools.Add(new Pool($"pool{p}", capacity, alignment, p == 0 ? random.Next(2) : costs[random.Next(costs.Length)]));
        }
        ulong all = PoolProblem.AllPools(poolCount);
        var masks = new ulong[buffers.Count];
        var weights = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            masks[i] = buffers[i].Offset is not null ? 1UL << random.Next(poolCount) : random.Next(4) == 0 ? (ulong)random.Next(1, (int)all + 1) : all;
            weights[i] = random.Next(3) == 0 ? random.Next(0, 40) : buffers[i].Size;
        }
        return new PoolProblem(pools, buffers, masks, weights);
    }
}
