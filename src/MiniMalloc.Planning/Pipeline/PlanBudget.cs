using System.Diagnostics;

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
    /// The most work (<see cref="Work"/>: the overlapping pairs, each counted from both sides) for which the exact
    /// search fits a capacity and best-fit decreasing runs on a large problem. The exact search costs O(live × log
    /// buffers) per node and keeps the overlapping pairs (four bytes each per side) and the sections' members: at
    /// this limit (10,000 buffers with 1,000 live on most shapes) up to 5 s of CPU and 470 MB on the grid's shapes.
    /// Above it a large problem is planned by the O(n log n) sweep and the first fits alone, and the summary says that
    /// the exact search was not run.
    /// Deterministic: a function of the problem.
    /// </summary>
    public const long WorkLimit = 12_000_000;

    /// <summary>
    /// The most work for which a problem is not planned anytime and, when minimizing, for which the minimizer probes
    /// below the heuristic plan: its probes are exact searches, one per capacity tried, so it affords less than one
    /// search (<see cref="WorkLimit"/>).
    /// </summary>
    public const long MinimizeWorkLimit = 4_000_000;

    /// <summary>
    /// The overlapping pairs of buffers, each counted from both sides: the sum over buffers of the buffers live beside
    /// them at some step. On models' shapes about buffers × the most live at once; where lifespans are long and
    /// varied (random lifetimes) up to twice that, and so are the search's time and memory, which this follows.
    /// </summary>
    public static long Work(Problem problem)
    {
        var buffers = problem.Buffers;
        var (starts, ends) = SortedEnds(buffers);
        long pairs = 0;
        foreach (var buffer in buffers)
        {
            // The buffers starting before this one ends, less those that ended by its start (all of which started
            // before it ends too), less itself.
            pairs += CountBelow(starts, buffer.Lifespan.Upper) - CountAtOrBelow(ends, buffer.Lifespan.Lower) - 1;
        }
        Debug.Assert(pairs >= 0, "every buffer overlaps itself, which is not counted");
        return pairs;
    }

    /// <summary>True when <paramref name="problem"/> is small enough for the exact search and best-fit decreasing (<see cref="WorkLimit"/>).</summary>
    public static bool Affordable(Problem problem) => Affordable(Work(problem));

    /// <summary>True when a problem of this <see cref="Work"/> is small enough for the exact search and best-fit decreasing.</summary>
    public static bool Affordable(long work) => work <= WorkLimit;

    /// <summary>True when the minimizer may probe <paramref name="problem"/> (<see cref="MinimizeWorkLimit"/>).</summary>
    public static bool MinimizeAffordable(Problem problem) => MinimizeAffordable(Work(problem));

    /// <summary>True when the minimizer may probe a problem of this <see cref="Work"/>.</summary>
    public static bool MinimizeAffordable(long work) => work <= MinimizeWorkLimit;

    /// <summary>True when <paramref name="problem"/> gets a heuristic plan first: more than <paramref name="threshold"/> buffers, or more work than <see cref="MinimizeWorkLimit"/>.</summary>
    public static bool Anytime(Problem problem, int threshold) => Anytime(problem.Buffers.Count, Work(problem), threshold);

    /// <summary>True when a problem of <paramref name="buffers"/> buffers and this <see cref="Work"/> gets a heuristic plan first.</summary>
    public static bool Anytime(int buffers, long work, int threshold) => buffers > threshold || !MinimizeAffordable(work);

    /// <summary>The most buffers live at one step.</summary>
    public static int LiveBuffers(Problem problem)
    {
        var (starts, ends) = SortedEnds(problem.Buffers);
        int live = 0, most = 0;
        for (int s = 0, e = 0; s < starts.Length; s++)
        {
            while (e < ends.Length && ends[e] <= starts[s]) { e++; live--; }
            most = Math.Max(most, ++live);
        }
        return most;
    }

    // The first steps and the end steps of the buffers' lifespans, each sorted.
    private static (long[] Starts, long[] Ends) SortedEnds(IReadOnlyList<Buffer> buffers)
    {
        var starts = new long[buffers.Count];
        var ends = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            starts[i] = buffers[i].Lifespan.Lower;
            ends[i] = buffers[i].Lifespan.Upper;
        }
        Array.Sort(starts);
        Array.Sort(ends);
        return (starts, ends);
    }

    // How many of the sorted values are below `value`, and at or below it.
    private static int CountBelow(long[] sorted, long value) => CountAtOrBelow(sorted, value - 1);

    private static int CountAtOrBelow(long[] sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>
    /// The anytime plan's first fits by decreasing size class and size may look up this many offsets per buffer
    /// together (<see cref="FirstFitDecreasing.Solve(Problem, FirstFitOrder, long, out long)"/>): at 100,000 buffers
    /// enough for the size class order on every shape of the grid with a thousand buffers live at once (under 300 a
    /// buffer, random lifespans the most) and on training graphs with ten thousand (about 50), not for random
    /// lifespans with ten thousand live (about 2,400), where it would take over twenty seconds.
    /// </summary>
    public const long FirstFitLookupsPerBuffer = 512;

    /// <summary>
    /// Above this many buffers the anytime plan's first fit by decreasing size runs only while no plan fits: at
    /// 100,000 buffers it took 1.8 times the class order's time (random lifespans, 300 live: 2.9 s against 1.6 s), and
    /// of eight problems measured there it was lower on two, by little (random lifespans with 1,000 live: 0.64 % above
    /// the bound against 0.77 %; with 300: 6.43 % against 6.44 %), equal on two and higher on four (networks with
    /// long-lived buffers: up to 13.5 % against 8.5 %). Nor does it run when the capacity is the lower bound: of the
    /// 63 problems of the grid there (seven shapes, three live sets, three size distributions) it reached the bound on
    /// none where the class order had not, and lowered an undecided plan on one (random lifespans, 1,000 live,
    /// log-normal sizes: 0.64 % above the bound against the class order's 0.77 %).
    /// </summary>
    public const int SizeOrderBuffers = 20_000;

    /// <summary>
    /// The size class order's budget per buffer when neither the sweep's plan nor the first descent's fits a capacity
    /// above the lower bound (so that without a first fit the problem stays undecided): at 100,000 buffers with random
    /// lifespans and 3,000 live at once, enough with log-normal sizes (about 820 lookups a buffer, 5 s; the sweep is
    /// 19 % above the bound there), not with uniform ones (about 1,340; the sweep is 4 % above it); and with 10,000
    /// live (about 2,400) the seconds it runs are lost.
    /// </summary>
    public const long FirstFitRescueLookupsPerBuffer = 1_024;

    /// <summary>
    /// The first fits' budget per buffer with the capacity at the lower bound, where only a perfect packing fits: on
    /// the grid's 63 problems at 100,000 buffers the class order found one on 26, within 8.5 to 56.4 lookups a buffer
    /// each, while on random lifespans with 10,000 live it spent all of its usual 512 in 4.5-6 s and found no plan.
    /// </summary>
    public const long FirstFitAtBoundLookupsPerBuffer = 128;

    /// <summary>The first fits' work budget for <paramref name="buffers"/> buffers with the capacity at the lower bound (<see cref="FirstFitAtBoundLookupsPerBuffer"/>).</summary>
    public static long FirstFitAtBoundWork(int buffers) => FirstFitAtBoundLookupsPerBuffer * Math.Max(1, buffers);

    /// <summary>
    /// The first fits' work budget for <paramref name="buffers"/> buffers: <see cref="FirstFitLookupsPerBuffer"/> each,
    /// or <see cref="FirstFitRescueLookupsPerBuffer"/> when no plan fits yet (<paramref name="rescue"/>).
    /// </summary>
    public static long FirstFitWork(int buffers, bool rescue = false)
        => (rescue ? FirstFitRescueLookupsPerBuffer : FirstFitLookupsPerBuffer) * Math.Max(1, buffers);

    /// <summary>The exact search's default node budget for <paramref name="buffers"/> buffers.</summary>
    public static long SearchNodes(int buffers) => Math.Max(MinSearchNodes, SearchNodesPerBuffer * buffers);

    /// <summary>
    /// The exact search's default work budget (<see cref="SolverOptions.WorkBudget"/>) where no plan is made first: the
    /// hardest published benchmark (A: 116,412 nodes) takes about 1.8 × 10⁸ units, in under a second, and a unit costs
    /// 4-8 ns on problems of a few thousand buffers, so this stays the reference's search on every published instance
    /// and bounds a small problem's search to a few seconds whatever its shape.
    /// </summary>
    public const long SearchWork = 300_000_000;

    /// <summary>
    /// The exact search's default work budget on a problem planned anytime (a heuristic plan exists before it
    /// starts): at 100,000 buffers a unit costs 6-17 ns (the arrays no longer fit the caches; random lifespans the
    /// most), so this is about a second of search, which with the plans before it (up to 3 s there) keeps the whole
    /// run within five. Measured where the node budget alone let it run for 40 s (encoder-decoder, 100 live, capacity
    /// at the bound: 2,000,000 nodes of 20 µs each; now 28,673 nodes, 4.5-4.7 s in all). With 1.2 × 10⁸ that row took
    /// 5.1-5.3 s, and on the grid's 57 rows at slack 1.1 where the search runs (100,000 buffers with 100 live, 10,000
    /// with 100 and 1,000) the plans are the same with either.
    /// </summary>
    public const long AnytimeSearchWork = 80_000_000;

    /// <summary>
    /// The minimizer's default work budget, shared by its probes, where no plan is made first: the published benchmarks
    /// spend up to 1.6 × 10⁹ units in their 500,000 nodes (D and J, which stay undecided, in 5-12 s), so their plans and
    /// bounds are unchanged; where nodes are dear (4,000 buffers of random lifespans with 300 live: 730 µs a node) the
    /// node budget alone ran into the time limit (a plan cut by the clock, different on every machine), and this stops
    /// it after about ten seconds. After an anytime plan the probes get <see cref="AnytimeSearchWork"/>.
    /// </summary>
    public const long MinimizeWork = 2_000_000_000;

    /// <summary>The minimizer's default work budget: <see cref="AnytimeSearchWork"/> when a plan was made first (<paramref name="anytime"/>), else <see cref="MinimizeWork"/>.</summary>
    public static long MinimizeWorkFor(bool anytime) => anytime ? AnytimeSearchWork : MinimizeWork;

    /// <summary>The exact search's default work budget: <see cref="AnytimeSearchWork"/> when a plan was made first (<paramref name="anytime"/>), else <see cref="SearchWork"/>.</summary>
    public static long SearchWorkFor(bool anytime) => anytime ? AnytimeSearchWork : SearchWork;

    /// <summary>
    /// The fallback local search's work budget (<see cref="HeuristicOptions.MaxWork"/>): its moves re-place cascades of
    /// buffers, from a few to thousands each, so a budget of moves alone let it run for 85 s (10,000 buffers with
    /// 1,000 live). A unit costs 20-35 ns (measured on the grid's shapes at 10,000 and 100,000 buffers), so this is
    /// one to two seconds.
    /// </summary>
    public const long HeuristicWork = 50_000_000;

    /// <summary>
    /// The most work (<see cref="Work"/>) for which the fallback runs the heuristic planner (its starting plans, then
    /// the local search) after an exact search that stopped without a plan, when a plan was made first (anytime).
    /// Its starting plans alone take 4-12 s at 100,000 buffers with a hundred live and repeat what the anytime plan
    /// did; up to this limit (10,000 buffers with 300-400 live) they take about a second.
    /// </summary>
    public const long LocalSearchWorkLimit = MinimizeWorkLimit;

    /// <summary>True when the fallback may run the heuristic planner on a problem of this <see cref="Work"/> (<see cref="LocalSearchWorkLimit"/>).</summary>
    public static bool LocalSearchAffordable(long work) => work <= LocalSearchWorkLimit;

    /// <summary>The heuristics' local-search moves for <paramref name="buffers"/> buffers (deterministic, unlike their time budget).</summary>
    public static long HeuristicMoves(int buffers) => Math.Max(MinHeuristicMoves, buffers / 10);
}
