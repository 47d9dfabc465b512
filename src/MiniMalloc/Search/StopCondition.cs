using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// Decides when a search must give up: a deadline, a caller's cancellation, or a node cap. Shared by the
/// successive searches of one operation (a warm start and its fallback, or the probes of a minimization) so that
/// the time limit bounds the operation as a whole.
/// </summary>
/// <remarks>
/// A node cap makes a bounded search deterministic: where it stops does not depend on the machine's speed. The
/// engine does not report its node count here; it polls <see cref="ShouldStop()"/> once every
/// <see cref="NodesPerPoll"/> nodes (and at its first node), so a cap is counted in polls. Conditions derived from
/// one another (<see cref="WithToken"/>, <see cref="WithLimit"/>) share the count, so that a cap bounds every search
/// made under it together.
/// </remarks>
internal sealed class StopCondition
{
    /// <summary>How many search nodes one poll of <see cref="ShouldStop()"/> stands for (the engine's check interval).</summary>
    public const long NodesPerPoll = 512;

    private readonly Stopwatch _clock;
    private readonly TimeSpan? _timeout;
    private readonly CancellationToken _token;
    private readonly NodeCap? _cap;
    private readonly WorkCap? _workCap;

    public StopCondition(TimeSpan? timeout, CancellationToken token, Stopwatch? clock = null)
        : this(timeout, token, clock ?? Stopwatch.StartNew(), null, null)
    {
    }

    private StopCondition(TimeSpan? timeout, CancellationToken token, Stopwatch clock, NodeCap? cap, WorkCap? workCap)
    {
        _timeout = timeout;
        _token = token;
        _clock = clock;
        _cap = cap;
        _workCap = workCap;
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public CancellationToken Token => _token;

    public TimeSpan? Remaining => _timeout is { } t ? t - _clock.Elapsed : null;

    /// <summary>Why the last <see cref="ShouldStop()"/> said yes (null while it has not).</summary>
    public SolveStatus? Reason { get; private set; }

    /// <summary>True when a cap that counts work (nodes, or <see cref="WorkMeter"/> units), not the clock or the token, made <see cref="ShouldStop()"/> say yes.</summary>
    public bool NodeCapReached => _cap is { Reached: true } || _workCap is { Reached: true };

    /// <summary>The <see cref="WorkMeter"/> units the searches under this condition's work cap have reported at their polls (0 without one).</summary>
    public long WorkReported => _workCap?.Units ?? 0;

    public bool ShouldStop() => ShouldStop(0);

    /// <summary>A poll that also reports <paramref name="work"/> <see cref="WorkMeter"/> units done since the last one.</summary>
    public bool ShouldStop(long work)
    {
        if (_token.IsCancellationRequested) Reason = SolveStatus.Cancelled;
        else if (_timeout is { } t && _clock.Elapsed > t) Reason = SolveStatus.TimedOut;
        else if (_cap is not null && _cap.Poll()) Reason = SolveStatus.TimedOut;
        else if (_workCap is not null && _workCap.Add(work)) Reason = SolveStatus.TimedOut;
        return Reason is not null;
    }

    /// <summary>A condition with the same clock and limit, watching another token (one linked to this one's).</summary>
    public StopCondition WithToken(CancellationToken token) => new(_timeout, token, _clock, _cap, _workCap);

    /// <summary>A condition with the same clock and token and a tighter limit (for a bounded first attempt).</summary>
    public StopCondition WithLimit(TimeSpan limit)
    {
        var remaining = Remaining;
        var absolute = _clock.Elapsed + limit;
        if (remaining is { } r && r < limit) absolute = _clock.Elapsed + r;
        return new StopCondition(absolute, _token, _clock, _cap, _workCap);
    }

    /// <summary>
    /// A condition with the same clock, limit and token that also stops once about <paramref name="nodes"/> search
    /// nodes have been visited under it (rounded up to a whole number of polls), or when this condition's own cap,
    /// if any, is reached: the nodes count towards both.
    /// </summary>
    public StopCondition WithNodeLimit(long nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        return new StopCondition(_timeout, _token, _clock, new NodeCap((nodes + NodesPerPoll - 1) / NodesPerPoll, _cap), _workCap);
    }

    /// <summary>
    /// A condition with the same clock, limit, token and node cap that also stops once the searches under it have
    /// reported more than <paramref name="units"/> <see cref="WorkMeter"/> units at their polls.
    /// </summary>
    public StopCondition WithWorkLimit(long units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        return new StopCondition(_timeout, _token, _clock, _cap, new WorkCap(units, _workCap));
    }

    // Counted with Interlocked, as the node cap.
    private sealed class WorkCap(long units, WorkCap? outer)
    {
        private long _units;

        public long Units => Volatile.Read(ref _units);

        public bool Reached => Volatile.Read(ref _units) > units || outer is { Reached: true };

        public bool Add(long work)
        {
            bool outerReached = outer is not null && outer.Add(work);
            return Interlocked.Add(ref _units, work) > units || outerReached;
        }
    }

    // Counted with Interlocked: the parallel round robin's engines poll one cap from several threads.
    private sealed class NodeCap(long polls, NodeCap? outer)
    {
        private long _polls;

        public bool Reached => Volatile.Read(ref _polls) > polls || outer is { Reached: true };

        public bool Poll()
        {
            bool outerReached = outer is not null && outer.Poll();
            return Interlocked.Increment(ref _polls) > polls || outerReached;
        }
    }
}
