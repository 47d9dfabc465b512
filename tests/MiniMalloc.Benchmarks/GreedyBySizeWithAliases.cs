namespace MiniMalloc.Benchmarks;

/// <summary>
/// The runtimes' own planners as a baseline (TensorFlow Lite Micro's greedy planner, XLA's decreasing-size heap
/// simulator) given the same aliases: each alias group is one buffer of its root's size, live from its first
/// member's first step to its last member's last (those planners know first and last uses, not windows), placed in
/// decreasing size (ties: in order) at the lowest aligned offset where it meets no group placed before it that is
/// live at the same time.
/// </summary>
internal static class GreedyBySizeWithAliases
{
    /// <summary>The height (arena size) the greedy plan of <paramref name="problem"/> reaches, and whether it validates.</summary>
    public static (long Height, bool Valid) Plan(Problem problem)
    {
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
        var plan = folded.Expand(Solution.FromOffsets(folded.Problem, offsets));
        return (plan.Height, Validator.Validate(problem.WithCapacity(plan.Height), plan).IsValid);
    }

    private static long AlignUp(long value, long alignment) => alignment <= 1 ? value : (value + alignment - 1) / alignment * alignment;
}
