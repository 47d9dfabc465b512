namespace MiniMalloc;

/// <summary>Why <see cref="PoolPlanner.Solve"/> stopped.</summary>
public enum PoolStopReason
{
    /// <summary>The plan's cost is proven optimal (it equals the lower bound, or the search was exhaustive).</summary>
    Optimal,

    /// <summary>The node budget ran out: the plan is the best found, beside a proven lower bound.</summary>
    BudgetExhausted,

    /// <summary>The time limit (a safety net) ran out: the plan is the best found, beside a proven lower bound.</summary>
    TimedOut,

    /// <summary>The caller cancelled: the plan is the best found, if any.</summary>
    Cancelled,

    /// <summary>No plan exists: see <see cref="PoolPlanResult.Infeasibility"/>.</summary>
    Infeasible,
}
