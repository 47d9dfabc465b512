namespace MiniMalloc.Tests.Property;

/// <summary>
/// The exact meaning of aliases, written for the brute force without the library's alias code: each group (a buffer
/// that is no alias, with every buffer whose chain of owners ends at it) is one placement, and holds at each step
/// exactly the union of its live members' bytes, each member shifted by its offset in the root. Holes in that union
/// stay free for other buffers: this is the exact treatment the library's folding is compared with.
/// </summary>
internal static class AliasOccupancy
{
    /// <summary>The roots in buffer order and, per buffer, its root and its offset in the root.</summary>
    public static (List<int> Roots, int[] Root, long[] Offset) Groups(Problem problem)
    {
        var buffers = problem.Buffers;
        var index = buffers.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var root = new int[buffers.Count];
        var offset = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            int at = i;
            long shift = 0;
            for (int hops = 0; buffers[at].Alias is { } alias; hops++)
            {
                if (hops > buffers.Count) throw new ArgumentException("aliases in a cycle");
                shift += alias.Offset;
                at = index[alias.Owner];
            }
            root[i] = at;
            offset[i] = shift;
        }
        return (Enumerable.Range(0, buffers.Count).Where(i => root[i] == i).ToList(), root, offset);
    }

    /// <summary>One entry per group, in the order of <see cref="Groups"/>' roots.</summary>
    public static TinyOccupancy Model(Problem problem)
    {
        var buffers = problem.Buffers;
        var (roots, root, offset) = Groups(problem);
        long origin = buffers.Min(b => b.Lifespan.Lower);
        int steps = (int)(buffers.Max(b => b.Lifespan.Upper) - origin);
        var single = new TinyOccupancy(problem with { Buffers = buffers.Select(b => b with { Alias = null }).ToArray() });
        int n = roots.Count;
        var first = new int[n];
        var masks = new ulong[n][];
        var sizes = new int[n];
        var alignments = new int[n];
        var fixedOffsets = new int[n];
        for (int k = 0; k < n; k++)
        {
            int r = roots[k];
            var members = Enumerable.Range(0, buffers.Count).Where(i => root[i] == r).ToList();
            first[k] = members.Min(m => single.First[m]);
            int last = members.Max(m => single.First[m] + single.Masks[m].Length);
            masks[k] = new ulong[last - first[k]];
            foreach (int m in members)
            {
                for (int s = 0; s < single.Masks[m].Length; s++) masks[k][single.First[m] + s - first[k]] |= single.Masks[m][s] << (int)offset[m];
            }
            sizes[k] = single.Sizes[r];
            alignments[k] = single.Alignments[r];
            fixedOffsets[k] = single.FixedOffsets[r];
        }
        return new TinyOccupancy(steps, first, masks, sizes, alignments, fixedOffsets);
    }
}
