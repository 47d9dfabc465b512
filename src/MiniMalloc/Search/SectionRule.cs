using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>
/// The pruning rule that section inference and the monotonic floor make of a section's floor and total, for a
/// placement at some offset: every section must hold its unplaced bytes between its floor and the capacity. Both
/// kinds of <see cref="ISectionBounds"/> apply it, one section at a time or over maxima of sections.
/// </summary>
internal readonly struct SectionRule
{
    public readonly long Capacity;
    public readonly bool Monotonic;
    public readonly bool Inference;

    public SectionRule(long capacity, SearchTechniques techniques)
    {
        Capacity = capacity;
        Monotonic = (techniques & SearchTechniques.MonotonicFloor) != 0;
        Inference = (techniques & SearchTechniques.SectionInference) != 0;
    }

    /// <summary>
    /// Both on: a candidate's verdict then needs only maxima over the sections around it, so it can be known
    /// before the candidate is placed (the bounds' fast path, for buffers of one span).
    /// </summary>
    public bool Both => Monotonic && Inference;

    /// <summary>
    /// Monotonic floor: placements are canonical, in non-decreasing offset, so nothing placed after the buffer at
    /// <paramref name="offset"/> goes below it, whatever the section's own floor says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long MonotonicFloor(long floor, long offset) => Monotonic && offset > floor ? offset : floor;

    /// <summary>Section inference: a section's unplaced bytes must fit between its floor and the capacity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool SectionInference(long floor, long total) => (Inference ? floor + total : floor) <= Capacity;

    /// <summary>The rule for one section after a placement at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(long floor, long total, long offset) => SectionInference(MonotonicFloor(floor, offset), total);

    /// <summary>
    /// The rule for a range of sections from its maxima of floor + total, of total and of floor (long.MinValue each
    /// for an empty range). With the monotonic floor, max over s of max(floor, offset) + total is the larger of the
    /// maxima of floor + total and of offset + total.
    /// </summary>
    public bool HoldsOverMaxima(long floorTotal, long total, long floor, long offset)
    {
        long most = (Monotonic, Inference) switch
        {
            (true, true) => Math.Max(offset + total, floorTotal),
            (true, false) => Math.Max(offset, floor),
            (false, true) => floorTotal,
            _ => floor,
        };
        return most <= Capacity;
    }
}
