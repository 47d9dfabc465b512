namespace MiniMalloc.Planning;

/// <summary>
/// The rules of a pool problem read from a lifetimes file: which pools apply (those set for the plan win over the
/// file's; a capacity set for the plan is the first pool's), each buffer's allowed pools and weight, and the checks
/// that need them (unknown pools, a fixed offset with several pools, a buffer that fits no allowed pool).
/// </summary>
internal static class PoolRules
{
    /// <summary>The pools of the plan, with where the file wrote each (null when set for the plan); null for a one-arena problem.</summary>
    public static IReadOnlyList<(PoolSpec Spec, LifetimesPool? Source)>? EffectivePools(LifetimesDocument document, LifetimesReaderOptions options)
    {
        if (options.Pools is { Count: > 0 } set) return set.Select(p => (p, (LifetimesPool?)null)).ToList();
        if (document.Pools is not { Count: > 0 } pools) return null;
        var list = pools.Select(p => (p.Spec, (LifetimesPool?)p)).ToList();
        if (options.Capacity is { } capacity) list[0] = (list[0].Spec with { Capacity = capacity }, list[0].Item2);
        return list;
    }

    /// <summary>
    /// The problem (its capacity 0: each pool has its own) and its pools, or null with a positioned error per rule
    /// broken added to <paramref name="diagnostics"/>.
    /// </summary>
    public static (Problem Problem, PlanPools Pools)? ToProblem(LifetimesDocument document, IReadOnlyList<(PoolSpec Spec, LifetimesPool? Source)> pools,
        Alignment defaultAlignment, List<Diagnostic> diagnostics)
    {
        string file = document.FilePath;
        var specs = pools.Select(p => p.Spec).ToList();
        if (specs[0].Capacity.IsZero)
        {
            // Only a capacity set for the plan can be 0 here (a file's pools and --pool hold at least a byte): it is
            // the first pool's, and a pool of no bytes is refused wherever a pool is set.
            diagnostics.Add(new Diagnostic(DiagnosticCodes.InvalidCapacitySetting, DiagnosticSeverity.Error,
                $"the capacity set for this plan is the first pool's ({JsonText.Quote(specs[0].Name)}), and a pool holds at least one byte: set a capacity in [1, 2^53], or leave it to the pool", file));
            return null;
        }
        bool fromPlan = pools[0].Source is null;
        string known = string.Join(", ", specs.Select(p => "'" + p.Name + "'"));
        int errors = 0;
        var buffers = new List<Buffer>(document.Buffers.Count);
        var allowed = new List<ulong>(document.Buffers.Count);
        var weights = new List<long>(document.Buffers.Count);
        ulong every = PlanPools.AllPools(specs.Count);
        foreach (var b in document.Buffers)
        {
            if (errors >= LifetimesParser.MaxErrors) break;
            ulong mask = every;
            if (b.PoolNames is { } names)
            {
                mask = 0;
                foreach (var (name, location) in names)
                {
                    int index = specs.FindIndex(p => p.Name == name);
                    if (index < 0)
                    {
                        errors++;
                        string where = fromPlan ? "among the pools set for this plan" : "defined in the file's \"pools\"";
                        diagnostics.Add(LifetimesRules.Error(DiagnosticCodes.UnknownPool, file, location, $"buffer {JsonText.Quote(b.Id)} names pool {JsonText.Quote(name)}, which is not {where} ({known})"));
                    }
                    else
                    {
                        mask |= 1UL << index;
                    }
                }
            }
            allowed.Add(mask);
            weights.Add(b.Weight ?? b.Size);
            var gaps = b.Gaps.Select(g => new Gap(new Lifespan(g.Start, g.End), g.Window)).ToList();
            if (b.Alias is { } alias)
            {
                // An alias goes where its owner goes (its pool too): the owner's checks are the ones that count.
                buffers.Add(new Buffer(b.Id, b.Start, b.End, b.Size) { Alignment = b.Alignment?.Bytes ?? 1, Gaps = gaps, Offset = b.Offset, Hint = b.Hint, Alias = alias.ToModel() });
                continue;
            }
            long alignment = (b.Alignment ?? defaultAlignment).Bytes;
            if (mask != 0 && PlacementError(b.Id, b.Size, b.Offset, alignment, mask, specs) is { } broken)
            {
                errors++;
                diagnostics.Add(LifetimesRules.Error(broken.Code, file, b.LocationOf(broken.Property), $"{broken.Message}"));
            }
            long? hint = b.Hint is { } h && b.Offset is null && HintFits(h, b.Size, alignment, mask, specs) ? h : null;
            if (b.Hint is { } ignored && b.Offset is null && hint is null)
            {
                diagnostics.Add(LifetimesRules.Error(DiagnosticCodes.UnusableHint, file, b.LocationOf("hint"),
                    $"hint {ignored} of buffer {JsonText.Quote(b.Id)} is ignored: in no pool it may go to is it a multiple of the alignment (its {alignment} and the pool's) within the capacity", DiagnosticSeverity.Warning));
            }
            buffers.Add(new Buffer(b.Id, b.Start, b.End, b.Size) { Alignment = alignment, Gaps = gaps, Offset = b.Offset, Hint = hint });
        }
        if (errors > 0) return null;
        if (!LifetimesRules.CheckAliases(document, buffers, diagnostics)) return null;
        if (TotalCostTooLarge(weights, specs) is { } totals)
        {
            diagnostics.Add(LifetimesRules.Error(DiagnosticCodes.TotalsTooLarge, file, document.LocationOf("buffers"), $"{totals}"));
            return null;
        }
        var problem = new Problem(buffers, 0);
        if (ProblemChecker.FirstError(problem, allowAliases: true) is { } error)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.ValueOutOfRange, DiagnosticSeverity.Error, error, file));
            return null;
        }
        return (problem, new PlanPools(specs, allowed, weights));
    }

    /// <summary>
    /// The rule broken by a buffer's placement among the pools, or null: a buffer that fits none of its pools, a
    /// fixed offset not in exactly one pool, misaligned (the buffer's alignment and the pool's) or beyond its end.
    /// Property names the value to change ("size" or "offset"); both readers report it at their own position.
    /// </summary>
    public static (string Code, string Property, string Message)? PlacementError(string id, long size, long? fixedOffset, long alignment, ulong mask, IReadOnlyList<PoolSpec> pools)
    {
        var mine = Enumerable.Range(0, pools.Count).Where(i => (mask >> i & 1) != 0).ToList();
        if (mine.All(i => pools[i].Capacity.Bytes < size))
        {
            string capacities = string.Join(", ", mine.Select(i => FormattableString.Invariant($"{pools[i].Name} {pools[i].Capacity.Bytes}")));
            return (DiagnosticCodes.BufferExceedsCapacity, "size", FormattableString.Invariant(
                $"buffer {JsonText.Quote(id)} has size {size}, more than the capacity of every pool it may go to ({capacities})"));
        }
        if (fixedOffset is not { } offset) return null;
        if (mine.Count != 1)
        {
            return (DiagnosticCodes.FixedOffsetPools, "offset", FormattableString.Invariant(
                $"buffer {JsonText.Quote(id)} has a fixed offset but may go to {mine.Count} pools; allow it the one pool the offset is in"));
        }
        var pool = pools[mine[0]];
        long needed = Math.Max(alignment, pool.Alignment.Bytes);
        if (offset % needed != 0)
        {
            return (DiagnosticCodes.MisalignedOffset, "offset", FormattableString.Invariant(
                $"fixed offset {offset} of buffer {JsonText.Quote(id)} is not a multiple of {needed} (its alignment {alignment}, pool {JsonText.Quote(pool.Name)}'s {pool.Alignment.Bytes})"));
        }
        if (offset > pool.Capacity.Bytes - size)
        {
            return (DiagnosticCodes.BufferExceedsCapacity, "offset", FormattableString.Invariant(
                $"buffer {JsonText.Quote(id)} fixed at offset {offset} with size {size} ends at {offset + size}, beyond pool {JsonText.Quote(pool.Name)}'s capacity {pool.Capacity.Bytes}"));
        }
        return null;
    }

    /// <summary>True when <paramref name="hint"/> is an offset of the buffer in some pool of <paramref name="mask"/>: aligned for it and within its capacity.</summary>
    private static bool HintFits(long hint, long size, long alignment, ulong mask, IReadOnlyList<PoolSpec> pools)
    {
        for (int p = 0; p < pools.Count; p++)
        {
            if ((mask >> p & 1) == 0) continue;
            long needed = Math.Max(alignment, pools[p].Alignment.Bytes);
            if (hint % needed == 0 && size <= pools[p].Capacity.Bytes && hint <= pools[p].Capacity.Bytes - size) return true;
        }
        return false;
    }

    /// <summary>
    /// The message when the plan's cost could pass 2^62 (every weight at the dearest pool), or null: the solver
    /// library's rule (<see cref="PoolProblemChecker.TotalCostCanPass"/>), said as an input error.
    /// </summary>
    public static string? TotalCostTooLarge(IReadOnlyList<long> weights, IReadOnlyList<PoolSpec> pools)
    {
        long maxCost = Enumerable.Range(0, pools.Count).Max(i => pools[i].CostAt(i));
        return PoolProblemChecker.TotalCostCanPass(weights, maxCost)
            ? FormattableString.Invariant($"the weights times the dearest pool's cost ({maxCost}) can pass 2^62; lower the weights or the costs")
            : null;
    }
}
