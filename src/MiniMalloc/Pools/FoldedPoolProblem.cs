using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// A pool problem with its alias groups folded into single buffers (see <see cref="AliasFolding"/>): a group is held
/// in one pool, so its allowed pools are those every member allows, and its weight is the sum of its members'.
/// The planner and the greedy baseline work on this, and expand their plans back.
/// </summary>
internal sealed class FoldedPoolProblem
{
    private FoldedPoolProblem(PoolProblem original, FoldedProblem folded, ulong[] masks, long[] weights, int[] poolHints, int emptyGroup)
    {
        Original = original;
        Folded = folded;
        Buffers = Search.SearchableProblem.WindowsFromZero(folded.Problem).Buffers;
        Masks = masks;
        Weights = weights;
        PoolHints = poolHints;
        EmptyGroup = emptyGroup;
    }

    public PoolProblem Original { get; }

    public FoldedProblem Folded { get; }

    /// <summary>
    /// The folded buffers (one per alias group, no aliases), with every gap window reserving its buffer's bytes from 0:
    /// the single-pool search's contract (see <see cref="Search.SearchableProblem"/>), kept by the whole planner (the
    /// greedy baseline, the bound, the heuristics) so that they all answer the same problem. Its plans are plans of
    /// the problem as given.
    /// </summary>
    public IReadOnlyList<Buffer> Buffers { get; }

    public IReadOnlyList<Pool> Pools => Original.Pools;

    public ulong[] Masks { get; }

    public long[] Weights { get; }

    /// <summary>Per folded buffer, the hinted pool or -1.</summary>
    public int[] PoolHints { get; }

    /// <summary>A folded buffer whose members allow no pool in common, or -1.</summary>
    public int EmptyGroup { get; }

    /// <summary>Folds <paramref name="problem"/>, which must be well formed (<see cref="PoolProblemChecker"/>).</summary>
    public static FoldedPoolProblem Fold(PoolProblem problem)
    {
        var folded = AliasFolding.Fold(new Problem(problem.Buffers, 0));
        int n = folded.Problem.Buffers.Count;
        var masks = new ulong[n];
        var weights = new long[n];
        var hints = new int[n];
        Array.Fill(masks, ulong.MaxValue);
        Array.Fill(hints, -1);
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            int k = folded.FoldedIndexOf(i);
            masks[k] &= problem.AllowedPools[i];
            weights[k] += problem.Weights[i];
            if (folded.Roots[k] == i && problem.PoolHints is { } h) hints[k] = h[i];
        }
        int empty = Array.IndexOf(masks, 0UL);
        return new FoldedPoolProblem(problem, folded, masks, weights, hints, empty);
    }

    /// <summary>The original buffers that folded buffer <paramref name="k"/> stands for.</summary>
    public IReadOnlyList<int> MembersOf(int k)
    {
        int root = Folded.Roots[k];
        return Folded.Groups.MembersOf(root);
    }

    /// <summary>
    /// The bytes folded buffer <paramref name="k"/> occupies in every plan of the original problem, step by step:
    /// an alias group's, the bytes its live members cover then (<see cref="GroupOccupancy"/>: no more, where
    /// members leave a hole that the folded buffer's window covers), else its own pieces. What the lower bounds
    /// count: a bound from these holds for the problem as given, whether or not the folding is exact.
    /// </summary>
    public IReadOnlyList<(Lifespan Steps, long Bytes)> Occupancy(int k)
    {
        int root = Folded.Roots[k];
        if (Folded.Groups.HasMembers(root))
        {
            var segments = GroupOccupancy.Of(Original.Buffers, Folded.Groups.MembersOf(root), Folded.Groups);
            return [.. segments.Select(s => (s.Steps, s.Covered))];
        }
        return [.. OccupiedPieces.Of(Buffers[k]).Select(p => (p.Steps, p.Window.Size))];
    }

    /// <summary>The alignment an offset of folded buffer <paramref name="k"/> needs in pool <paramref name="pool"/>: a multiple of both.</summary>
    public long AlignmentIn(int k, int pool) => Lcm(Buffers[k].Alignment, Pools[pool].Alignment);

    /// <summary>The original problem's solution from a pool and an offset per folded buffer.</summary>
    public PoolSolution Expand(int[] poolOf, long[] offsets)
    {
        Debug.Assert(poolOf.Length == Buffers.Count && offsets.Length == Buffers.Count, "one pool and offset per folded buffer");
        int n = Original.Buffers.Count;
        var pools = new int[n];
        var offs = new long[n];
        for (int i = 0; i < n; i++)
        {
            int k = Folded.FoldedIndexOf(i);
            pools[i] = poolOf[k];
            offs[i] = offsets[k] + Folded.Groups.OffsetInRoot(i);
        }
        return PoolSolution.From(Original, pools, offs);
    }

    /// <summary>
    /// The least common multiple of two alignments, or <see cref="BeyondEveryOffset"/> when it is larger: then only
    /// offset 0 is a multiple of it, as of the true one (offsets are at most 2^53), and rounding up to it stays
    /// within 64 bits. The library takes any alignment up to 2^53, and two coprime ones have a product near 2^106.
    /// </summary>
    internal static long Lcm(long a, long b)
    {
        if (a == b || b == 1) return a;
        if (a == 1) return b;
        long x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        long factor = a / x;
        return factor > BeyondEveryOffset / b ? BeyondEveryOffset : factor * b;
    }

    /// <summary>An alignment no offset but 0 meets: above every offset and size (2^53), with room to add them.</summary>
    internal const long BeyondEveryOffset = 1L << 62;
}
