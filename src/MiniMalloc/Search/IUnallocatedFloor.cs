namespace MiniMalloc.Search;

/// <summary>
/// The unallocated floor: a section's floor is at least the lowest min offset of its unplaced buffers. Only the
/// sections of buffers whose min offset a placement raised can rise; <see cref="Raise{TBounds}"/> lifts them, after
/// the placement, to the lowest min offset of their unplaced buffers, through the bounds (which keep their maxima in
/// step).
/// </summary>
/// <remarks>
/// <para>
/// Implemented by structs (<see cref="PaintedFloor"/>, <see cref="ListedFloor"/>, and <see cref="NoFloor"/> when the
/// technique is off), like <see cref="IOrdering"/>. The engine reports every change to the unplaced buffers and their
/// min offsets, in the order it makes and undoes them: <see cref="Placed"/>, <see cref="Raised"/> for each buffer the
/// placement raised, then <see cref="Raise{TBounds}"/> or <see cref="Clear"/>; on backtrack <see cref="Lowered"/>
/// for each raise undone (most recent first) and <see cref="Unplaced"/>.
/// </para>
/// <para>
/// The implementations here find the lowest min offsets afresh at each placement and so only listen to
/// <see cref="Raised"/> (to know which sections to look at); one that keeps them per section as the changes come
/// (so that a placement costs no more than what it changes) would listen to all of them.
/// </para>
/// </remarks>
internal interface IUnallocatedFloor
{
    /// <summary><paramref name="buffer"/> is being placed: it no longer counts among its sections' unplaced buffers.</summary>
    void Placed(int buffer);

    /// <summary>The min offset of <paramref name="buffer"/> (unplaced) rose: the floors of its sections may rise.</summary>
    void Raised(int buffer);

    /// <summary>
    /// The placement in hand failed before its floors were needed: forgets what <see cref="Raised"/> marked. Called
    /// only when some buffer was raised.
    /// </summary>
    void Clear();

    /// <summary>
    /// Raises each marked section whose floor is below <paramref name="ceiling"/> (the highest min offset the
    /// placement raised a buffer to: no marked section's lowest can be higher) to the lowest min offset of its
    /// unplaced buffers, through <see cref="ISectionBounds.RaiseFloor"/>; forgets the marks. True when some floor
    /// rose. Called only when some buffer was raised, after <see cref="IOrdering.CollectRaised"/>.
    /// </summary>
    bool Raise<TBounds>(ref TBounds bounds, long ceiling) where TBounds : struct, ISectionBounds;

    /// <summary>A raise of <paramref name="buffer"/>'s min offset was undone (its min offset is the earlier one again).</summary>
    void Lowered(int buffer);

    /// <summary>The placement of <paramref name="buffer"/> was undone: it is unplaced again.</summary>
    void Unplaced(int buffer);
}
