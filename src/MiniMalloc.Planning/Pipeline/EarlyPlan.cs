using System.Diagnostics;

namespace MiniMalloc.Planning;

/// <summary>
/// A heuristic plan made within a work budget: first, for a large problem (anytime), or after an exact search that
/// stopped without a plan (the fallback). The anytime plan is the O(n log n) best-fit sweep (<see cref="HoleSweep"/>)
/// and, when that is not at the lower bound, the exact search's first descent (<see cref="SkylineDescent"/>,
/// O(n log² n)), then, unless the plan so far fits within the lower half of the slack, first fit by decreasing size
/// class and size (<see cref="FirstFitDecreasing"/>, together within <see cref="PlanBudget.FirstFitWork"/>) and,
/// when the problem is small enough (<see cref="PlanBudget.Affordable(long)"/>) and the capacity above the lower bound,
/// best-fit decreasing (<see cref="BestFitDecreasing"/>); the lowest plan that fits wins. The fallback is the
/// <see cref="HeuristicPlanner"/> (best-fit decreasing and other starts, improved by local search within a budget of
/// moves). Both are functions of the problem; the time limit stays a safety net of the local search.
/// </summary>
internal sealed record EarlyPlan(Solution Solution, bool Fits, bool CutByClock, TimeSpan Elapsed)
{
    /// <summary>
    /// Makes the plan of <paramref name="problem"/> within <paramref name="capacity"/> (null: none; then it aims at
    /// <paramref name="lowerBound"/>) and checks it with the independent validator. After a stopped exact search
    /// (<paramref name="fallback"/>) the heuristic planner runs, its local search's safety net the fallback's time
    /// (<see cref="HeuristicFallback.Budget"/> of <paramref name="limit"/>). When <paramref name="exactSearchFollows"/>,
    /// the first plan after the sweep's that fits is returned at once. <paramref name="work"/> is the problem's
    /// <see cref="PlanBudget.Work"/> when the caller has counted it (counted here otherwise).
    /// </summary>
    public static EarlyPlan Make(Problem problem, Capacity? capacity, long lowerBound, TimeLimit limit, CancellationToken cancellationToken, bool fallback = false, bool exactSearchFollows = false, long? work = null)
    {
        var clock = Stopwatch.StartNew();
        if (fallback) return Planned(problem, capacity, lowerBound, limit, cancellationToken, clock);
        EarlyPlan? best = null;
        if (HoleSweep.Solve(problem) is { } swept)
        {
            best = Checked(problem, capacity, swept, cutByClock: false, clock);
            if (best.Fits && swept.Height == lowerBound) return best;
        }
        // The exact search's first descent, made in O(n log² n) (it costs the search O(live) per node): where the
        // sweep and first fit leave long-lived buffers fragmented it is far lower (networks with a thousand live at
        // 100,000 buffers: 0-5 % above the bound where first fit is 2-11 %), and it reaches the bound wherever they
        // do. The second preorder runs only while no plan fits.
        foreach (var preorder in (ReadOnlySpan<SkylinePreorder>)[SkylinePreorder.TotalWidthArea, SkylinePreorder.TotalAreaWidth])
        {
            if (preorder != SkylinePreorder.TotalWidthArea && best is { Fits: true }) break;
            if (SkylineDescent.Solve(problem, preorder) is not { } descended) break;
            best = Lower(best, Checked(problem, capacity, descended, cutByClock: false, clock));
            if (best.Fits && best.Solution.Height == lowerBound) return best with { Elapsed = clock.Elapsed };
            if (exactSearchFollows && best.Fits) return best with { Elapsed = clock.Elapsed };
        }
        if (!Comfortable(best, capacity, lowerBound)) best = FirstFits(problem, capacity, lowerBound, best, exactSearchFollows, clock);
        if (best is { Fits: true } && (best.Solution.Height == lowerBound || exactSearchFollows)) return best with { Elapsed = clock.Elapsed };
        // With the capacity at the lower bound only a perfect packing fits, and best-fit decreasing (O(n · live): 0.8-2.5 s
        // at 100,000 buffers) found none where both descents had not, on the 54 problems of the grid's shapes where it
        // may run (10,000 and 100,000 buffers, 100 and 1,000 live, three size distributions).
        if (best is null || (PlanBudget.Affordable(work ?? PlanBudget.Work(problem)) && !AtBound(capacity, lowerBound)))
        {
            best = Lower(best, Checked(problem, capacity, BestFitDecreasing.Solve(problem), cutByClock: false, clock));
        }
        return best with { Elapsed = clock.Elapsed };
    }

    // True when best fits within the lower half of the slack (between the lower bound and the capacity): then the
    // first fits, which cost O(n log n) lookups times the holes climbed past (thousands a buffer on random lifespans
    // with thousands live, seconds at 100,000 buffers), are rarely lower by much, and their time is saved. Without a
    // capacity, only the lower bound is comfortable.
    private static bool Comfortable(EarlyPlan? best, Capacity? capacity, long lowerBound) =>
        best is { Fits: true } && (best.Solution.Height == lowerBound
            || (capacity is { } room && best.Solution.Height - lowerBound <= (room.Bytes - lowerBound) / 2));

