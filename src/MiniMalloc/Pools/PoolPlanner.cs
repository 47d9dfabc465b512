using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// Plans a <see cref="PoolProblem"/>: a pool and an offset for every buffer, at the lowest cost it can prove or
/// find within its budget, never worse than <see cref="PoolGreedy"/>, with a proven lower bound on the cost. In
/// order: the plain infeasibility checks; the greedy baseline; the cost lower bound (<see cref="PoolCostBound"/>);
/// the evict-and-pack heuristic; the local search (<see cref="PoolLocalSearch"/>) from its three cheapest plans, a
/// short run each and the rest on the best; the kept-set search (the integer bound's kept sets placed from the plan,
/// <see cref="PoolKeptSetPlacement"/>); the region search (<see cref="PoolNeighbourhoodSearch"/>), which
/// re-optimizes regions of the cheaper pools exactly; the kept-set search again; then, while the plan is above the bound, the exact branch and bound
/// (<see cref="PoolBranchAndBound"/>) with what is left of the budget, and the local search again on its plan; last,
/// with <see cref="PoolPlannerOptions.MinimizeHeights"/>, each pool's height minimized for the chosen pools, fastest
/// first.
/// </summary>
public static class PoolPlanner
{
    /// <summary>Nodes one single-pool search may use inside the heuristic and the branch and bound.</summary>
    private const long SearchNodes = 20_000;

    /// <summary>Nodes one exact repack of the local search may use: it asks whether a pool takes one more buffer.</summary>
    private const long RepackNodes = 2_000;

    /// <summary>
    /// The local search may use seven eighths of what is left before the branch and bound, in eighths: on large
    /// problems it finds cheaper plans per node than the branch and bound, and on small ones it stops early (at a local
    /// optimum), leaving the budget to the branch and bound's proof.
    /// </summary>
    private const long LocalEighths = 7;

    /// <summary>
    /// The region search's part of the local search's share (one eighth), besides half of what is left after the
    /// local search: measured on A-K, taking less from the local search keeps its gains, and the region search's
    /// gains are larger than the branch and bound's on large problems.
    /// </summary>
    private const long RegionPart = 8;

    /// <summary>Work one region of the region search may use: its branch nodes, placements and solver nodes.</summary>
    private const long RegionNodes = 5_000;

    /// <summary>Nodes one single-pool search of the region search may use: it places a region's kept buffers around its anchors.</summary>
    private const long RegionSolveNodes = 300;

    /// <summary>
    /// Nodes the integer keep-or-spill search may use per layer (<see cref="PoolIntegerBound"/>): it settles plans within a
    /// few units of the LP bound in far fewer, and a wide gap is not decided in any affordable number.
    /// </summary>
    private const long IntegerNodes = 200_000;

    /// <summary>
    /// Nodes one single-pool search of the kept-set placement may use (<see cref="PoolKeptSetPlacement"/>): it places a
    /// buffer joining the fast pool with the pool's buffers of a window around it.
    /// </summary>
    private const long KeptSetNodes = 20_000;

    /// <summary>
    /// The kept-set search's share of what is left after the local search, before the region search (and half of what
    /// is left after the region search): measured on A-K, a quarter and a half gave the same mean cost over the bound.
    /// </summary>
    private const long KeptSetPart = 4;

    /// <summary>
    /// The most times a partly placed kept set asks for the cheapest set without the buffers that did not join
    /// (<see cref="PoolCostBound.KeptSetsAvoiding"/>): on A at 90 % the second such set places at the bound.
    /// </summary>
    private const int AvoidingRounds = 4;

    /// <summary>The most kept sets placed per search, cheapest first.</summary>
    private const int KeptSets = 4;

    /// <summary>Plans the local search starts from: the best one and the next cheapest of the heuristic's attempts.</summary>
    private const int Restarts = 3;

    /// <summary>
    /// What is held back from the branch and bound for the local search on its plan: a thirty-second of what is left
    /// (the local search rarely needs more, and the branch and bound's dive finds more with more nodes).
    /// </summary>
    private const long HeldShare = 32;

