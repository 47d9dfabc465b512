using System.Diagnostics;
using MiniMalloc.Heuristics;

namespace MiniMalloc;

/// <summary>
/// A good plan fast, without a proof: the best of several cheap constructive plans (<see cref="BestFitDecreasing"/>,
/// <see cref="SweepAllocator"/>, and greedy orders placed first fit), improved by a local search over the order
/// in which buffers are placed, each at the lowest aligned offset free of the buffers placed before it. Used when
/// an exact search runs out of time; the capacity is ignored (compare the height with it).
/// </summary>
/// <remarks>
/// <para>
/// The search reorders the chain of buffers that rest on one another under the peak (and now and then moves a
/// buffer at the peak earlier, or any buffer anywhere), keeps a move when the plan is no worse than the current
/// one or the one of a hundred moves before (late acceptance; height first, then how far all tops rise above the
/// lower bound), and restarts from its best order when it stalls. A move re-places
/// only the buffers it can affect, so it stays cheap on problems of 100,000 buffers; there, the starting plans take
/// one to two seconds and every second of local search buys thousands of moves.
/// </para>
/// <para>
/// The result is never higher than the best starting plan, and is deterministic for a given problem, seed and
/// iteration budget (see <see cref="HeuristicOptions"/> for time budgets). Plans honour gaps and their windows,
/// alignments and fixed offsets; they are valid unless the fixed buffers overlap one another (then no plan is).
/// </para>
/// </remarks>
public static class HeuristicPlanner
{
    /// <summary>Plans <paramref name="problem"/> within the budgets of <paramref name="options"/> (default: <see cref="HeuristicOptions"/>'s).</summary>
    /// <exception cref="ArgumentException">The problem is malformed (see <see cref="ProblemChecker"/>) or the options are unusable.</exception>
    public static HeuristicResult Plan(Problem problem, HeuristicOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new HeuristicOptions();
        if (options.Validate() is { } optionsError) throw new ArgumentException(optionsError, nameof(options));
        if (ProblemChecker.FirstError(problem) is { } error) throw new ArgumentException(error, nameof(problem));
        var clock = Stopwatch.StartNew();
        long lowerBound = LowerBound(problem);
        long target = options.TargetHeight ?? lowerBound;
        var buffers = problem.Buffers;
        if (buffers.Count == 0)
        {
            return Result(new Solution([], 0), 0, "empty", lowerBound, target, null, HeuristicStopReason.TargetReached, clock);
        }

        var neighbours = new TimeNeighbours(buffers);
        var decoder = new OrderDecoder(buffers, new PieceTable(buffers), neighbours, lowerBound);
        var choice = StartingPlans.Best(problem, neighbours, decoder, cancellationToken);
        var bestOffsets = choice.Plan.Offsets.ToArray();
        long bestHeight = choice.Plan.Height;
        long startHeight = bestHeight;
        string start = choice.Start;

        var search = new LocalSearch(decoder, options.Seed, bestOffsets, bestHeight);
        // The time budget is the local search's: the starting plans are made whatever it is.
        var budget = options.TimeBudget;
        var searchClock = Stopwatch.StartNew();
        long guaranteed = options.MinIterations;
        long workLimit = options.MaxWork is { } most ? decoder.Work + most : long.MaxValue;
        bool Stop() => cancellationToken.IsCancellationRequested || decoder.Work >= workLimit
            || (budget is { } b && search.Iterations >= guaranteed && searchClock.Elapsed >= b);
        search.Run(target, options.MaxIterations ?? long.MaxValue, Stop);

        var reason = search.BestHeight <= target ? HeuristicStopReason.TargetReached
            : cancellationToken.IsCancellationRequested ? HeuristicStopReason.Cancelled
            : decoder.MovableCount < 2 ? HeuristicStopReason.NoMoves
            : search.Iterations >= (options.MaxIterations ?? long.MaxValue) ? HeuristicStopReason.IterationBudget
            : decoder.Work >= workLimit ? HeuristicStopReason.WorkBudget
            : HeuristicStopReason.TimeBudget;
        return Result(Solution.FromOffsets(problem, bestOffsets), startHeight, start, lowerBound, target, search, reason, clock);
    }

    private static HeuristicResult Result(Solution solution, long startHeight, string start, long lowerBound, long target,
        LocalSearch? search, HeuristicStopReason reason, Stopwatch clock) => new()
    {
        Solution = solution,
        StartHeight = startHeight,
        Start = start,
        LowerBound = lowerBound,
        TargetHeight = target,
        Iterations = search?.Iterations ?? 0,
        Improvements = search?.Improvements ?? 0,
        StopReason = reason,
        Elapsed = clock.Elapsed,
    };

    // The most bytes live at one step, the largest buffer (one gapped for its whole life still needs its size),
    // and the top of every fixed buffer.
    private static long LowerBound(Problem problem)
    {
        long bound = LiveProfile.Of(problem).Peak;
        foreach (var b in problem.Buffers)
        {
            bound = Math.Max(bound, b.Size);
            if (b.Offset is { } o) bound = Math.Max(bound, o + b.Size);
        }
        return bound;
    }
}
