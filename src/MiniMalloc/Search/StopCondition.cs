using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// Decides when a search must give up: a deadline, a caller's cancellation, or a node cap. Shared by the
/// successive searches of one operation (a warm start and its fallback, or the probes of a minimization) so that
/// the time limit bounds the operation as a whole.
/// </summary>
internal sealed class StopCondition
{
    private readonly Stopwatch _clock;
    private readonly TimeSpan? _timeout;
    private readonly CancellationToken _token;

    public StopCondition(TimeSpan? timeout, CancellationToken token, Stopwatch? clock = null)
    {
        _timeout = timeout;
        _token = token;
        _clock = clock ?? Stopwatch.StartNew();
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public CancellationToken Token => _token;

    public TimeSpan? Remaining => _timeout is { } t ? t - _clock.Elapsed : null;

    /// <summary>Why the last <see cref="ShouldStop"/> said yes (null while it has not).</summary>
    public SolveStatus? Reason { get; private set; }

    public bool ShouldStop()
    {
        if (_token.IsCancellationRequested) Reason = SolveStatus.Cancelled;
        else if (_timeout is { } t && _clock.Elapsed > t) Reason = SolveStatus.TimedOut;
        return Reason is not null;
    }

    /// <summary>A condition with the same clock and limit, watching another token (one linked to this one's).</summary>
    public StopCondition WithToken(CancellationToken token) => new(_timeout, token, _clock);

    /// <summary>A condition with the same clock and token and a tighter limit (for a bounded first attempt).</summary>
    public StopCondition WithLimit(TimeSpan limit)
    {
        var remaining = Remaining;
        var absolute = _clock.Elapsed + limit;
        if (remaining is { } r && r < limit) absolute = _clock.Elapsed + r;
        return new StopCondition(absolute, _token, _clock);
    }
}
