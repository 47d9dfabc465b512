namespace MiniMalloc;

/// <summary>
/// When <see cref="HeuristicPlanner"/> stops improving its plan, and its seed. The search stops at the first of:
/// the height reaches <see cref="TargetHeight"/>, <see cref="MaxIterations"/> moves were tried,
/// <see cref="TimeBudget"/> has passed, or the caller's token is cancelled.
/// </summary>
/// <remarks>
/// The same problem, seed and iteration budget always give the same plan. A time budget stops the same sequence
/// of moves after however many fit in the time on this machine, so its plan can differ from run to run (never
/// above the starting plan); use <see cref="MaxIterations"/> where reproducible plans matter. Without an iteration
/// or a time budget, the search runs until it reaches the target or the token is cancelled.
/// </remarks>
public sealed record HeuristicOptions
{
    /// <summary>The default <see cref="MaxIterations"/>: 100,000 moves.</summary>
    public const long DefaultMaxIterations = 100_000;

    /// <summary>
    /// Stop as soon as the plan's height is at most this (for example the capacity, when any plan that fits will
    /// do); null: the lower bound (<see cref="HeuristicResult.LowerBound"/>), below which no plan exists.
    /// </summary>
    public long? TargetHeight { get; init; }

    /// <summary>
    /// Stop the local search after this long (null: no time limit). It is counted once the starting plans are
    /// made: those always come first, whatever the budget, and take about as long as
    /// <see cref="BestFitDecreasing"/> a few times over (one to two and a half seconds for 100,000 buffers), so the
    /// whole call takes that plus the budget.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>
    /// Moves made whatever <see cref="TimeBudget"/> says (default 0), so that a slow or busy machine still improves
    /// the plan that far; the target, <see cref="MaxIterations"/> and cancellation still stop the search sooner.
    /// </summary>
    public long MinIterations { get; init; }

    /// <summary>Stop after this many moves (default <see cref="DefaultMaxIterations"/>; null: no limit; 0: only the starting plans).</summary>
    public long? MaxIterations { get; init; } = DefaultMaxIterations;

    /// <summary>
    /// Stop the local search once it has done this much work (null: no limit): units of one placed buffer looked at
    /// when a move re-places a buffer at its lowest fit. A move re-places a cascade of buffers, each looking at the
    /// buffers live beside it, so a move's cost ranges from a few units to the whole plan's; this bounds the time on
    /// every shape where <see cref="MaxIterations"/> bounds it only where moves are cheap, and is as reproducible. It
    /// stops the search even before <see cref="MinIterations"/> moves.
    /// </summary>
    public long? MaxWork { get; init; }

    /// <summary>Chooses the moves; the same seed gives the same sequence of moves.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Returns a sentence describing the first unusable setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (TimeBudget is { } t && t < TimeSpan.Zero) return "the time budget may not be negative";
        if (MaxIterations is { } m && m < 0) return "the iteration budget may not be negative";
        if (MaxWork is { } w && w < 0) return "the work budget may not be negative";
        if (MinIterations < 0) return "the guaranteed iterations may not be negative";
        return null;
    }
}
