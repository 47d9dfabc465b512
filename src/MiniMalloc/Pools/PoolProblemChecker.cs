namespace MiniMalloc;

/// <summary>
/// Checks that a pool problem is well formed before it is planned: the pools, the per-buffer lists, the buffers
/// themselves (as <see cref="ProblemChecker"/> does, aliases allowed) and the rules that tie them together.
/// </summary>
public static class PoolProblemChecker
{
    /// <summary>Returns a sentence describing the first fault, or null when the problem is well formed.</summary>
    public static string? FirstError(PoolProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var pools = problem.Pools;
        if (pools is null || pools.Count == 0) return "a pool problem needs at least one pool";
        if (pools.Count > PoolProblem.MaxPools) return $"{pools.Count} pools: at most {PoolProblem.MaxPools} are supported";
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < pools.Count; p++)
        {
            var pool = pools[p];
            if (pool is null || string.IsNullOrEmpty(pool.Name)) return $"pool {p} has no name";
            string name = $"pool {p} ('{pool.Name}')";
            if (!names.Add(pool.Name)) return $"{name}: the name is used twice";
            if (pool.Capacity < 0 || pool.Capacity > ProblemChecker.MaxValue) return $"{name}: capacity {pool.Capacity} is outside [0, {ProblemChecker.MaxValue}]";
            if (pool.Alignment < 1 || pool.Alignment > ProblemChecker.MaxValue) return $"{name}: alignment {pool.Alignment} must be in [1, {ProblemChecker.MaxValue}]";
            if (pool.Cost < 0 || pool.Cost > MaxCost) return $"{name}: cost {pool.Cost} must be in [0, {MaxCost}]";
        }
        var buffers = problem.Buffers;
        if (buffers is null) return "the buffers are required";
        if (problem.AllowedPools is null || problem.AllowedPools.Count != buffers.Count)
        {
            return $"{problem.AllowedPools?.Count ?? 0} allowed-pool masks for {buffers.Count} buffers";
        }
        if (problem.Weights is null || problem.Weights.Count != buffers.Count) return $"{problem.Weights?.Count ?? 0} weights for {buffers.Count} buffers";
        if (problem.PoolHints is { } hints && hints.Count != buffers.Count) return $"{hints.Count} pool hints for {buffers.Count} buffers";
        if (ProblemChecker.FirstError(new Problem(buffers, 0), allowAliases: true) is { } error) return error;
        ulong all = PoolProblem.AllPools(pools.Count);
        for (int i = 0; i < buffers.Count; i++)
        {
            string name = $"buffer {i} ('{buffers[i].Id}')";
            ulong mask = problem.AllowedPools[i];
            if (mask == 0) return $"{name}: no pool is allowed";
            if ((mask & ~all) != 0) return $"{name}: allowed-pool mask 0x{mask:x} names pools beyond the {pools.Count} defined";
            long weight = problem.Weights[i];
            if (weight < 0 || weight > ProblemChecker.MaxValue) return $"{name}: weight {weight} must be in [0, {ProblemChecker.MaxValue}]";
            if (buffers[i].Offset is not null && ulong.PopCount(mask) != 1) return $"{name}: a fixed offset needs a single allowed pool";
            if (problem.PoolHints is { } h && (h[i] < -1 || h[i] >= pools.Count)) return $"{name}: pool hint {h[i]} is not a pool index (or -1)";
        }
        long dearest = pools.Max(p => p.Cost);
        if (TotalCostCanPass(problem.Weights, dearest)) return $"the weights times the dearest pool's cost ({dearest}) can pass 2^62, beyond what the plan's cost is summed in";
        return null;
    }

    /// <summary>The largest pool cost accepted (with <see cref="MaxTotalCost"/>, the planner's 64-bit sums of costs never overflow).</summary>
    public const long MaxCost = 1L << 8;

    /// <summary>The most a plan may cost: every weight times the dearest pool's cost stays within it.</summary>
    public const long MaxTotalCost = 1L << 62;

    /// <summary>
    /// True when the weights, each at <paramref name="dearestCost"/>, add up to more than <see cref="MaxTotalCost"/>:
    /// then a plan's cost, and the differences the planner sums, could overflow 64 bits. The one rule for the library
    /// and the fronts (which say so as an input error).
    /// </summary>
    public static bool TotalCostCanPass(IReadOnlyList<long> weights, long dearestCost)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (dearestCost <= 0) return false;
        // Stops as soon as the total passes the limit over the dearest cost: sums that cannot overflow themselves.
        long most = MaxTotalCost / dearestCost, total = 0;
        foreach (long w in weights)
        {
            if (w > most - total) return true;
            total += w;
        }
        return false;
    }
}