    /// <summary>Plans <paramref name="problem"/>; never throws on a budget, a time limit or cancellation, which the result reports.</summary>
    /// <exception cref="ArgumentException">The problem or the options are malformed.</exception>
    public static PoolPlanResult Solve(PoolProblem problem, PoolPlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new PoolPlannerOptions();
        if (PoolProblemChecker.FirstError(problem) is { } error) throw new ArgumentException(error, nameof(problem));
        if (options.Validate() is { } bad) throw new ArgumentException(bad, nameof(options));
        var folded = FoldedPoolProblem.Fold(problem);
        var work = new PoolWork(options.NodeBudgetFor(problem.Buffers.Count), options.WorkBudgetFor(problem.Buffers.Count), options.TimeLimit, options.CancellationToken);
        if (PoolFeasibilityCheck.Find(folded) is { } infeasibility)
        {
            return new PoolPlanResult { StopReason = PoolStopReason.Infeasible, Infeasibility = infeasibility, Elapsed = work.Elapsed };
        }
        var bound = new PoolCostBound(folded);
        // The LP's flow may take at most half of the work budget: above that it is not run (the strong bound stands).
        if (work.Remaining.Units / 2 < bound.LpWorkLimit) bound.LpWorkLimit = work.Remaining.Units / 2;
        // The bound counts what each alias group's members occupy (FoldedPoolProblem.Occupancy), so it holds for the
        // problem as given. An exhaustive search's verdict does not where a folded group's window covers a hole (the
        // search never puts a buffer into it): then the branch and bound claims nothing.
        bool exact = folded.Folded.IsExact;
        long lowerBound = bound.Compute(PoolBoundStrength.Strongest);
        Debug.Assert(lowerBound < long.MaxValue, "with nothing assigned every layer can be emptied");
        work.Charge(bound.Work);

        var packing = new PoolPacking(folded, options.Search, work);
        string method = "greedy";
        (int[] PoolOf, long[] Offsets)? best = null;
        long bestCost = long.MaxValue;
        var packer = new PoolPacker(folded);
        if (PoolGreedy.Place(folded, packer, PoolGreedy.BySize(folded.Buffers)))
        {
            best = ((int[])packer.PoolOf.Clone(), (long[])packer.Offsets.Clone());
            bestCost = Cost(folded, packer.PoolOf);
        }
        // A previous plan's pools and offsets, where they still fit: kept on equal cost, so that plans stay stable.
        if (folded.PoolHints.Any(h => h >= 0) && HintedPlan(folded, bound, packing) is { } hinted && Cost(folded, hinted.PoolOf) <= bestCost)
        {
            best = hinted;
            bestCost = Cost(folded, hinted.PoolOf);
            method = "anytime";
        }
        var starts = new List<(long Cost, int[] PoolOf, long[] Offsets)>();
        if (bestCost > lowerBound && !work.Stopped())
        {
            var evictAndPack = new PoolEvictAndPack(folded, bound, packing, work, SearchNodes);
            // At most half of what is left, so that the local search and the region search have their shares on large
            // problems, where each of its attempts costs a single-pool search over thousands of buffers.
            work.Hold(work.Remaining / 2);
            var heuristic = evictAndPack.Run();
            work.Release();
            if (heuristic is { } plan && Cost(folded, plan.PoolOf) < bestCost)
            {
                best = plan;
                bestCost = Cost(folded, plan.PoolOf);
                method = "anytime";
            }
            starts.AddRange(evictAndPack.Plans.Where(p => p.Cost > bestCost).OrderBy(p => p.Cost).Take(Restarts - 1));
        }
        var local = new PoolLocalSearch(folded, bound, packing, work, RepackNodes);
        var regionShare = default(PoolBudget);
        if (best is not null && bestCost > lowerBound && !work.Stopped())
        {
            starts.Insert(0, (bestCost, best.Value.PoolOf, best.Value.Offsets));
            var share = work.Remaining / 8 * LocalEighths;
            regionShare = share / RegionPart;
            share -= regionShare;
            // Each start gets a short run; the best plan found then gets the rest (a run resumed from where it stopped).
            var probe = starts.Count > 1 ? share / (2 * starts.Count) : default;
            for (int i = 0; i < starts.Count && probe.IsPositive && bestCost > lowerBound && !work.Stopped(); i++)
            {
                var improved = local.Improve(starts[i].PoolOf, starts[i].Offsets, probe);
                if (Cost(folded, improved.PoolOf) < bestCost)
                {
                    best = improved;
                    bestCost = Cost(folded, improved.PoolOf);
                    method = "anytime";
                }
            }
            if (bestCost > lowerBound && !work.Stopped())
            {
                var improved = local.Improve(best.Value.PoolOf, best.Value.Offsets, share - probe * starts.Count);
                if (Cost(folded, improved.PoolOf) < bestCost)
                {
                    best = improved;
                    bestCost = Cost(folded, improved.PoolOf);
                    method = "anytime";
                }
            }
        }
        if (best is not null && bestCost > lowerBound && !work.Stopped())
        {
            var plan = best.Value;
            lowerBound = KeptSetSearch(folded, bound, options, work, work.Remaining / KeptSetPart, ref plan, ref bestCost, lowerBound, ref method);
            best = plan;
        }
        if (best is not null && bestCost > lowerBound && !work.Stopped())
        {
            // The region search also takes half of what the branch and bound would have had: on large problems it
            // finds cheaper plans with it, and on small ones it runs out of regions early, leaving the rest.
            regionShare += work.Remaining / 2;
            var region = new PoolNeighbourhoodSearch(folded, bound, packing, work, RegionNodes, RegionSolveNodes);
            var improved = region.Improve(best.Value.PoolOf, best.Value.Offsets, regionShare);
            if (Cost(folded, improved.PoolOf) < bestCost)
            {
                best = improved;
                bestCost = Cost(folded, improved.PoolOf);
                method = "anytime";
            }
        }
        if (best is not null && bestCost > lowerBound && work.StopReason is null or PoolStopReason.BudgetExhausted)
        {
            var plan = best.Value;
            lowerBound = KeptSetSearch(folded, bound, options, work, work.Remaining / 2, ref plan, ref bestCost, lowerBound, ref method);
            best = plan;
        }
        bool proven = bestCost == lowerBound;
        bool decided = proven;
        if (!proven && !work.Stopped())
        {
            var search = new PoolBranchAndBound(folded, bound, packing, work, SearchNodes);
            // A share of the budget is kept for the local search on the branch and bound's plan.
            work.Hold(work.Remaining / HeldShare);
            search.Run(bestCost);
            work.Release();
            bool improvedBySearch = search.BestPoolOf is not null;
            if (search.BestPoolOf is { } pools)
            {
                best = (pools, search.BestOffsets!);
                bestCost = search.BestCost;
                method = "exact";
            }
            if (search.Exhaustive || (search.Completed && search.UndecidedBound >= bestCost))
            {
                decided = true;
                proven = exact && best is not null;
            }
            else if (search.Completed && exact)
            {
                // Every branch was decided or bounded: no plan costs less than the least bound left undecided.
                lowerBound = Math.Max(lowerBound, Math.Min(bestCost, search.UndecidedBound));
            }
            if (!proven && improvedBySearch && best is { } found && bestCost > lowerBound && !work.Stopped())
            {
                var improved = local.Improve(found.PoolOf, found.Offsets, work.Remaining);
                if (Cost(folded, improved.PoolOf) < bestCost)
                {
                    best = improved;
                    bestCost = Cost(folded, improved.PoolOf);
                    method = "anytime";
                }
            }
        }
        if (best is null)
        {
            if (decided && exact)
            {
                return new PoolPlanResult
                {
                    StopReason = PoolStopReason.Infeasible,
                    Infeasibility = NoPlacement(folded),
                    CostLowerBound = lowerBound,
                    Nodes = work.Used,
                    Work = work.Meter.Units,
                    Elapsed = work.Elapsed,
                };
            }
            return new PoolPlanResult
            {
                StopReason = work.StopReason ?? PoolStopReason.BudgetExhausted,
                SearchExhausted = decided,
                CostLowerBound = lowerBound,
                Nodes = work.Used,
                Work = work.Meter.Units,
                Elapsed = work.Elapsed,
            };
        }
        var (poolOf, offsets) = best.Value;
        if (!proven)
        {
            long before = bestCost;
            bestCost = Settle(folded, packer, poolOf, offsets);
            if (bestCost > lowerBound && (bestCost < before || method == "exact") && work.StopReason is null or PoolStopReason.BudgetExhausted)
            {
                lowerBound = Math.Max(lowerBound, IntegerBound(bound, poolOf));
            }
            proven = bestCost == lowerBound;
        }
        if (proven) lowerBound = bestCost;
        if (options.MinimizeHeights) MinimizeHeights(folded, poolOf, offsets, options.Search, work);
        var solution = folded.Expand(poolOf, offsets);
        Debug.Assert(PoolValidator.Validate(problem, solution).Count == 0, "the planner's plans are valid");
        return new PoolPlanResult
        {
            Solution = solution,
            CostLowerBound = lowerBound,
            ProvenOptimal = proven,
            StopReason = proven ? PoolStopReason.Optimal : work.StopReason ?? PoolStopReason.BudgetExhausted,
            Nodes = work.Used,
            Work = work.Meter.Units,
            Elapsed = work.Elapsed,
            Method = method,
        };
    }

