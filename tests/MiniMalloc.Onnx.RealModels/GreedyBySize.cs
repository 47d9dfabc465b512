namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// The baseline of the runtimes' own planners (TensorFlow Lite Micro's greedy planner, XLA's decreasing-size heap
/// simulator), given the same aliases: each alias group is one buffer of its root's size, live from its first
/// member's first step to its last member's last (those planners know first and last uses, not windows), placed in
/// decreasing size (ties: in order) at the lowest aligned offset where it meets no group placed before it that is
/// live at the same time. Written here for comparison only.
/// </summary>
public static class GreedyBySize
{
    /// <summary>The greedy plan of <paramref name="problem"/>, every buffer (aliases included) at its offset.</summary>
    public static Solution Plan(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var folded = AliasFolding.Fold(problem);
        var groups = folded.Problem.Buffers.Select(b => b with { Gaps = [] }).ToList();
        var order = Enumerable.Range(0, groups.Count).OrderByDescending(i => groups[i].Size).ThenBy(i => i).ToList();
        var offsets = new long[groups.Count];
        var placed = new List<int>();
        foreach (int g in order)
        {
            var b = groups[g];
            long candidate = b.Offset ?? 0;
            if (b.Offset is null)
            {
                foreach (int p in placed.Where(p => groups[p].Lifespan.Overlaps(b.Lifespan)).OrderBy(p => offsets[p]))
                {
                    candidate = AlignUp(candidate, b.Alignment);
                    if (candidate + b.Size <= offsets[p]) break; // the gap below p holds it
                    candidate = Math.Max(candidate, offsets[p] + groups[p].Size);
                }
                candidate = AlignUp(candidate, b.Alignment);
            }
            offsets[g] = candidate;
            placed.Add(g);
        }
        return folded.Expand(Solution.FromOffsets(folded.Problem, offsets));
    }

    private static long AlignUp(long value, long alignment) => alignment <= 1 ? value : (value + alignment - 1) / alignment * alignment;
}
