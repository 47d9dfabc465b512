namespace MiniMalloc.Search;

/// <summary>
/// The techniques of the paper that a search applies, read once from <see cref="SolverOptions"/> (one switch each,
/// all on by default). Dynamic ordering and static preordering choose what the search is built from (the kind of
/// ordering, whether buffers are sorted); the others are tested where they act.
/// </summary>
[Flags]
internal enum SearchTechniques
{
    None = 0,

    /// <summary>Canonical solutions only: placements in non-decreasing (offset, preorder index).</summary>
    CanonicalSolutions = 1 << 0,

    /// <summary>Section inference: a section's unplaced bytes must fit between its floor and the capacity.</summary>
    SectionInference = 1 << 1,

    /// <summary>Dynamic ordering: candidates in (min offset, preorder index) order at every node.</summary>
    DynamicOrdering = 1 << 2,

    /// <summary>Dominance (the reference's minimum-height check): nothing placed at or above the lowest top.</summary>
    Dominance = 1 << 3,

    /// <summary>Unallocated floor: a section's floor is at least the lowest min offset of its unplaced buffers.</summary>
    UnallocatedFloor = 1 << 4,

    /// <summary>Static preordering: a sub-problem's buffers sorted by the heuristic before its search.</summary>
    StaticPreordering = 1 << 5,

    /// <summary>Dynamic decomposition: split into sub-problems where no unplaced buffer crosses a section boundary.</summary>
    DynamicDecomposition = 1 << 6,

    /// <summary>Monotonic floor: the offset just placed is a floor for every section.</summary>
    MonotonicFloor = 1 << 7,

    /// <summary>Hatless pruning: after a buffer with nothing unplaced overhead, no other candidate of the node.</summary>
    HatlessPruning = 1 << 8,
}

/// <summary>Reads <see cref="SearchTechniques"/> from the options.</summary>
internal static class SearchTechniquesExtensions
{
    public static SearchTechniques Techniques(this SolverOptions options)
    {
        var on = SearchTechniques.None;
        if (options.CanonicalOnly) on |= SearchTechniques.CanonicalSolutions;
        if (options.SectionInference) on |= SearchTechniques.SectionInference;
        if (options.DynamicOrdering) on |= SearchTechniques.DynamicOrdering;
        if (options.CheckDominance) on |= SearchTechniques.Dominance;
        if (options.UnallocatedFloor) on |= SearchTechniques.UnallocatedFloor;
        if (options.StaticPreordering) on |= SearchTechniques.StaticPreordering;
        if (options.DynamicDecomposition) on |= SearchTechniques.DynamicDecomposition;
        if (options.MonotonicFloor) on |= SearchTechniques.MonotonicFloor;
        if (options.HatlessPruning) on |= SearchTechniques.HatlessPruning;
        return on;
    }
}
