namespace MiniMalloc;

/// <summary>
/// An amount of the pool planner's effort in its two currencies: search nodes (what
/// <see cref="PoolPlannerOptions.NodeBudget"/> counts) and units of work (what <see cref="PoolPlannerOptions.WorkBudget"/>
/// counts: about one array element read or written). A step's share of the budget is a share of both, so that
/// whichever runs out first ends it.
/// </summary>
internal readonly record struct PoolBudget(long Nodes, long Units)
{
    /// <summary>No limit in either currency.</summary>
    public static readonly PoolBudget Unlimited = new(long.MaxValue, long.MaxValue);

    /// <summary>True when some of both is left.</summary>
    public bool IsPositive => Nodes > 0 && Units > 0;

    public static PoolBudget operator /(PoolBudget budget, long divisor) => new(budget.Nodes / divisor, budget.Units / divisor);

    public static PoolBudget operator *(PoolBudget budget, long factor) => new(Scale(budget.Nodes, factor), Scale(budget.Units, factor));

    public static PoolBudget operator +(PoolBudget a, PoolBudget b) => new(Add(a.Nodes, b.Nodes), Add(a.Units, b.Units));

    public static PoolBudget operator -(PoolBudget a, PoolBudget b) => new(a.Nodes - b.Nodes, a.Units - b.Units);

    /// <summary>Each currency the smaller of the two.</summary>
    public static PoolBudget Min(PoolBudget a, PoolBudget b) => new(Math.Min(a.Nodes, b.Nodes), Math.Min(a.Units, b.Units));

    /// <summary>Each currency the larger of the two.</summary>
    public static PoolBudget Max(PoolBudget a, PoolBudget b) => new(Math.Max(a.Nodes, b.Nodes), Math.Max(a.Units, b.Units));

    // An unlimited amount stays unlimited: the sums and products saturate instead of wrapping.
    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Scale(long value, long factor) => value > long.MaxValue / Math.Max(1, factor) ? long.MaxValue : value * factor;
}
