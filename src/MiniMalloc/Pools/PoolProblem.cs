namespace MiniMalloc;

/// <summary>
/// Buffers to place in several memory pools at once: each buffer gets one of its allowed pools and an offset in
/// it, no two buffers of one pool that are live together overlap, and the cost (the sum over buffers of weight
/// times the cost of its pool) is as low as possible. A problem with one pool is exactly a <see cref="Problem"/>
/// with that pool's capacity.
/// </summary>
public sealed record PoolProblem
{
    /// <summary>The most pools a problem may have: allowed pools are a 64-bit mask.</summary>
    public const int MaxPools = 64;

    /// <summary>Creates a problem.</summary>
    /// <param name="pools">The pools, in order of preference (fastest first).</param>
    /// <param name="buffers">The buffers, in the order that pools and offsets are reported.</param>
    /// <param name="allowedPools">Per buffer, the pools it may go to: bit i stands for pool i.</param>
    /// <param name="weights">Per buffer, what holding it costs in a pool of cost 1 (at least 0).</param>
    public PoolProblem(IReadOnlyList<Pool> pools, IReadOnlyList<Buffer> buffers, IReadOnlyList<ulong> allowedPools, IReadOnlyList<long> weights)
    {
        Pools = pools;
        Buffers = buffers;
        AllowedPools = allowedPools;
        Weights = weights;
    }

    /// <summary>The pools, in order of preference (fastest first); at most <see cref="MaxPools"/>.</summary>
    public IReadOnlyList<Pool> Pools { get; init; }

    /// <summary>
    /// The buffers. A buffer with a fixed <see cref="Buffer.Offset"/> must have a single allowed pool; an alias
    /// (<see cref="Buffer.Alias"/>) is held in its owner's pool, which must be one of both's allowed pools.
    /// </summary>
    public IReadOnlyList<Buffer> Buffers { get; init; }

    /// <summary>Per buffer, the pools it may go to: bit i stands for <c>Pools[i]</c>; never 0.</summary>
    public IReadOnlyList<ulong> AllowedPools { get; init; }

    /// <summary>Per buffer, the cost of holding it in a pool of cost 1 (a lowering step that knows access counts may say more than its size).</summary>
    public IReadOnlyList<long> Weights { get; init; }

    /// <summary>
    /// Optional: per buffer, the pool a previous plan held it in (-1: none), tried first. The previous offset stays on
    /// <see cref="Buffer.Hint"/>.
    /// </summary>
    public IReadOnlyList<int>? PoolHints { get; init; }

    /// <summary>The mask that allows every one of <paramref name="poolCount"/> pools.</summary>
    public static ulong AllPools(int poolCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(poolCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(poolCount, MaxPools);
        return poolCount == MaxPools ? ulong.MaxValue : (1UL << poolCount) - 1;
    }

    /// <summary>
    /// A problem in which every buffer may go to every pool, with its size as its weight (the defaults of the
    /// lifetimes format).
    /// </summary>
    public static PoolProblem WithDefaults(IReadOnlyList<Pool> pools, IReadOnlyList<Buffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(buffers);
        ulong all = AllPools(Math.Min(pools.Count, MaxPools));
        return new PoolProblem(pools, buffers, buffers.Select(_ => all).ToArray(), buffers.Select(b => b.Size).ToArray());
    }
}