    // Every buffer in its hinted pool (else its cheapest), each pool placed by the exact solver with the offset hints
    // kept where they fit (its warm start); null when some pool cannot be placed within the nodes.
    private static (int[] PoolOf, long[] Offsets)? HintedPlan(FoldedPoolProblem problem, PoolCostBound bound, PoolPacking packing)
    {
        int n = problem.Buffers.Count;
        var poolOf = new int[n];
        for (int k = 0; k < n; k++)
        {
            ulong fits = bound.FitMask(k);
            int hint = problem.PoolHints[k];
            poolOf[k] = hint >= 0 && (fits & (1UL << hint)) != 0 ? hint
                : Enumerable.Range(0, problem.Pools.Count).Where(p => (fits & (1UL << p)) != 0).OrderBy(p => problem.Pools[p].Cost).ThenBy(p => p).First();
        }
        packing.Clear();
        for (int pool = 0; pool < problem.Pools.Count; pool++)
        {
            var members = Enumerable.Range(0, n).Where(k => poolOf[k] == pool).ToArray();
            if (members.Length > 0 && packing.Repack(pool, members, SearchNodes, keepHints: true) != PackVerdict.Placed) return null;
        }
        return ((int[])packing.PoolOf.Clone(), (long[])packing.Offsets.Clone());
    }

