using System.Diagnostics;

namespace MiniMalloc;

/// <summary>The verdict on adding a buffer to a pool.</summary>
internal enum PackVerdict
{
    /// <summary>The pool's buffers with the new one are placed.</summary>
    Placed,

    /// <summary>The exact search proved they do not fit together.</summary>
    Infeasible,

    /// <summary>The search ran out of nodes (or time) before it decided.</summary>
    Unknown,
}

/// <summary>
/// Keeps a placement for every pool's buffers and decides whether a buffer can join a pool: first at its lowest
/// fit among the buffers placed there (no search), else by the single-pool exact solver on the pool's buffers with
/// it, which places them all anew. A placement stays valid when buffers leave, so backtracking needs no undo.
/// </summary>
internal sealed class PoolPacking
{
    private readonly FoldedPoolProblem _problem;
    private readonly PoolPacker _packer;
    private readonly Solver _solver;
    private readonly PoolWork _work;
    private readonly List<int> _members = [];

    public PoolPacking(FoldedPoolProblem problem, SolverOptions options, PoolWork work)
    {
        _problem = problem;
        PoolsByCost = [.. Enumerable.Range(0, problem.Pools.Count).OrderBy(p => problem.Pools[p].Cost).ThenBy(p => p)];
        _packer = new PoolPacker(problem, work.Meter);
        _solver = new Solver(options with { Timeout = null });
        _work = work;
    }

    public int[] PoolOf => _packer.PoolOf;

    /// <summary>The pools, cheapest first (equal costs in the order of preference).</summary>
    public int[] PoolsByCost { get; }

    public long[] Offsets => _packer.Offsets;

    /// <summary>Single-pool searches made (for statistics).</summary>
    public int Searches { get; private set; }

    public void Clear() => _packer.Clear();

    public void Remove(int k) => _packer.Remove(k);

    /// <summary>Places buffer <paramref name="k"/> at <paramref name="offset"/> in <paramref name="pool"/>; the caller knows it fits.</summary>
    public void Place(int k, int pool, long offset) => _packer.Place(k, pool, offset);

    /// <summary>The lowest offset of buffer <paramref name="k"/> in <paramref name="pool"/> among the buffers placed there, or -1.</summary>
    public long LowestFit(int k, int pool) => _packer.LowestFit(k, pool);

    /// <summary>Places buffer <paramref name="k"/> at its lowest fit in the cheapest allowed pool that has one; that pool, or -1.</summary>
    public int PlaceInCheapestFit(int k)
    {
        foreach (int pool in PoolsByCost)
        {
            if ((_problem.Masks[k] & (1UL << pool)) == 0) continue;
            long offset = _packer.LowestFit(k, pool);
            if (offset < 0) continue;
            _packer.Place(k, pool, offset);
            return pool;
        }
        return -1;
    }

    /// <summary>The placed buffers of <paramref name="pool"/> that <paramref name="k"/> at <paramref name="x"/> would overlap.</summary>
    public void Conflicts(int k, int pool, long x, List<int> into) => _packer.Conflicts(k, pool, x, into);

    /// <summary>The offsets worth trying for <paramref name="k"/> in <paramref name="pool"/> when others may make room.</summary>
    public void CandidateOffsets(int k, int pool, List<long> into) => _packer.CandidateOffsets(k, pool, into);

    /// <summary>Adds buffer <paramref name="k"/> to <paramref name="pool"/> without search; false when it has no fit.</summary>
    public bool TryFit(int k, int pool)
    {
        long offset = _packer.LowestFit(k, pool);
        if (offset < 0) return false;
        _packer.Place(k, pool, offset);
        return true;
    }

    /// <summary>
    /// Adds buffer <paramref name="k"/> to <paramref name="pool"/>: at its lowest fit, else by a search of at most
    /// <paramref name="searchNodes"/> nodes over the pool's buffers and it. On anything but
    /// <see cref="PackVerdict.Placed"/> the buffer is left out and the other placements are kept.
    /// </summary>
    public PackVerdict Add(int k, int pool, long searchNodes, bool keepHints = false)
    {
        if (TryFit(k, pool)) return PackVerdict.Placed;
        _members.Clear();
        _work.Charge(PoolOf.Length);
        for (int i = 0; i < PoolOf.Length; i++)
        {
            if (PoolOf[i] == pool) _members.Add(i);
        }
        _members.Add(k);
        var verdict = Repack(pool, _members, searchNodes, keepHints);
        if (verdict == PackVerdict.Placed) PoolOf[k] = pool;
        return verdict;
    }

    /// <summary>Places <paramref name="members"/> in <paramref name="pool"/> anew by the exact solver; on success they are its buffers.</summary>
    public PackVerdict Repack(int pool, IReadOnlyList<int> members, long searchNodes, bool keepHints = false) =>
        RepackAround(pool, [], members, searchNodes, keepHints);

    /// <summary>
    /// Places <paramref name="members"/> in <paramref name="pool"/> anew by the exact solver, around the
    /// <paramref name="anchored"/> buffers kept at their offsets there (they must be placed in the pool and clear of
    /// one another); on success the members are placed, the anchored ones unmoved.
    /// </summary>
    public PackVerdict RepackAround(int pool, IReadOnlyList<int> anchored, IReadOnlyList<int> members, long searchNodes, bool keepHints = false)
    {
        if (_work.Stopped()) return PackVerdict.Unknown;
        var buffers = new Buffer[members.Count + anchored.Count];
        for (int m = 0; m < members.Count; m++)
        {
            var b = _problem.Buffers[members[m]];
            buffers[m] = b with { Alignment = _problem.AlignmentIn(members[m], pool), Hint = keepHints ? b.Hint : null };
        }
        for (int a = 0; a < anchored.Count; a++)
        {
            int k = anchored[a];
            Debug.Assert(PoolOf[k] == pool, "an anchored buffer is placed in the pool");
            buffers[members.Count + a] = _problem.Buffers[k] with { Alignment = _problem.AlignmentIn(k, pool), Offset = Offsets[k], Hint = null };
        }
        var stop = _work.ForSearch(searchNodes);
        var result = _solver.Solve(new Problem(buffers, _problem.Pools[pool].Capacity), stop);
        Searches++;
        _work.CountSearch(stop, buffers.Length, result.Statistics.Nodes);
        switch (result.Status)
        {
            case SolveStatus.Solved:
                for (int m = 0; m < members.Count; m++) _packer.Place(members[m], pool, result.Solution!.Offsets[m]);
                return PackVerdict.Placed;
            case SolveStatus.Infeasible:
                return PackVerdict.Infeasible;
            default:
                return PackVerdict.Unknown;
        }
    }
}
