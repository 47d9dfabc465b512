namespace MiniMalloc.Heuristics;

/// <summary>
/// The cheap constructive plans the local search starts from, each as an order of the movable buffers: the plans
/// of <see cref="BestFitDecreasing"/> and <see cref="SweepAllocator"/> read bottom-up (decoding a valid plan's
/// buffers by increasing offset never places one higher, when windows start at byte 0), and the classic greedy
/// orders, decoded first fit: by size, by lifespan and by area, each decreasing.
/// </summary>
internal static class StartingPlans
{
    /// <summary>One starting plan: its name, its order, and the plan itself when it is not just the decoded order.</summary>
    public sealed record Candidate(string Name, int[] Order, Solution? Plan);

    public static List<Candidate> For(Problem problem, TimeNeighbours neighbours)
    {
        var buffers = problem.Buffers;
        var bestFit = BestFitDecreasing.Solve(problem, neighbours);
        var sweep = SweepAllocator.Solve(problem);
        return
        [
            new("best-fit decreasing", ByOffset(buffers, bestFit), bestFit),
            new("sweep", ByOffset(buffers, sweep), sweep),
            new("first fit by size", Decreasing(buffers, b => b.Size, b => b.Lifespan.Width), null),
            new("first fit by lifespan", Decreasing(buffers, b => b.Lifespan.Width, b => b.Size), null),
            new("first fit by area", Decreasing(buffers, b => b.Area, b => b.Size), null),
        ];
    }

    private static int[] Movable(IReadOnlyList<Buffer> buffers)
    {
        int count = 0;
        for (int b = 0; b < buffers.Count; b++) if (buffers[b].Offset is null) count++;
        var movable = new int[count];
        count = 0;
        for (int b = 0; b < buffers.Count; b++) if (buffers[b].Offset is null) movable[count++] = b;
        return movable;
    }

    // Bottom-up: by offset, then start step, then index (buffers sharing an offset never share a step).
    private static int[] ByOffset(IReadOnlyList<Buffer> buffers, Solution plan)
    {
        var order = Movable(buffers);
        Array.Sort(order, (x, y) =>
        {
            int c = plan.Offsets[x].CompareTo(plan.Offsets[y]);
            if (c == 0) c = buffers[x].Lifespan.Lower.CompareTo(buffers[y].Lifespan.Lower);
            return c != 0 ? c : x.CompareTo(y);
        });
        return order;
    }

    private static int[] Decreasing(IReadOnlyList<Buffer> buffers, Func<Buffer, long> key, Func<Buffer, long> then)
    {
        var order = Movable(buffers);
        Array.Sort(order, (x, y) =>
        {
            int c = key(buffers[y]).CompareTo(key(buffers[x]));
            if (c == 0) c = then(buffers[y]).CompareTo(then(buffers[x]));
            return c != 0 ? c : x.CompareTo(y);
        });
        return order;
    }
}