    // First fit by decreasing size class, then by size: where long-lived buffers fragment the sweep's plan they are
    // often far lower, and on most shapes one reaches the lower bound. Both share one work budget, and the size order
    // runs only when what is left of it is at least what the class order took: it mostly climbs past more holes
    // (measured at 100,000 buffers: 1.2 to 27 times the class order's lookups, about as many on decoder passes), so
    // with less it would most likely run out, its time wasted.
    // When no plan fits a capacity above the lower bound, the build would fail without a first fit that does: then
    // the class order's budget is the larger rescue budget, which buys a plan on random lifespans with thousands
    // live, at seconds more. (At the bound itself only a perfect packing fits, which the first fits find within the
    // usual budget where they find it at all.) The size order only ever has what is left of the usual budget.
    private static EarlyPlan? FirstFits(Problem problem, Capacity? capacity, long lowerBound, EarlyPlan? best, bool exactSearchFollows, Stopwatch clock)
    {
        int n = problem.Buffers.Count;
        bool rescue = best is not { Fits: true } && capacity is { } room && room.Bytes > lowerBound;
        bool atBound = AtBound(capacity, lowerBound);
        long budget = atBound ? PlanBudget.FirstFitAtBoundWork(n) : PlanBudget.FirstFitWork(n, rescue), used = 0;
        foreach (var order in (ReadOnlySpan<FirstFitOrder>)[FirstFitOrder.SizeClass, FirstFitOrder.Size])
        {
            if (order == FirstFitOrder.Size)
            {
                // On large problems the size order, scattered over time, is about twice the class order's time per
                // lookup (the class order places neighbours in time one after the other), and it is rarely lower:
                // once a plan fits it is left to small problems, where it costs little. With the capacity at the
                // lower bound only a perfect packing fits, and on the 63 problems of the grid at 100,000 buffers the
                // size order never found one where the class order had not (at 0.5-6.7 s each).
                if ((best is { Fits: true } || atBound) && n > PlanBudget.SizeOrderBuffers) break;
                budget = (atBound ? PlanBudget.FirstFitAtBoundWork(n) : PlanBudget.FirstFitWork(n)) - used;
            }
            if (budget < used) break;
            if (FirstFitDecreasing.Solve(problem, order, budget, out used) is not { } firstFit) break;
            best = Lower(best, Checked(problem, capacity, firstFit, cutByClock: false, clock));
            if (best.Fits && best.Solution.Height == lowerBound) break;
            // When the exact search follows, a plan that fits is all it needs beside it: the search proves or lowers
            // it, and the other heuristics' time (the size order and best-fit decreasing, O(n · live)) is better
            // spent there.
            if (exactSearchFollows && best.Fits) break;
        }
        return best;
    }

    // True when the capacity is the lower bound: then only a perfect packing fits, and the heuristics that never found
    // one where the descents had not are left out (see PlanBudget.FirstFitAtBoundLookupsPerBuffer).
    private static bool AtBound(Capacity? capacity, long lowerBound) => capacity is { } tight && tight.Bytes <= lowerBound;

    // The lower plan that fits, or the lower plan when neither fits (what an undecided run reports); the one made
    // first on a tie.
    private static EarlyPlan Lower(EarlyPlan? best, EarlyPlan candidate) =>
        best is null || (candidate.Fits && !best.Fits)
            || (candidate.Fits == best.Fits && candidate.Solution.Height < best.Solution.Height) ? candidate : best;

    // The heuristic planner's plan: best-fit decreasing and other starts, improved by local search within a budget of
    // moves, stopping as soon as it fits; its time safety net is the fallback's share of the limit.
    private static EarlyPlan Planned(Problem problem, Capacity? capacity, long lowerBound, TimeLimit limit, CancellationToken cancellationToken, Stopwatch clock)
    {
        var moves = PlanBudget.HeuristicMoves(problem.Buffers.Count);
        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions
        {
            TargetHeight = capacity?.Bytes ?? lowerBound,
            MaxIterations = moves,
            MaxWork = PlanBudget.HeuristicWork,
            TimeBudget = HeuristicFallback.Budget(limit),
            MinIterations = Math.Min(HeuristicFallback.MinMoves, moves),
        }, cancellationToken);
        return Checked(problem, capacity, result.Solution, result.StopReason == HeuristicStopReason.TimeBudget, clock);
    }

    private static EarlyPlan Checked(Problem problem, Capacity? capacity, Solution solution, bool cutByClock, Stopwatch clock)
    {
        bool fits = (capacity is not { } c || solution.Height <= c.Bytes)
            && Validator.Validate(PlanValidation.ProblemFor(problem, capacity, solution), solution).IsValid;
        return new EarlyPlan(solution, fits, cutByClock, clock.Elapsed);
    }
}
