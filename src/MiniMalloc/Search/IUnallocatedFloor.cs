namespace MiniMalloc.Search;

/// <summary>
/// The unallocated floor: a section's floor is at least the lowest min offset of its unplaced buffers. Only the
/// sections of buffers whose min offset a placement raised can rise, so a placement marks those
/// (<see cref="Mark"/>) as it raises them, and <see cref="Raise{TBounds}"/> then lifts each marked section to the
/// lowest min offset of its unplaced buffers, through the bounds (which keep their maxima in step).
/// </summary>
/// <remarks>
/// Implemented by structs (<see cref="PaintedFloor"/>, <see cref="ListedFloor"/>), like <see cref="IOrdering"/>.
/// Between placements no section is marked: <see cref="Raise{TBounds}"/> and <see cref="Clear"/> both consume
/// the marks.
/// </remarks>
internal interface IUnallocatedFloor
{
    /// <summary>The min offset of <paramref name="buffer"/> (unplaced) rose: the floors of its sections may rise.</summary>
    void Mark(int buffer);

    /// <summary>The placement in hand failed before its floors were needed: forgets the marks.</summary>
    void Clear();

    /// <summary>
    /// Raises each marked section whose floor is below <paramref name="ceiling"/> (the highest min offset the
    /// placement raised a buffer to: no marked section's lowest can be higher) to the lowest min offset of its
    /// unplaced buffers, through <see cref="ISectionBounds.RaiseFloor"/>. True when some floor rose.
    /// </summary>
    bool Raise<TBounds>(ref TBounds bounds, long ceiling) where TBounds : struct, ISectionBounds;
}
