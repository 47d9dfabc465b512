using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>
/// The planner's budget: search nodes, counted over every search it makes (its own branch and bound and the
/// single-pool searches it calls), so that where it stops does not depend on the machine; plus the time limit and
/// the caller's token as a safety net.
/// </summary>
internal sealed class PoolWork
{
    private readonly StopCondition _stop;
    private readonly long _budget;
    private long _ceiling = long.MaxValue;

    public PoolWork(long budget, TimeSpan? timeLimit, CancellationToken token)
    {
        _budget = budget;
        _stop = new StopCondition(timeLimit, token);
    }

    /// <summary>Nodes used so far.</summary>
    public long Used { get; private set; }

    public TimeSpan Elapsed => _stop.Elapsed;

    public long Remaining => Math.Max(0, Math.Min(_budget, _ceiling) - Used);

    /// <summary>
    /// Holds back <paramref name="nodes"/> of what is left: until <see cref="Release"/>, <see cref="Stopped"/> is true
    /// once only they are left (without a stop reason: the work may go on afterwards), so that a later step keeps
    /// its share.
    /// </summary>
    public void Hold(long nodes) => _ceiling = Math.Max(Used, _budget - nodes);

    public void Release() => _ceiling = long.MaxValue;

    /// <summary>Why the work stopped early, or null while it has not.</summary>
    public PoolStopReason? StopReason { get; private set; }

    /// <summary>True once the budget is spent, the time is up or the caller cancelled (and from then on).</summary>
    public bool Stopped()
    {
        if (StopReason is not null) return true;
        if (Used >= _ceiling) return true;
        if (Used >= _budget) StopReason = PoolStopReason.BudgetExhausted;
        else if (_stop.ShouldStop()) StopReason = _stop.Reason == SolveStatus.Cancelled ? PoolStopReason.Cancelled : PoolStopReason.TimedOut;
        return StopReason is not null;
    }

    public void Spend(long nodes) => Used += nodes;

    /// <summary>A stop condition for one single-pool search of at most <paramref name="nodes"/> nodes (and what is left).</summary>
    public StopCondition ForSearch(long nodes) => _stop.WithNodeLimit(Math.Max(1, Math.Min(nodes, Remaining)));

    /// <summary>Records why a single-pool search stopped, when it was the clock or the token.</summary>
    public void Observe(StopCondition search)
    {
        if (search.Reason is null || search.NodeCapReached) return;
        StopReason ??= search.Reason == SolveStatus.Cancelled ? PoolStopReason.Cancelled : PoolStopReason.TimedOut;
    }
}
