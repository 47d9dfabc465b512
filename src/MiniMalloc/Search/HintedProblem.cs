namespace MiniMalloc.Search;

/// <summary>
/// Turns hints into fixed offsets for a warm start: each hint is kept if it is aligned, within the capacity and
/// clear of every hint already kept and every fixed buffer; the rest are left to the search.
/// </summary>
internal static class HintedProblem
{
    /// <summary>The problem with usable hints fixed, or null when no hint is usable.</summary>
    public static Problem? From(Problem problem)
    {
        var buffers = problem.Buffers;
        bool anyHint = false;
        foreach (var b in buffers) anyHint |= b.Hint is not null && b.Offset is null;
        if (!anyHint) return null;

        var placed = new List<int>();
        var offsets = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            if (buffers[i].Offset is { } o)
            {
                placed.Add(i);
                offsets[i] = o;
            }
        }
        var result = new Buffer[buffers.Count];
        int kept = 0;
        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            result[i] = b with { Hint = null };
            if (b.Offset is not null || b.Hint is not { } hint) continue;
            if (hint < 0 || hint % b.Alignment != 0 || hint > problem.Capacity - b.Size) continue;
            bool clear = true;
            foreach (int p in placed)
            {
                if (OccupiedPieces.FirstConflict(b, hint, buffers[p], offsets[p]) is not null)
                {
                    clear = false;
                    break;
                }
            }
            if (!clear) continue;
            placed.Add(i);
            offsets[i] = hint;
            result[i] = result[i] with { Offset = hint };
            kept++;
        }
        return kept == 0 ? null : problem with { Buffers = result };
    }
}
