using System.Globalization;
using MiniMalloc.Tests.Property;

namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The planner against <see cref="PoolBruteForce"/> on random tiny pool problems: the same optimal cost (or both
/// infeasible), proven optimal, a valid plan, and every strength of the cost lower bound at most the optimum. The
/// brute force solves the problem under the single-pool search's contract (<see cref="SearchContract"/>: a gap
/// window reserves its buffer's bytes from 0), which is the optimum the planner promises; plans are validated
/// against the problem as given.
/// </summary>
public sealed class PoolPlannerAgreesWithBruteForceTests
{
    private const int DefaultSeeds = 2000;

    [Fact]
    public void OptimalCostsAgree()
    {
        // A longer run: MINIMALLOC_POOLS_BRUTE_FORCE_SEEDS=10000 (about 20 seconds).
        int seeds = int.TryParse(Environment.GetEnvironmentVariable("MINIMALLOC_POOLS_BRUTE_FORCE_SEEDS"), out int n) && n > 0 ? n : DefaultSeeds;
        int decided = 0, infeasible = 0;
        var failures = new List<string>();
        for (int seed = 0; seed < seeds; seed++)
        {
            var problem = PoolProblemGenerator.Generate(seed);
            long? expected;
            try
            {
                expected = PoolBruteForce.OptimalCost(problem with { Buffers = SearchContract.Of(new Problem(problem.Buffers, 0)).Buffers });
            }
            catch (TimeoutException)
            {
                continue;
            }
            decided++;
            var result = PoolPlanner.Solve(problem);
            if (expected is null)
            {
                infeasible++;
                if (result.StopReason != PoolStopReason.Infeasible) failures.Add(Describe(seed, $"brute force: infeasible; planner: {result.StopReason} cost {result.Solution?.Cost}"));
                else if (result.Infeasibility is null || result.Infeasibility.Buffers.Count == 0) failures.Add(Describe(seed, "infeasible without naming buffers"));
                continue;
            }
            if (result.Solution is null)
            {
                failures.Add(Describe(seed, $"brute force: {expected}; planner: no plan ({result.StopReason})"));
                continue;
            }
            var violations = PoolValidator.Validate(problem, result.Solution);
            if (violations.Count > 0) failures.Add(Describe(seed, $"invalid plan: {violations[0].Message}"));
            if (result.Solution.Cost != expected || !result.ProvenOptimal || result.CostLowerBound != expected)
            {
                failures.Add(Describe(seed, $"brute force: {expected}; planner: {result.Solution.Cost} (proven {result.ProvenOptimal}, bound {result.CostLowerBound}, {result.Method})"));
            }
            var bounds = new PoolCostBound(FoldedPoolProblem.Fold(problem));
            foreach (var strength in Enum.GetValues<PoolBoundStrength>())
            {
                long bound = bounds.Compute(strength);
                if (bound > expected) failures.Add(Describe(seed, $"{strength} bound {bound} above the optimum {expected}"));
            }
            var greedy = PoolGreedy.Solve(problem);
            if (greedy is not null && greedy.Cost < expected) failures.Add(Describe(seed, $"greedy {greedy.Cost} below the optimum {expected}"));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        // The comparison means something only when most seeds were decided, some of them infeasible.
        Assert.True(decided > seeds * 9 / 10, $"only {decided} of {seeds} seeds were decided by the brute force");
        Assert.True(infeasible > 0 && infeasible < decided / 2, $"{infeasible} of {decided} decided seeds are infeasible");
    }

    private static string Describe(int seed, string what) => string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {what}");
}
