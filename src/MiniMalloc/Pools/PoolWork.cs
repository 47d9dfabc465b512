using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>
/// The planner's budget, in two currencies counted over every step (<see cref="PoolBudget"/>): search nodes (its own
/// branch and bound's, the single-pool searches', the heuristics' moves) and units of work (<see cref="Meter"/>: about
/// one array element read or written, counted where a step's cost grows with the problem: a buffer looked at, a
/// plan copied, a search's buffers and its own work units), so that where it stops does not depend on the machine;
/// plus the time limit and the caller's token as a safety net.
/// </summary>
internal sealed class PoolWork
{
    /// <summary>
    /// The units one single-pool search costs besides its nodes, per buffer of its problem: building the problem,
    /// its sweep and its engine (sorts and arrays over the buffers).
    /// </summary>
    public const long SearchUnitsPerBuffer = 512;

    /// <summary>The units one node of a single-pool search costs at least (its work meter reports the rest only at its polls).</summary>
    public const long SearchUnitsPerNode = 8;

    private readonly StopCondition _stop;
    private readonly PoolBudget _budget;
    private PoolBudget _ceiling = PoolBudget.Unlimited;

    public PoolWork(long nodeBudget, long? workBudget, TimeSpan? timeLimit, CancellationToken token)
    {
        _budget = new PoolBudget(nodeBudget, workBudget ?? long.MaxValue);
        _stop = new StopCondition(timeLimit, token);
    }

    /// <summary>Nodes used so far.</summary>
    public long Used { get; private set; }

    /// <summary>The units of work counted so far (every node counts one too).</summary>
    public WorkMeter Meter { get; } = new();

    /// <summary>What has been spent so far, in both currencies.</summary>
    public PoolBudget Spent => new(Used, Meter.Units);

    public TimeSpan Elapsed => _stop.Elapsed;

    /// <summary>What is left before the budget (or a <see cref="Hold"/>) ends, in both currencies.</summary>
    public PoolBudget Remaining => PoolBudget.Max(default, PoolBudget.Min(_budget, _ceiling) - Spent);

    /// <summary>True when the work budget, not the node budget, ended the planning (for the result).</summary>
    public bool UnitsRanOut { get; private set; }

    /// <summary>
    /// Holds back <paramref name="held"/> of what is left: until <see cref="Release"/>, <see cref="Stopped"/> is true
    /// once only it is left (without a stop reason: the work may go on afterwards), so that a later step keeps
    /// its share.
    /// </summary>
    public void Hold(PoolBudget held) => _ceiling = PoolBudget.Max(Spent, _budget - held);

    public void Release() => _ceiling = PoolBudget.Unlimited;

    /// <summary>Why the work stopped early, or null while it has not.</summary>
    public PoolStopReason? StopReason { get; private set; }

    /// <summary>True once the budget is spent, the time is up or the caller cancelled (and from then on).</summary>
    public bool Stopped()
    {
        if (StopReason is not null) return true;
        if (Used >= _ceiling.Nodes || Meter.Units >= _ceiling.Units) return true;
        if (Used >= _budget.Nodes) StopReason = PoolStopReason.BudgetExhausted;
        else if (Meter.Units >= _budget.Units)
        {
            StopReason = PoolStopReason.BudgetExhausted;
            UnitsRanOut = true;
        }
        else if (_stop.ShouldStop()) StopReason = _stop.Reason == SolveStatus.Cancelled ? PoolStopReason.Cancelled : PoolStopReason.TimedOut;
        return StopReason is not null;
    }

    /// <summary>Counts <paramref name="nodes"/> nodes (each also a unit of work).</summary>
    public void Spend(long nodes)
    {
        Used += nodes;
        Meter.Units += nodes;
    }

    /// <summary>
    /// Counts a pass over the plan of <paramref name="buffers"/> buffers (copying it, putting it back, scanning it): one
    /// node per eight buffers, as the node budget always counted it, and a unit per buffer.
    /// </summary>
    public void SpendPass(int buffers)
    {
        Spend(1 + buffers / 8);
        Charge(buffers);
    }

    /// <summary>Counts <paramref name="units"/> units of work that are not nodes.</summary>
    public void Charge(long units) => Meter.Units += units;

    /// <summary>Where a step given <paramref name="share"/> from now must stop (see <see cref="Reached"/>).</summary>
    public PoolBudget Mark(PoolBudget share) => Spent + PoolBudget.Max(default, share);

    /// <summary>True once the work has reached <paramref name="mark"/> in either currency.</summary>
    public bool Reached(PoolBudget mark) => Used >= mark.Nodes || Meter.Units >= mark.Units;

    /// <summary>The nodes left before <paramref name="mark"/>, at least one.</summary>
    public long NodesBefore(PoolBudget mark) => Math.Max(1, mark.Nodes - Used);

    /// <summary>A stop condition for one single-pool search of at most <paramref name="nodes"/> nodes (and what is left).</summary>
    public StopCondition ForSearch(long nodes)
    {
        var left = Remaining;
        return _stop.WithNodeLimit(Math.Max(1, Math.Min(nodes, left.Nodes))).WithWorkLimit(left.Units);
    }

    /// <summary>
    /// Counts a single-pool search over <paramref name="buffers"/> buffers that visited <paramref name="nodes"/> nodes
    /// under <paramref name="search"/> (from <see cref="ForSearch"/>), and records why it stopped when it was the clock
    /// or the token.
    /// </summary>
    public void CountSearch(StopCondition search, int buffers, long nodes)
    {
        Spend(Math.Max(1, nodes));
        Charge(SearchUnitsPerBuffer * buffers + SearchUnitsPerNode * nodes + search.WorkReported);
        if (search.Reason is null || search.NodeCapReached) return;
        StopReason ??= search.Reason == SolveStatus.Cancelled ? PoolStopReason.Cancelled : PoolStopReason.TimedOut;
    }
}
