namespace MiniMalloc.Search;

/// <summary>
/// Section inference and the monotonic floor (<see cref="SectionRule"/>) over the sections of a node's
/// sub-problem: keeps the section state of <see cref="SectionState"/> in step with placements, and answers whether
/// a placement leaves every section able to hold what is left in it.
/// </summary>
/// <remarks>
/// Implemented by structs (<see cref="ScannedBounds"/>, <see cref="MaximaBounds"/>), like <see cref="IOrdering"/>:
/// a view made for one step of one node. A placement calls <see cref="Occupy"/>, then <see cref="Fits"/>, then
/// (when the unallocated floor raised some floor through <see cref="RaiseFloor"/>) <see cref="FitsAfterRaise"/>;
/// <see cref="Undo"/> reverts all of it. "Fast" means that the buffer has one span and both techniques are on, so
/// that the verdict follows from maxima over the sections around its span (<see cref="FitsBeforePlacing"/>).
/// </remarks>
internal interface ISectionBounds
{
    /// <summary>
    /// The verdict of <see cref="Fits"/> for placing <paramref name="b"/> (one span; both techniques on) at
    /// <paramref name="offset"/>, known from the node's state alone: a candidate it rejects needs no placement.
    /// </summary>
    bool FitsBeforePlacing(int b, long offset);

    /// <summary>Buffer <paramref name="b"/> was placed at <paramref name="offset"/>: its sections' floors and totals change.</summary>
    void Occupy(int b, long offset);

    /// <summary>Whether every section of the sub-problem holds after the placement; <paramref name="fast"/> as above.</summary>
    bool Fits(bool fast);

    /// <summary>The unallocated floor raises section <paramref name="s"/>'s floor to <paramref name="floor"/>.</summary>
    void RaiseFloor(int s, long floor);

    /// <summary><see cref="Fits"/> again, after <see cref="RaiseFloor"/> raised some floors.</summary>
    bool FitsAfterRaise(bool fast);

    /// <summary>Undoes the placement of <paramref name="b"/>, whose section changes began at trail mark <paramref name="floorMark"/>.</summary>
    void Undo(int b, int floorMark);
}
