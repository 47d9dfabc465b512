namespace MiniMalloc.Search;

/// <summary>
/// A node's dynamic ordering: the unplaced buffers of its sub-problem with their min offsets, in the order in which
/// the node tries them, walked with a cursor (<see cref="First"/>, <see cref="Has"/>, <see cref="Next"/>), and kept
/// in step with the placements of the search (<see cref="Take"/>, <see cref="Move"/>, <see cref="Descend"/>,
/// <see cref="Restore"/>).
/// </summary>
/// <remarks>
/// Implemented by structs (<see cref="SortedOrdering"/>, <see cref="PreorderOrdering"/>, <see cref="TreeOrdering"/>)
/// that the engine's generic methods take by reference, so that the JIT compiles the candidate loop once per
/// implementation, with direct (mostly inlined) calls. A struct is a view made for one step of one node; what lasts
/// from node to node lives in the objects it refers to. An implementation may cost O(log n) per change and nothing
/// per node (the tree), or O(n) per node and nothing per change (the arena): the engine does not depend on which.
/// </remarks>
internal interface IOrdering
{
    /// <summary>
    /// Whether candidates come in (min offset, preorder index) order. Then every candidate after one that the
    /// dominance check or hatless pruning rejects would be rejected too, and the loop ends there.
    /// </summary>
    bool IsSorted { get; }

    /// <summary>Whether no buffer of the sub-problem is left unplaced: the node is a leaf.</summary>
    bool IsEmpty { get; }

    /// <summary>The lowest top (min offset + size) of any unplaced buffer: the dominance check's bound.</summary>
    long LowestTop();

    /// <summary>
    /// The cursor of the first candidate not before (<paramref name="minOffset"/>, <paramref name="minPreorder"/>)
    /// when the ordering is sorted; of the first candidate at all when it is not. (long.MinValue, 0) gives the first.
    /// </summary>
    int First(long minOffset, int minPreorder);

    /// <summary>Whether <paramref name="cursor"/> stands for a candidate (false past the last).</summary>
    bool Has(int cursor);

    /// <summary>The candidate at <paramref name="cursor"/>: its min offset and preorder index.</summary>
    OrderEntry At(int cursor);

    /// <summary>The cursor after <paramref name="cursor"/> (whose candidate is unplaced).</summary>
    int Next(int cursor);

    /// <summary>
    /// The node returns its child's outcome (found or stopped) without trying another candidate: until a node searches
    /// the ordering again, the undo of the placements on the way back need not keep it sorted.
    /// </summary>
    void Abandon();

    /// <summary>The candidate at <paramref name="cursor"/> is being placed.</summary>
    void Take(int cursor);

    /// <summary>The unplaced buffer of preorder index <paramref name="preorder"/> has a new min offset (raised or restored).</summary>
    void Move(int preorder, long minOffset);

    /// <summary>
    /// The placement in hand passed the section check: gathers the buffers it raised (the min offset trail from
    /// <paramref name="trailMark"/> on) for the child's ordering and the unallocated floor.
    /// </summary>
    void CollectRaised(int trailMark);

    /// <summary>The ordering of the child of the placement in hand; where it lies in the ordering arena.</summary>
    (int Start, int Count) Descend();

    /// <summary>Undoes <see cref="Take"/> and <see cref="Descend"/> once the placement's other changes are undone.</summary>
    void Restore(int cursor);
}