    // A last pass over any plan: each buffer not in its cheapest pool, heaviest first, moves to a cheaper pool where it
    // has a fit among the buffers there (never a worse plan: a move only lowers the cost and keeps every placement).
    private static long Settle(FoldedPoolProblem problem, PoolPacker packer, int[] poolOf, long[] offsets)
    {
        packer.Clear();
        for (int k = 0; k < poolOf.Length; k++) packer.Place(k, poolOf[k], offsets[k]);
        var byWeight = Enumerable.Range(0, poolOf.Length).OrderByDescending(k => problem.Weights[k]).ThenBy(k => k).ToArray();
        var byCost = Enumerable.Range(0, problem.Pools.Count).OrderBy(p => problem.Pools[p].Cost).ThenBy(p => p).ToArray();
        foreach (int k in byWeight)
        {
            if (problem.Weights[k] == 0 || problem.Buffers[k].Offset is not null) continue;
            int from = poolOf[k];
            foreach (int pool in byCost)
            {
                if (problem.Pools[pool].Cost >= problem.Pools[from].Cost) break;
                if ((problem.Masks[k] & (1UL << pool)) == 0) continue;
                packer.Remove(k);
                long offset = packer.LowestFit(k, pool);
                if (offset < 0)
                {
                    packer.Place(k, from, offsets[k]);
                    continue;
                }
                packer.Place(k, pool, offset);
                poolOf[k] = pool;
                offsets[k] = offset;
                break;
            }
        }
        return Cost(problem, poolOf);
    }

    // The bound raised by the integer keep-or-spill search towards the plan: a plan within a few units of the LP bound
    // is often optimal by live bytes alone, which proves it. Its nodes have their own fixed limit (the same work on
    // every machine) and are not taken from the budget: on wide gaps, where it decides nothing, the steps after it
    // keep all of theirs.
    private static long IntegerBound(PoolCostBound bound, int[] poolOf) => bound.IntegerBound(poolOf, IntegerNodes, out _);

    // The integer bound raised towards the plan, and the kept sets its search finds placed (KeptSetPlan), each cheaper
    // plan searched from again, within `share`; returns the bound, and the plan and its cost through the references.
    private static long KeptSetSearch(FoldedPoolProblem problem, PoolCostBound bound, PoolPlannerOptions options, PoolWork work, PoolBudget share,
        ref (int[] PoolOf, long[] Offsets) plan, ref long cost, long lowerBound, ref string method)
    {
        lowerBound = Math.Max(lowerBound, IntegerBound(bound, plan.PoolOf));
        work.Hold(work.Remaining - share);
        while (cost > lowerBound && !work.Stopped() && KeptSetPlan(problem, bound, options, work, plan) is { } placed)
        {
            plan = placed;
            cost = Cost(problem, placed.PoolOf);
            method = "anytime";
            if (cost > lowerBound) lowerBound = Math.Max(lowerBound, IntegerBound(bound, plan.PoolOf));
        }
        work.Release();
        return lowerBound;
    }

