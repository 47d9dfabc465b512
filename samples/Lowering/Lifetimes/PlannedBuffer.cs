namespace Lowering.Lifetimes;

/// <summary>One buffer of the lifetimes file: a tensor or a scratch buffer that the planner places in the arena.</summary>
/// <param name="Id">The tensor's or scratch buffer's name.</param>
/// <param name="Role">input, output, activation or scratch (for the summary and the header comments).</param>
/// <param name="Start">First step at which it is live.</param>
/// <param name="End">First step at which it is no longer live (half-open lifespan).</param>
/// <param name="Size">Bytes.</param>
/// <param name="Alignment">Alignment the model asks for, if any (else the file's default applies).</param>
/// <param name="Offset">A fixed offset the model asks for, if any.</param>
/// <param name="Gaps">Sub-intervals where it is inactive or only partly occupied, in increasing order.</param>
/// <param name="Alias">The buffer whose bytes this one lives in, if any.</param>
public sealed record PlannedBuffer(
    string Id,
    string Role,
    long Start,
    long End,
    long Size,
    long? Alignment,
    long? Offset,
    IReadOnlyList<PlannedGap> Gaps,
    PlannedAlias? Alias = null)
{
    /// <summary>The bytes it occupies at <paramref name="step"/> (ignoring alignment).</summary>
    public long LiveBytesAt(long step)
    {
        var (lower, upper) = OccupiedAt(step);
        return upper - lower;
    }

    /// <summary>The bytes [lower, upper) of itself it occupies at <paramref name="step"/>; (0, 0) when none.</summary>
    public (long Lower, long Upper) OccupiedAt(long step)
    {
        if (step < Start || step >= End)
        {
            return (0, 0);
        }

        var gap = Gaps.FirstOrDefault(g => step >= g.Start && step < g.End);
        return gap is null ? (0, Size) : (gap.WindowLower ?? 0, gap.WindowUpper ?? 0);
    }
}
