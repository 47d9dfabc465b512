using MiniMalloc.Collections;

namespace MiniMalloc;

/// <summary>
/// Checks a solution against its problem, independently of the solver: count, fixed offsets, alias equations
/// (every alias at its owner's offset plus its offset in the owner), bounds, alignment, pairwise overlap in time
/// and space (gaps and their windows included) of buffers that are not of one alias group, and the stated height.
/// </summary>
public static class Validator
{
    /// <summary>Returns <see cref="ValidationResult.Valid"/> or the first violation found.</summary>
    public static ValidationResult Validate(Problem problem, Solution solution)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        var buffers = problem.Buffers;
        var offsets = solution.Offsets;
        if (buffers.Count != offsets.Count)
        {
            return new(ViolationKind.OffsetCount, $"the solution has {offsets.Count} offsets for {buffers.Count} buffers");
        }
        var groups = AliasGroups.Resolve(buffers);
        if (groups.Errors.Count > 0)
        {
            var error = groups.Errors[0];
            return new(ViolationKind.MalformedAlias, error.Message, error.BufferIndex);
        }
        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            long offset = offsets[i];
            if (b.Offset is { } fixedOffset && fixedOffset != offset)
            {
                return new(ViolationKind.FixedOffset, $"buffer '{b.Id}' is fixed at offset {fixedOffset} but was placed at {offset}", i);
            }
        }
        for (int i = 0; i < buffers.Count; i++)
        {
            if (buffers[i].Alias is not { } alias) continue;
            int owner = groups.OwnerOf(i);
            long expected = offsets[owner] + alias.Offset;
            if (offsets[i] != expected)
            {
                return new(ViolationKind.AliasOffset,
                    $"buffer '{buffers[i].Id}' is an alias of '{buffers[owner].Id}' at byte {alias.Offset}, so it belongs at {expected}, but was placed at {offsets[i]}", i, owner);
            }
        }
        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            long offset = offsets[i];
            if (offset < 0 || offset > problem.Capacity - b.Size)
            {
                return new(ViolationKind.Bounds, $"buffer '{b.Id}' at offset {offset} with size {b.Size} does not lie within [0, {problem.Capacity})", i);
            }
        }
        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            if (b.Alignment > 1 && offsets[i] % b.Alignment != 0)
            {
                return new(ViolationKind.Alignment, $"buffer '{b.Id}' at offset {offsets[i]} is not a multiple of its alignment {b.Alignment}", i);
            }
        }
        var overlap = FindOverlap(problem, offsets, groups);
        if (overlap is { } pair)
        {
            var (i, j, step) = pair;
            var a = buffers[i];
            var c = buffers[j];
            return new(ViolationKind.Overlap,
                $"buffers '{a.Id}' [{offsets[i]}, {offsets[i] + a.Size}) and '{c.Id}' [{offsets[j]}, {offsets[j] + c.Size}) share bytes at step {step}", i, j);
        }
        long height = 0;
        for (int i = 0; i < buffers.Count; i++) height = Math.Max(height, offsets[i] + buffers[i].Size);
        if (height != solution.Height)
        {
            return new(ViolationKind.Height, $"the solution states height {solution.Height} but its highest buffer ends at {height}");
        }
        return ValidationResult.Valid;
    }

    /// <summary>
    /// Above this many buffers, problems without gaps, aliases or empty buffers are checked by a sweep in O(n log n) instead of
    /// pair by pair (O(n · live), slow for large live sets). Both find an overlap exactly when there is one; the
    /// pair they name may differ.
    /// </summary>
    internal const int SweepThreshold = 2_000;

    // A sweep in step order over the buffers' offsets: the live buffers never overlap one another (else the sweep
    // has stopped), so a buffer that starts overlaps a live one exactly when it overlaps its neighbour below or
    // above by offset. Buffers ending at a step are released before those starting at it are placed.
    // The live set is keyed by (offset, buffer), so a neighbour's key names the buffer; offsets of live buffers are
    // distinct (they never overlap, and none is empty). The buffers are released in order of their end steps, read
    // from a second sorted order: which of those ending at one step goes first does not matter, as all are released
    // before the next buffer is placed. A buffer whose lifespan is empty is checked against the live ones and never
    // joins them (it would be released before the next buffer anyway).
    private static (int First, int Second, long Step)? SweptOverlap(IReadOnlyList<Buffer> buffers, IReadOnlyList<long> offsets)
    {
        int n = buffers.Count;
        var lower = new long[n];
        var size = new long[n];
        for (int i = 0; i < n; i++)
        {
            lower[i] = buffers[i].Lifespan.Lower;
            size[i] = buffers[i].Size;
        }
        var order = OrderKey.ByStart(buffers);
        var released = OrderKey.ByEnd(buffers);
        var live = new OrderedKeys(1024);
        int next = 0;
        foreach (int j in order)
        {
            long now = lower[j], offset = offsets[j], end = offset + size[j];
            for (; next < n && buffers[released[next]].Lifespan.Upper <= now; next++)
            {
                int done = released[next];
                live.Remove(LiveKey(offsets[done], done));
            }
            if (live.TryFloor(LiveKey(offset, int.MaxValue), out var below) && (long)(below >> 64) + size[BufferOf(below)] > offset) return Pair(BufferOf(below), j, now);
            if (live.TryCeiling(LiveKey(offset, 0), out var above) && (long)(above >> 64) < end) return Pair(BufferOf(above), j, now);
            if (buffers[j].Lifespan.Upper > now) live.Add(LiveKey(offset, j));
        }
        return null;
    }

    // A live buffer's key: its offset, then its index.
    private static Int128 LiveKey(long offset, int buffer) => ((Int128)offset << 64) | (uint)buffer;

    private static int BufferOf(Int128 key) => (int)(uint)(key & uint.MaxValue);

    private static (int First, int Second, long Step) Pair(int i, int j, long step) => i < j ? (i, j, step) : (j, i, step);

    // Sorted by lower bound, so each buffer is compared only with those that start before it ends: the
    // pairs checked are the pairs that overlap in time, not all n^2. Members of one alias group share bytes by
    // design; their relative places are the alias equations, checked before.
    private static (int First, int Second, long Step)? FindOverlap(Problem problem, IReadOnlyList<long> offsets, AliasGroups groups)
    {
        var buffers = problem.Buffers;
        if (buffers.Count > SweepThreshold && buffers.All(b => b.Gaps.Count == 0 && b.Alias is null && b.Size > 0)) return SweptOverlap(buffers, offsets);
        var order = OrderKey.ByStart(buffers);
        for (int p = 0; p < order.Length; p++)
        {
            int i = order[p];
            var a = buffers[i];
            for (int q = p + 1; q < order.Length; q++)
            {
                int j = order[q];
                var b = buffers[j];
                if (b.Lifespan.Lower >= a.Lifespan.Upper) break;
                if (groups.SameGroup(i, j)) continue;
                if (OccupiedPieces.FirstConflict(a, offsets[i], b, offsets[j]) is { } step)
                {
                    return i < j ? (i, j, step) : (j, i, step);
                }
            }
        }
        return null;
    }
}
