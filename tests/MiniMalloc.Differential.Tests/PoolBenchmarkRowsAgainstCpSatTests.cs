using System.Globalization;
using MiniMalloc.Tests;
using Xunit.Abstractions;

namespace MiniMalloc.Differential.Tests;

/// <summary>Runs only when MINIMALLOC_POOLS_CPSAT_ROWS names rows (each a long CP-SAT search); says why it is skipped otherwise.</summary>
public sealed class PoolBenchmarkRowsFactAttribute : FactAttribute
{
    public PoolBenchmarkRowsFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PoolBenchmarkRowsAgainstCpSatTests.RowsVariable)))
        {
            Skip = $"opt-in: set {PoolBenchmarkRowsAgainstCpSatTests.RowsVariable} (for example A:90,B:90) to compare benchmark rows with CP-SAT for minutes each";
        }
        else if (SharedBenchmarks.Folder is null)
        {
            Skip = "../shared/benchmarks (beside the repository root) is absent on this machine";
        }
    }
}

/// <summary>
/// Rows of the <c>pools</c> benchmark (a challenging benchmark with its fast pool at a percentage of its live-size
/// bound, an unlimited slow pool of cost 1, weights the sizes) planned by the planner and by CP-SAT with addresses
/// (<see cref="CpSatFastPoolModel"/>, hinted with the planner's plan, MINIMALLOC_POOLS_CPSAT_SECONDS each, default
/// 120, two workers). Where the truth lies: the optimum is at least the larger of the two proven bounds and at most
/// the cheaper of the two plans, which the test prints. It fails when the two disagree: CP-SAT's plan (checked by the
/// validator) below the planner's proven bound, the planner's plan below CP-SAT's proven bound, or a claim of
/// optimality that the other contradicts.
/// </summary>
public class PoolBenchmarkRowsAgainstCpSatTests(ITestOutputHelper output)
{
    public const string RowsVariable = "MINIMALLOC_POOLS_CPSAT_ROWS";

    [PoolBenchmarkRowsFact]
    public void Benchmark_rows_agree_with_cp_sat_with_addresses()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("MINIMALLOC_POOLS_CPSAT_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 ? s : 120;
        var faults = new List<string>();
        foreach (string row in Environment.GetEnvironmentVariable(RowsVariable)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = row.Split(':');
            Assert.True(parts.Length == 2 && int.TryParse(parts[1], out _), $"'{row}': a row is NAME:PERCENT, like A:90");
            string name = parts[0];
            int percent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var problem = SharedBenchmarks.Load($"challenging/{name}.1048576.csv", 1048576);
            long fast = LiveProfile.Of(problem).Peak * percent / 100;
            long total = problem.Buffers.Sum(b => b.Size + b.Alignment);
            var pooled = PoolProblem.WithDefaults([new Pool("fast", fast, 1, 0), new Pool("slow", total, 1, 1)], problem.Buffers);
            var ours = PoolPlanner.Solve(pooled);
            Assert.NotNull(ours.Solution);
            var theirs = CpSatFastPoolModel.Solve(pooled, ours.Solution, seconds, workers: 2);
            long low = Math.Max(ours.CostLowerBound, theirs.CostBound);
            long high = Math.Min(ours.Solution.Cost, theirs.Cost ?? long.MaxValue);
            output.WriteLine($"{name} at {percent} %: planner {ours.Solution.Cost} (bound {ours.CostLowerBound}{(ours.ProvenOptimal ? ", optimal" : "")}), " +
                $"CP-SAT {theirs.Status} {theirs.Cost?.ToString(CultureInfo.InvariantCulture) ?? "-"} (bound {theirs.CostBound}); the optimum is in [{low}, {high}]");
            if (theirs.Solution is { } plan && PoolValidator.Validate(pooled, plan) is { Count: > 0 } violations) faults.Add($"{row}: CP-SAT's plan is invalid: {violations[0].Message}");
            if (theirs.Cost is { } cost && cost < ours.CostLowerBound) faults.Add($"{row}: CP-SAT's plan costs {cost}, below the planner's bound {ours.CostLowerBound}");
            if (ours.Solution.Cost < theirs.CostBound) faults.Add($"{row}: the planner's plan costs {ours.Solution.Cost}, below CP-SAT's bound {theirs.CostBound}");
            if (ours.ProvenOptimal && theirs.Cost is { } c && c < ours.Solution.Cost) faults.Add($"{row}: the planner claims {ours.Solution.Cost} optimal, CP-SAT found {c}");
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }
}
