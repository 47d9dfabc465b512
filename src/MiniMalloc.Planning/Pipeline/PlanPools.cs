using System.Diagnostics;

namespace MiniMalloc.Planning;

/// <summary>
/// What makes a problem a pool problem, beside its buffers: the pools in order of preference (fastest first), and
/// per buffer the pools it may go to (bit i: pool i) and its weight. Read once from a version-2 file, pools set for
/// the plan or a CSV <c>pools</c> column; the pipeline carries it next to the <see cref="Problem"/>.
/// </summary>
internal sealed record PlanPools
{
    public PlanPools(IReadOnlyList<PoolSpec> pools, IReadOnlyList<ulong> allowed, IReadOnlyList<long> weights)
    {
        Debug.Assert(pools.Count is > 0 and <= PoolSpec.MaxPools, "one to 64 pools");
        Debug.Assert(allowed.Count == weights.Count, "one mask and one weight per buffer");
        Pools = pools;
        Allowed = allowed;
        Weights = weights;
    }

    /// <summary>The pools, fastest first.</summary>
    public IReadOnlyList<PoolSpec> Pools { get; }

    /// <summary>Per buffer, the pools it may go to: bit i set for pool i.</summary>
    public IReadOnlyList<ulong> Allowed { get; }

    /// <summary>Per buffer, what holding it in a pool of cost 1 costs.</summary>
    public IReadOnlyList<long> Weights { get; }

    /// <summary>The cost of one unit of weight in pool <paramref name="pool"/> (its own, else its position).</summary>
    public long CostOf(int pool) => Pools[pool].CostAt(pool);

    /// <summary>Every pool: the mask of a buffer that names none.</summary>
    public static ulong AllPools(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;

    /// <summary>The index of the pool named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Pools.Count; i++)
        {
            if (Pools[i].Name == name) return i;
        }
        return -1;
    }

    /// <summary>The names of the pools in <paramref name="mask"/>, in order of preference, separated by spaces (the CSV form).</summary>
    public string Names(ulong mask) => string.Join(' ', Enumerable.Range(0, Pools.Count).Where(i => (mask >> i & 1) != 0).Select(i => Pools[i].Name));
}
