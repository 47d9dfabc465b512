namespace MiniMalloc.Search;

/// <summary>What a frame of the search's explicit stack stands for.</summary>
internal enum FrameKind
{
    /// <summary>A search node: the loop over its candidates.</summary>
    Node,

    /// <summary>The independent pieces that a placement split its sub-problem into, solved one after another.</summary>
    Pieces,
}

/// <summary>
/// One frame of the search's explicit stack: a node with its candidate loop position and the placement it is trying
/// (so that the placement can be undone when the child frame returns), or the pieces of a decomposition. The search
/// keeps these in one growable array instead of on the call stack, so that its depth is limited by memory only.
/// </summary>
internal struct SearchFrame
{
    public FrameKind Kind;

    /// <summary>The sub-problem the frame searches (Node) or the one being split (Pieces).</summary>
    public SubProblem Sub;

    /// <summary>True for a sub-problem's root node: popping it releases the sub-problem.</summary>
    public bool OwnsSub;

    /// <summary>Node: its ordering lies at [Start, Start + Count) of the ordering arena.</summary>
    public int Start;

    public int Count;

    /// <summary>Node: the canonical bound, the (offset, preorder index) of the placement that led here.</summary>
    public long MinOffset;

    public int MinPreorder;

    /// <summary>Node: the dominance bound, the lowest top of any unplaced buffer.</summary>
    public long MinHeight;

    /// <summary>
    /// Node: the cursor of its next candidate, or, while a child frame runs, of the candidate placed (whose successor
    /// comes next). Pieces: the next cut point index.
    /// </summary>
    public int Next;

    /// <summary>Pieces: the end of this decomposition's cut points on the cut point stack.</summary>
    public int CutEnd;

    /// <summary>
    /// Pieces: the piece searched as a narrowed view of Sub (null: none), its index, and its root ordering at
    /// [Start, Start + Count) of the arena.
    /// </summary>
    public SubProblem? View;

    public int ViewPiece;

    // The placement in flight while a child frame runs, with the undo marks to revert it.
    public int Buffer;

    public int OffsetMark;

    public int FloorMark;

    public int CutMark;

    public bool Hatless;

    public bool Decomposed;
}
