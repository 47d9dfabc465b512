namespace MiniMalloc;

/// <summary>
/// Checks a pool solution against its problem, independently of the planner: counts, every buffer in a pool it is
/// allowed in, fixed offsets, aliases (in their owner's pool, at their owner's offset plus their offset in it),
/// each pool's capacity, alignment (the buffer's and the pool's), overlap within each pool (gaps and windows
/// included; buffers of different pools never conflict), and the stated heights and cost. A pool's alignment applies
/// to the buffers it places, not to aliases, which lie inside their (aligned) owners at their own offsets.
/// </summary>
public static class PoolValidator
{
    /// <summary>Every violation found (empty when the solution is valid); overlaps are reported once per pair.</summary>
    public static IReadOnlyList<PoolViolation> Validate(PoolProblem problem, PoolSolution solution)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        var violations = new List<PoolViolation>();
        var buffers = problem.Buffers;
        var pools = problem.Pools;
        int n = buffers.Count;
        if (solution.PoolOf.Count != n || solution.Offsets.Count != n || solution.Heights.Count != pools.Count)
        {
            violations.Add(new(PoolViolationKind.Count, [], -1, null,
                $"the solution has {solution.PoolOf.Count} pools, {solution.Offsets.Count} offsets and {solution.Heights.Count} heights for {n} buffers and {pools.Count} pools"));
            return violations;
        }
        var groups = AliasGroups.Resolve(buffers);
        foreach (var error in groups.Errors)
        {
            violations.Add(new(PoolViolationKind.MalformedAlias, [error.BufferIndex], -1, null, error.Message));
        }
        if (groups.Errors.Count > 0) return violations;
        var placed = new bool[n];
        for (int i = 0; i < n; i++)
        {
            var b = buffers[i];
            int pool = solution.PoolOf[i];
            long offset = solution.Offsets[i];
            if (pool < 0 || pool >= pools.Count)
            {
                violations.Add(new(PoolViolationKind.NotAllowed, [i], pool, null, $"buffer '{b.Id}' is in pool {pool}, which does not exist"));
                continue;
            }
            placed[i] = true;
            var p = pools[pool];
            if ((problem.AllowedPools[i] & (1UL << pool)) == 0)
            {
                violations.Add(new(PoolViolationKind.NotAllowed, [i], pool, null, $"buffer '{b.Id}' is in pool '{p.Name}', which it is not allowed in"));
            }
            if (b.Offset is { } fixedOffset && fixedOffset != offset)
            {
                violations.Add(new(PoolViolationKind.FixedOffset, [i], pool, null, $"buffer '{b.Id}' is fixed at offset {fixedOffset} but was placed at {offset}"));
            }
            if (offset < 0 || offset > p.Capacity - b.Size)
            {
                violations.Add(new(PoolViolationKind.Capacity, [i], pool, null,
                    $"buffer '{b.Id}' at offset {offset} with size {b.Size} does not lie within pool '{p.Name}' [0, {p.Capacity})"));
            }
            // The pool's alignment is for what the pool places: an alias lies inside its owner, which is aligned.
            bool poolAligned = b.Alias is not null || offset % p.Alignment == 0;
            if (offset % b.Alignment != 0 || !poolAligned)
            {
                long alignment = offset % b.Alignment != 0 ? b.Alignment : p.Alignment;
                string whose = offset % b.Alignment != 0 ? "its alignment" : $"pool '{p.Name}''s alignment";
                violations.Add(new(PoolViolationKind.Alignment, [i], pool, null, $"buffer '{b.Id}' at offset {offset} is not a multiple of {whose} {alignment}"));
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (buffers[i].Alias is not { } alias || !placed[i]) continue;
            int owner = groups.OwnerOf(i);
            if (solution.PoolOf[owner] != solution.PoolOf[i])
            {
                violations.Add(new(PoolViolationKind.Alias, [i, owner], solution.PoolOf[i], null,
                    $"buffer '{buffers[i].Id}' is an alias of '{buffers[owner].Id}' but is in pool {solution.PoolOf[i]}, not its owner's pool {solution.PoolOf[owner]}"));
                continue;
            }
            long expected = solution.Offsets[owner] + alias.Offset;
            if (solution.Offsets[i] != expected)
            {
                violations.Add(new(PoolViolationKind.Alias, [i, owner], solution.PoolOf[i], null,
                    $"buffer '{buffers[i].Id}' is an alias of '{buffers[owner].Id}' at byte {alias.Offset}, so it belongs at {expected}, but was placed at {solution.Offsets[i]}"));
            }
        }
        FindOverlaps(problem, solution, groups, placed, violations);
        var heights = new long[pools.Count];
        long cost = 0;
        for (int i = 0; i < n; i++)
        {
            if (!placed[i]) continue;
            int pool = solution.PoolOf[i];
            heights[pool] = Math.Max(heights[pool], solution.Offsets[i] + buffers[i].Size);
            cost += problem.Weights[i] * pools[pool].Cost;
        }
        for (int p = 0; p < pools.Count; p++)
        {
            if (heights[p] != solution.Heights[p])
            {
                violations.Add(new(PoolViolationKind.Height, [], p, null, $"the solution states height {solution.Heights[p]} for pool '{pools[p].Name}' but its highest buffer ends at {heights[p]}"));
            }
        }
        if (cost != solution.Cost)
        {
            violations.Add(new(PoolViolationKind.Cost, [], -1, null, $"the solution states cost {solution.Cost} but its buffers' weights times their pools' costs sum to {cost}"));
        }
        return violations;
    }

    // Sorted by lower bound, so each buffer is compared only with those that start before it ends.
    private static void FindOverlaps(PoolProblem problem, PoolSolution solution, AliasGroups groups, bool[] placed, List<PoolViolation> violations)
    {
        var buffers = problem.Buffers;
        var order = Enumerable.Range(0, buffers.Count).Where(i => placed[i])
            .OrderBy(i => buffers[i].Lifespan.Lower).ThenBy(i => i).ToArray();
        for (int a = 0; a < order.Length; a++)
        {
            int i = order[a];
            for (int c = a + 1; c < order.Length; c++)
            {
                int j = order[c];
                if (buffers[j].Lifespan.Lower >= buffers[i].Lifespan.Upper) break;
                if (solution.PoolOf[i] != solution.PoolOf[j] || groups.SameGroup(i, j)) continue;
                if (OccupiedPieces.FirstConflict(buffers[i], solution.Offsets[i], buffers[j], solution.Offsets[j]) is not { } step) continue;
                var (x, y) = i < j ? (i, j) : (j, i);
                violations.Add(new(PoolViolationKind.Overlap, [x, y], solution.PoolOf[i], step,
                    $"buffers '{buffers[x].Id}' [{solution.Offsets[x]}, {solution.Offsets[x] + buffers[x].Size}) and '{buffers[y].Id}' [{solution.Offsets[y]}, {solution.Offsets[y] + buffers[y].Size}) share bytes in pool '{problem.Pools[solution.PoolOf[i]].Name}' at step {step}"));
            }
        }
    }
}