    // The kept sets the integer bound found in the cheapest layer, cheapest first, each placed from the plan
    // (PoolKeptSetPlacement); the cheapest plan below the given one, or null. Only when the cheapest layer is one pool:
    // a kept set of several pools would first have to be split among them.
    private static (int[] PoolOf, long[] Offsets)? KeptSetPlan(FoldedPoolProblem problem, PoolCostBound bound, PoolPlannerOptions options, PoolWork work, (int[] PoolOf, long[] Offsets) plan)
    {
        if (bound.Layers == 0 || System.Numerics.BitOperations.PopCount(bound.LayerPools(0)) != 1) return null;
        int pool = System.Numerics.BitOperations.TrailingZeroCount(bound.LayerPools(0));
        var placement = new PoolKeptSetPlacement(problem, new PoolPacking(problem, options.Search, work), work);
        (int[] PoolOf, long[] Offsets)? best = null;
        long bestCost = Cost(problem, plan.PoolOf);
        var candidates = bound.KeptSets.Where(set => set.Layer == 0).Reverse().Take(KeptSets).Select(set => (set.Leaving, set.Kept)).ToList();
        var excluded = new bool[plan.PoolOf.Length];
        int avoided = 0;
        for (int c = 0; c < candidates.Count && !work.Stopped(); c++)
        {
            if (placement.Place(pool, candidates[c].Kept, plan, KeptSetNodes) is { } placed && Cost(problem, placed.PoolOf) < bestCost)
            {
                best = placed;
                bestCost = Cost(problem, placed.PoolOf);
                // Every buffer kept: the sets after it leave more.
                if (placement.Complete) break;
            }
            if (placement.Complete || avoided == AvoidingRounds) continue;
            // The buffers that did not join are left out of the next set asked for: the cheapest set without them is
            // tried next (as a cut would, though not a sound one: they might join from another layout).
            avoided++;
            foreach (int k in placement.Failed) excluded[k] = true;
            bound.KeptSetsAvoiding(0, plan.PoolOf, excluded, IntegerNodes);
            if (bound.KeptSets.Count == 0) continue;
            // In order of what they leave, among the sets not yet tried.
            var next = bound.KeptSets[^1];
            int at = c + 1;
            while (at < candidates.Count && candidates[at].Leaving <= next.Leaving) at++;
            candidates.Insert(at, (next.Leaving, next.Kept));
        }
        return best;
    }

    internal static long Cost(FoldedPoolProblem problem, int[] poolOf)
    {
        long cost = 0;
        for (int k = 0; k < poolOf.Length; k++) cost += problem.Weights[k] * problem.Pools[poolOf[k]].Cost;
        return cost;
    }

    // Each pool's buffers are kept and their height minimized, fastest pool first; a pool keeps its placement when
    // the minimizer finds nothing lower within the nodes left.
    private static void MinimizeHeights(FoldedPoolProblem problem, int[] poolOf, long[] offsets, SolverOptions search, PoolWork work)
    {
        for (int pool = 0; pool < problem.Pools.Count; pool++)
        {
            var members = Enumerable.Range(0, poolOf.Length).Where(k => poolOf[k] == pool).ToArray();
            if (members.Length == 0) continue;
            var share = work.Remaining / (problem.Pools.Count - pool);
            if (!work.Remaining.IsPositive) break;
            var buffers = members.Select(k => problem.Buffers[k] with { Alignment = problem.AlignmentIn(k, pool) }).ToArray();
            var minimizer = new CapacityMinimizer(search with { Timeout = null, WorkBudget = Math.Max(1, share.Units) },
                new MinimizeOptions { NodeBudget = Math.Max(1, share.Nodes) });
            var result = minimizer.Minimize(new Problem(buffers, problem.Pools[pool].Capacity));
            work.Spend(result.Statistics.Nodes);
            work.Charge(PoolWork.SearchUnitsPerBuffer * buffers.Length + PoolWork.SearchUnitsPerNode * result.Statistics.Nodes);
            if (result.Solution is not { } solution) continue;
            long height = members.Max(k => offsets[k] + problem.Buffers[k].Size);
            if (solution.Height >= height) continue;
            for (int m = 0; m < members.Length; m++) offsets[members[m]] = solution.Offsets[m];
        }
    }

    // The exhaustive search found nothing: name the buffers live where the fastest pool group is fullest.
    private static PoolInfeasibility NoPlacement(FoldedPoolProblem problem)
    {
        var profile = LiveProfile.Of(problem.Buffers);
        long step = profile.PeakStep;
        var live = Enumerable.Range(0, problem.Buffers.Count)
            .Where(k => PoolFeasibilityCheck.IsLiveAt(problem.Buffers[k], step))
            .SelectMany(problem.MembersOf).Order().ToArray();
        return new(PoolInfeasibilityKind.NoPlacement, live, step,
            $"no placement of {PoolFeasibilityCheck.Names(problem, live)} in their pools exists: at step {step}, {profile.Peak} bytes are live");
    }
}
