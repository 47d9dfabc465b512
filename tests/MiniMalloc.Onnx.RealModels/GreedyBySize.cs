namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// The baseline of the runtimes' own planners (TensorFlow Lite Micro's greedy planner, XLA's decreasing-size heap
/// simulator): buffers in decreasing size (ties: in file order), each at the lowest offset where it overlaps no
/// already placed buffer that is live at the same time. Written here for comparison only; no alignment (the ONNX
/// lowering writes none).
/// </summary>
public static class GreedyBySize
{
    /// <summary>Offsets for buffers given as half-open lifespans and sizes; and the height (arena size) they reach.</summary>
    public static (long[] Offsets, long Height) Plan(IReadOnlyList<(long Start, long End, long Size)> buffers)
    {
        var order = Enumerable.Range(0, buffers.Count).OrderByDescending(i => buffers[i].Size).ThenBy(i => i).ToList();
        var offsets = new long[buffers.Count];
        var placed = new List<int>();
        long height = 0;
        foreach (int b in order)
        {
            var (start, end, size) = buffers[b];
            long candidate = 0;
            foreach (int p in placed.Where(p => buffers[p].Start < end && start < buffers[p].End).OrderBy(p => offsets[p]))
            {
                if (candidate + size <= offsets[p]) break; // the gap below p holds it
                candidate = Math.Max(candidate, offsets[p] + buffers[p].Size);
            }
            offsets[b] = candidate;
            placed.Add(b);
            height = Math.Max(height, candidate + size);
        }
        return (offsets, height);
    }
}
