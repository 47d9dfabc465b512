namespace MiniMalloc.Search;

/// <summary>
/// What the search actually solves, when it differs from the problem given:
/// <list type="bullet">
/// <item>buffers that are never live (gaps without windows cover their whole lifespan) take no part: they go at
/// their fixed offset, or at 0;</item>
/// <item>a gap window that does not start at byte 0 is searched as if it did (it reserves [0, upper) instead of
/// [lower, upper)). The search's canonical placement and its inference rules assume that a buffer placed later
/// lies above those placed before it, which windows with a hole below them break; reserving the hole keeps every
/// plan valid and every rule sound, at the price of possibly missing a lower plan that puts another buffer in
/// that hole.</item>
/// </list>
/// </summary>
internal sealed class SearchableProblem
{
    private readonly int[] _kept;

    private SearchableProblem(Problem problem, int[] kept)
    {
        Problem = problem;
        _kept = kept;
    }

    public Problem Problem { get; }

    /// <summary>The problem to search, or null when the given one can be searched as it is.</summary>
    public static SearchableProblem? From(Problem problem)
    {
        var buffers = problem.Buffers;
        bool changed = false;
        var kept = new List<int>(buffers.Count);
        var searched = new List<Buffer>(buffers.Count);
        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            if (OccupiedPieces.Of(b).Count == 0)
            {
                changed = true;
                continue;
            }
            if (NeedsWindowsFromZero(b))
            {
                changed = true;
                b = WindowsFromZero(b);
            }
            kept.Add(i);
            searched.Add(b);
        }
        return changed ? new SearchableProblem(problem with { Buffers = searched }, [.. kept]) : null;
    }

    /// <summary>The problem with every gap window starting at byte 0 (the search's contract; see the class remarks).</summary>
    public static Problem WindowsFromZero(Problem problem)
    {
        if (!problem.Buffers.Any(NeedsWindowsFromZero)) return problem;
        return problem with { Buffers = problem.Buffers.Select(b => NeedsWindowsFromZero(b) ? WindowsFromZero(b) : b).ToArray() };
    }

    private static bool NeedsWindowsFromZero(Buffer b) => b.Gaps.Any(g => g.Window is { } w && (w.Lower > 0 || w.Upper <= w.Lower));

    // An empty window occupies nothing: the gap is a plain one. Any other window reserves [0, upper).
    private static Buffer WindowsFromZero(Buffer b) => b with
    {
        Gaps = b.Gaps.Select(g => g.Window is not { } w ? g
            : w.Upper <= w.Lower ? g with { Window = null }
            : w.Lower > 0 ? g with { Window = new Window(0, w.Upper) }
            : g).ToArray(),
    };

    /// <summary>Whether the buffers left out of the search fit below the capacity where they will go.</summary>
    public bool LeftOutFit(Problem original)
    {
        var kept = new HashSet<int>(_kept);
        for (int i = 0; i < original.Buffers.Count; i++)
        {
            var b = original.Buffers[i];
            if (!kept.Contains(i) && (b.Offset ?? 0) + b.Size > original.Capacity) return false;
        }
        return true;
    }

    /// <summary>The solution of the original problem: searched buffers keep their offsets, the others get theirs.</summary>
    public Solution Expand(Problem original, Solution searched)
    {
        var offsets = new long[original.Buffers.Count];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = original.Buffers[i].Offset ?? 0;
        for (int k = 0; k < _kept.Length; k++) offsets[_kept[k]] = searched.Offsets[k];
        return Solution.FromOffsets(original, offsets);
    }
}
