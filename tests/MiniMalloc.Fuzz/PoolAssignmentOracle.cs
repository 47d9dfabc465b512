namespace MiniMalloc.Fuzz;

/// <summary>
/// The optimal cost of a tiny pool problem by enumeration, independent of the pool planner: every assignment of
/// buffers to allowed pools (an alias in its owner's pool), cheapest first; the first whose every pool's buffers the
/// exact single-pool <see cref="Solver"/> places within the pool's capacity is optimal. The solver decides a few
/// buffers exactly, so this is a sound feasibility oracle under the search's contract (alias groups folded, gap
/// windows reserving from byte 0), which is the optimum the planner promises.
/// </summary>
internal static class PoolAssignmentOracle
{
    /// <summary>The most buffers enumerated: pools^buffers assignments.</summary>
    public const int MaxBuffers = 6;

    /// <summary>The most pools enumerated.</summary>
    public const int MaxPools = 4;

    // Per single-pool question; tiny problems are decided in a few hundred nodes.
    private static readonly SolverOptions Exact = new() { NodeBudget = 1_000_000 };

    /// <summary>What the enumeration decided.</summary>
    /// <param name="Decided">False when a single-pool question ran out of nodes or could not be asked (then nothing is claimed).</param>
    /// <param name="OptimalCost">The least cost of a plan, or null when no assignment can be placed.</param>
    public readonly record struct Verdict(bool Decided, long? OptimalCost);

    public static Verdict Solve(PoolProblem problem)
    {
        int n = problem.Buffers.Count;
        var owner = OwnerIndices(problem.Buffers);
        var assignments = new List<(long Cost, int[] PoolOf)>();
        Enumerate(problem, owner, new int[n], 0, assignments);
        var known = new Dictionary<(int Pool, int Subset), SolveStatus>();
        foreach (var (cost, poolOf) in assignments.OrderBy(a => a.Cost))
        {
            bool placed = true;
            for (int p = 0; p < problem.Pools.Count && placed; p++)
            {
                int subset = 0;
                for (int i = 0; i < n; i++)
                {
                    if (poolOf[i] == p) subset |= 1 << i;
                }
                if (!known.TryGetValue((p, subset), out var status))
                {
                    status = Place(problem, p, subset);
                    known[(p, subset)] = status;
                }
                if (status is SolveStatus.TimedOut or SolveStatus.Cancelled) return new Verdict(false, null);
                placed = status == SolveStatus.Solved;
            }
            if (placed) return new Verdict(true, cost);
        }
        return new Verdict(true, null);
    }

    // Each buffer's direct owner (an alias's), or -1. The reader has checked that owners exist and do not cycle.
    private static int[] OwnerIndices(IReadOnlyList<Buffer> buffers)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < buffers.Count; i++) index[buffers[i].Id] = i;
        return buffers.Select(b => b.Alias is { } alias ? index[alias.Owner] : -1).ToArray();
    }

    // Buffers in index order; an alias must share its owner's pool, which is checked once both are assigned.
    private static void Enumerate(PoolProblem problem, int[] owner, int[] poolOf, int i, List<(long, int[])> into)
    {
        if (i == poolOf.Length)
        {
            for (int k = 0; k < poolOf.Length; k++)
            {
                if (owner[k] >= 0 && poolOf[owner[k]] != poolOf[k]) return;
            }
            long cost = 0;
            for (int k = 0; k < poolOf.Length; k++) cost += problem.Weights[k] * problem.Pools[poolOf[k]].Cost;
            into.Add((cost, (int[])poolOf.Clone()));
            return;
        }
        for (int p = 0; p < problem.Pools.Count; p++)
        {
            if ((problem.AllowedPools[i] & (1UL << p)) == 0) continue;
            poolOf[i] = p;
            Enumerate(problem, owner, poolOf, i + 1, into);
        }
    }

    // Whether the buffers of `subset` fit in pool `pool`: what the pool places (every buffer but an alias, which lies
    // in its owner) aligned to both its own and the pool's alignment, previous offsets (hints) dropped.
    private static SolveStatus Place(PoolProblem problem, int pool, int subset)
    {
        if (subset == 0) return SolveStatus.Solved;
        var p = problem.Pools[pool];
        var buffers = new List<Buffer>();
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            if ((subset & (1 << i)) == 0) continue;
            var b = problem.Buffers[i];
            buffers.Add(b.Alias is null ? b with { Alignment = Lcm(b.Alignment, p.Alignment), Hint = null } : b with { Hint = null });
        }
        var single = new Problem(buffers, p.Capacity);
        // A problem the solver would refuse is one the reader should have refused: no claim either way.
        if (ProblemChecker.FirstError(single, allowAliases: true) is not null) return SolveStatus.Cancelled;
        var folded = AliasFolding.Fold(single);
        if (ProblemChecker.FirstError(folded.Problem) is not null) return SolveStatus.Cancelled;
        return new Solver(Exact).Solve(folded.Problem).Status;
    }

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }
}
