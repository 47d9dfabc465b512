namespace MiniMalloc.Planning;

/// <summary>
/// The default work budgets of a run, so that a build never hangs and its plan does not depend on the machine:
/// the exact search's node budget (scaled to the problem), the local-search moves of the heuristics, the size
/// above which a heuristic plan is made first (anytime), and the wall-clock safety net behind them all.
/// </summary>
/// <remarks>
/// Budgets count work (search nodes, local-search moves), so the same input and settings give the same plan on a
/// fast and a slow machine. The time limit is only a safety net: a plan that it cut short is never stored in the
/// plan cache (<see cref="DiagnosticCodes.PlanNotCached"/>).
/// </remarks>
internal static class PlanBudget
{
    /// <summary>The time limit when none is set: a safety net well above what the default node budget takes.</summary>
    public static readonly TimeLimit DefaultTimeout = TimeLimit.Of(TimeSpan.FromSeconds(60));

    /// <summary>
    /// Problems of more buffers than this get a heuristic plan first (anytime), which the exact search then tries to
    /// prove optimal or replace. Far above the published benchmarks (at most 454 buffers), whose exact search stays
    /// the reference's, backtrack for backtrack.
    /// </summary>
    public const int AnytimeThreshold = 5_000;

    /// <summary>The least default search budget: far above what the published benchmarks need (at most 155,000 nodes).</summary>
    public const long MinSearchNodes = 1_000_000;

    /// <summary>Default search nodes per buffer: a first attempt takes about one per buffer on problems with slack.</summary>
    public const long SearchNodesPerBuffer = 20;

    /// <summary>Local-search moves of the anytime heuristic plan and of the fallback after an exact search that stopped.</summary>
    public const long MinHeuristicMoves = 1_000;

    /// <summary>
    /// The most work (buffers × the most buffers live at once) for which the exact search and the heuristic planner
    /// are run on a large problem. Both cost O(live) per step or node today, and the exact search's memory grows as
    /// about 130 bytes per buffer per live buffer: at this limit about 0.5 GB and a few seconds. Above it a large
    /// problem is planned by the O(n log n) sweep alone, and the summary says that the exact search stopped at its
    /// budget. Deterministic: a function of the problem.
    /// </summary>
    public const long WorkLimit = 4_000_000;

    /// <summary>True when <paramref name="problem"/> is small enough for the exact search and the heuristic planner (<see cref="WorkLimit"/>).</summary>
    public static bool Affordable(Problem problem) => (long)problem.Buffers.Count * LiveBuffers(problem) <= WorkLimit;

    /// <summary>True when <paramref name="problem"/> gets a heuristic plan first: more than <paramref name="threshold"/> buffers, or too much work for the exact search.</summary>
    public static bool Anytime(Problem problem, int threshold) => problem.Buffers.Count > threshold || !Affordable(problem);

    /// <summary>The most buffers live at one step.</summary>
    public static int LiveBuffers(Problem problem)
    {
        var buffers = problem.Buffers;
        var starts = new long[buffers.Count];
        var ends = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            starts[i] = buffers[i].Lifespan.Lower;
            ends[i] = buffers[i].Lifespan.Upper;
        }
        Array.Sort(starts);
        Array.Sort(ends);
        int live = 0, most = 0;
        for (int s = 0, e = 0; s < starts.Length; s++)
        {
            while (e < ends.Length && ends[e] <= starts[s]) { e++; live--; }
            most = Math.Max(most, ++live);
        }
        return most;
    }

    /// <summary>
    /// The anytime plan's first fit by decreasing size may look up this many offsets per buffer
    /// (<see cref="FirstFitDecreasing.Solve(Problem, FirstFitOrder, long)"/>, each order): enough for network-like problems with a thousand
    /// buffers live at once (under 256 a buffer at 100,000 buffers), not for training graphs of ten thousand, where
    /// it would take several seconds and the sweep's plan is already within 0.2 % of the bound.
    /// </summary>
    public const long FirstFitLookupsPerBuffer = 256;

    /// <summary>The first fit's work budget for <paramref name="buffers"/> buffers (<see cref="FirstFitLookupsPerBuffer"/> each).</summary>
    public static long FirstFitWork(int buffers) => FirstFitLookupsPerBuffer * Math.Max(1, buffers);

    /// <summary>The exact search's default node budget for <paramref name="buffers"/> buffers.</summary>
    public static long SearchNodes(int buffers) => Math.Max(MinSearchNodes, SearchNodesPerBuffer * buffers);

    /// <summary>The heuristics' local-search moves for <paramref name="buffers"/> buffers (deterministic, unlike their time budget).</summary>
    public static long HeuristicMoves(int buffers) => Math.Max(MinHeuristicMoves, buffers / 10);
}
