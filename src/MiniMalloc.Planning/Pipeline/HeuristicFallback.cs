namespace MiniMalloc.Planning;

/// <summary>
/// How much the heuristic fallback may spend after a timed-out exact search: the <see cref="HeuristicPlanner"/>
/// (best-fit decreasing and other constructive plans, improved by local search) stops as soon as a plan fits the
/// capacity, within this budget.
/// </summary>
internal static class HeuristicFallback
{
    /// <summary>The least time the fallback's local search gets.</summary>
    public static readonly TimeSpan MinTime = TimeSpan.FromMilliseconds(100);

    /// <summary>The most time the fallback's local search gets.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Local search moves the fallback always makes, however long they take: a busy build machine still gets this
    /// much improvement (a few milliseconds on a few hundred buffers; under a second on 100,000).
    /// </summary>
    public const long MinMoves = 1000;

    /// <summary>
    /// The local search time after a timed-out exact search (on top of its quick starting plans, one to two and a
    /// half seconds for 100,000 buffers): a quarter of the time limit, at least <see cref="MinTime"/> (so that even
    /// a tiny limit gets some local search) and at most <see cref="MaxTime"/> (so that a long limit does not make a
    /// failing build much slower).
    /// </summary>
    public static TimeSpan Budget(TimeLimit limit)
    {
        var share = (limit.Span ?? MaxTime * 4) / 4;
        return share < MinTime ? MinTime : share > MaxTime ? MaxTime : share;
    }
}
