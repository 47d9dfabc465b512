namespace MiniMalloc;

/// <summary>
/// A problem with aliases folded into one without: one buffer per alias group (see <see cref="AliasFolding"/>),
/// with the way back from its solutions to the original problem's.
/// </summary>
public sealed class FoldedProblem
{
    private readonly int[] _foldedIndex;

    internal FoldedProblem(Problem original, Problem problem, AliasGroups groups, int[] roots, bool isExact)
    {
        Original = original;
        Problem = problem;
        Groups = groups;
        Roots = roots;
        IsExact = isExact;
        _foldedIndex = new int[original.Buffers.Count];
        for (int k = 0; k < roots.Length; k++)
        {
            _foldedIndex[roots[k]] = k;
            if (!groups.HasMembers(roots[k])) continue;
            foreach (int m in groups.MembersOf(roots[k])) _foldedIndex[m] = k;
        }
    }

    /// <summary>The problem as given, with its aliases.</summary>
    public Problem Original { get; }

    /// <summary>The problem to solve: one buffer per group, in the order of the groups' roots; no aliases.</summary>
    public Problem Problem { get; }

    /// <summary>The alias groups of <see cref="Original"/>.</summary>
    public AliasGroups Groups { get; }

    /// <summary>The original index of each folded buffer's root.</summary>
    public IReadOnlyList<int> Roots { get; }

    /// <summary>
    /// True when every group occupies, at every step, nothing or exactly the bytes [0, upper) of its root: then the
    /// folded problem has exactly the solutions of the original (the search plans windows from byte 0 exactly), so
    /// "optimal" and "infeasible" mean the same for both. Views and in-place outputs always give such groups.
    /// </summary>
    public bool IsExact { get; }

    /// <summary>The folded buffer that holds original buffer <paramref name="originalIndex"/>.</summary>
    public int FoldedIndexOf(int originalIndex) => _foldedIndex[originalIndex];

    /// <summary>The original problem's solution: every member at its group's offset plus its offset in the root.</summary>
    public Solution Expand(Solution folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        if (folded.Offsets.Count != Problem.Buffers.Count)
        {
            throw new ArgumentException($"the solution has {folded.Offsets.Count} offsets for {Problem.Buffers.Count} folded buffers", nameof(folded));
        }
        var offsets = new long[Original.Buffers.Count];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = folded.Offsets[_foldedIndex[i]] + Groups.OffsetInRoot(i);
        return Solution.FromOffsets(Original, offsets);
    }
}
