namespace MiniMalloc;

/// <summary>
/// The plain reasons a pool problem has no plan, found without search: an alias group whose members allow no
/// common pool, a buffer larger than every pool it may go to, fixed buffers that collide, and buffers that can only
/// go to some pools being larger together, at some step, than those pools.
/// </summary>
internal static class PoolFeasibilityCheck
{
    public static PoolInfeasibility? Find(FoldedPoolProblem problem)
    {
        var buffers = problem.Buffers;
        var pools = problem.Pools;
        if (problem.EmptyGroup >= 0)
        {
            var members = problem.MembersOf(problem.EmptyGroup).ToArray();
            return new(PoolInfeasibilityKind.FitsNowhere, members, buffers[problem.EmptyGroup].Lifespan.Lower,
                $"the alias group of {Names(problem, members)} has no pool that all of its buffers allow");
        }
        for (int k = 0; k < buffers.Count; k++)
        {
            bool fits = false;
            for (int p = 0; p < pools.Count && !fits; p++)
            {
                if ((problem.Masks[k] & (1UL << p)) == 0) continue;
                long offset = buffers[k].Offset ?? 0;
                fits = offset % problem.AlignmentIn(k, p) == 0 && offset + buffers[k].Size <= pools[p].Capacity;
            }
            if (!fits)
            {
                var members = problem.MembersOf(k).ToArray();
                string where = buffers[k].Offset is { } o ? $" at its fixed offset {o}" : "";
                return new(PoolInfeasibilityKind.FitsNowhere, members, buffers[k].Lifespan.Lower,
                    $"{Names(problem, members)} of {buffers[k].Size} bytes{where} fits in none of its pools ({PoolNames(problem, problem.Masks[k])}), live from step {buffers[k].Lifespan.Lower}");
            }
        }
        if (FixedCollision(problem) is { } collision) return collision;
        return LiveSizes(problem);
    }

    private static PoolInfeasibility? FixedCollision(FoldedPoolProblem problem)
    {
        var buffers = problem.Buffers;
        var fixedOnes = Enumerable.Range(0, buffers.Count).Where(k => buffers[k].Offset is not null).ToArray();
        for (int a = 0; a < fixedOnes.Length; a++)
        {
            for (int c = a + 1; c < fixedOnes.Length; c++)
            {
                int i = fixedOnes[a], j = fixedOnes[c];
                if (problem.Masks[i] != problem.Masks[j]) continue;
                if (OccupiedPieces.FirstConflict(buffers[i], buffers[i].Offset!.Value, buffers[j], buffers[j].Offset!.Value) is not { } step) continue;
                var members = problem.MembersOf(i).Concat(problem.MembersOf(j)).Order().ToArray();
                return new(PoolInfeasibilityKind.FixedOffsetsCollide, members, step,
                    $"{Names(problem, members)} have fixed offsets in pool {PoolNames(problem, problem.Masks[i])} that share bytes at step {step}");
            }
        }
        return null;
    }

    // For every distinct mask M: the buffers that may only go to pools of M must fit, at every step, in the sum of
    // those pools' capacities. Counted on the buffers as given (an alias group by the bytes its live members cover,
    // not by its folded window), so that the claim holds for the problem as given.
    private static PoolInfeasibility? LiveSizes(FoldedPoolProblem problem)
    {
        var buffers = problem.Buffers;
        foreach (ulong mask in problem.Masks.Distinct().Order())
        {
            long capacity = 0;
            for (int p = 0; p < problem.Pools.Count; p++)
            {
                if ((mask & (1UL << p)) != 0) capacity += problem.Pools[p].Capacity;
            }
            var inside = Enumerable.Range(0, buffers.Count).Where(k => (problem.Masks[k] & ~mask) == 0).ToArray();
            var profile = LiveProfile.Of(inside.SelectMany(problem.MembersOf).Order().Select(i => problem.Original.Buffers[i]).ToArray());
            if (profile.FirstStepAbove(capacity) is not { } step) continue;
            var live = inside.Where(k => IsLiveAt(buffers[k], step)).SelectMany(problem.MembersOf).Order().ToArray();
            return new(PoolInfeasibilityKind.LiveSizeExceeded, live, step,
                $"at step {step}, {Names(problem, live)} ({profile.At(step)} bytes live) can only go to {PoolNames(problem, mask)} ({capacity} bytes)");
        }
        return null;
    }

    internal static bool IsLiveAt(Buffer buffer, long step)
    {
        foreach (var piece in OccupiedPieces.Of(buffer))
        {
            if (piece.Steps.Contains(step)) return true;
        }
        return false;
    }

    internal static string Names(FoldedPoolProblem problem, IReadOnlyList<int> originals)
    {
        const int shown = 8;
        var ids = originals.Take(shown).Select(i => $"'{problem.Original.Buffers[i].Id}'");
        string list = string.Join(", ", ids);
        if (originals.Count > shown) list += $" and {originals.Count - shown} more";
        return originals.Count == 1 ? $"buffer {list}" : $"buffers {list}";
    }

    internal static string PoolNames(FoldedPoolProblem problem, ulong mask)
    {
        var names = new List<string>();
        for (int p = 0; p < problem.Pools.Count; p++)
        {
            if ((mask & (1UL << p)) != 0) names.Add($"'{problem.Pools[p].Name}'");
        }
        return string.Join(", ", names);
    }
}
