using MiniMalloc.Tests.Property;

namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The optimal cost of a tiny pool problem by enumeration, independent of the planner and of the search engine:
/// every assignment of buffers to allowed pools, cheapest first; the first whose every pool's buffers can be placed
/// (decided by <see cref="BruteForceSolver"/>, the buffers aligned to both their own and the pool's alignment) is
/// optimal. Null when no assignment can be placed.
/// </summary>
internal static class PoolBruteForce
{
    public static long? OptimalCost(PoolProblem problem)
    {
        int n = problem.Buffers.Count;
        var assignments = new List<(long Cost, int[] PoolOf)>();
        Enumerate(problem, new int[n], 0, assignments);
        var known = new Dictionary<(int Pool, int Subset), bool>();
        foreach (var (cost, poolOf) in assignments.OrderBy(a => a.Cost))
        {
            bool ok = true;
            for (int p = 0; p < problem.Pools.Count && ok; p++)
            {
                int subset = 0;
                for (int i = 0; i < n; i++)
                {
                    if (poolOf[i] == p) subset |= 1 << i;
                }
                if (!known.TryGetValue((p, subset), out ok))
                {
                    ok = Fits(problem, p, subset);
                    known[(p, subset)] = ok;
                }
            }
            if (ok) return cost;
        }
        return null;
    }

    private static void Enumerate(PoolProblem problem, int[] poolOf, int i, List<(long, int[])> into)
    {
        if (i == poolOf.Length)
        {
            long cost = 0;
            for (int k = 0; k < poolOf.Length; k++) cost += problem.Weights[k] * problem.Pools[poolOf[k]].Cost;
            into.Add((cost, (int[])poolOf.Clone()));
            return;
        }
        for (int p = 0; p < problem.Pools.Count; p++)
        {
            if ((problem.AllowedPools[i] & (1UL << p)) == 0) continue;
            poolOf[i] = p;
            Enumerate(problem, poolOf, i + 1, into);
        }
    }

    private static bool Fits(PoolProblem problem, int pool, int subset)
    {
        var members = Enumerable.Range(0, problem.Buffers.Count).Where(i => (subset & (1 << i)) != 0).ToArray();
        if (members.Length == 0) return true;
        var p = problem.Pools[pool];
        var buffers = members.Select(i => problem.Buffers[i] with { Alignment = Lcm(problem.Buffers[i].Alignment, p.Alignment) }).ToArray();
        foreach (var b in buffers)
        {
            if (b.Offset is { } o && o % b.Alignment != 0) return false;
            if (b.Size > p.Capacity) return false;
        }
        return new BruteForceSolver(new Problem(buffers, 0)).FindOffsets(p.Capacity) is not null;
    }

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }
}
