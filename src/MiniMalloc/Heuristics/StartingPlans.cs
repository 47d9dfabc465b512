using System.Diagnostics;

namespace MiniMalloc.Heuristics;

/// <summary>
/// The cheap constructive plans the local search starts from, each as an order of the movable buffers: the plans
/// of <see cref="BestFitDecreasing"/> and <see cref="SweepAllocator"/> read bottom-up (decoding a valid plan's
/// buffers by increasing offset never places one higher, when windows start at byte 0), and the classic greedy
/// orders, decoded first fit: by size (equal sizes longest first, or in time order as the runtimes' greedy
/// planners place them), by lifespan and by area, each decreasing.
/// </summary>
internal static class StartingPlans
{
    /// <summary>One starting plan: its name, its order, and the plan itself when it is not just the decoded order.</summary>
    public sealed record Candidate(string Name, int[] Order, Solution? Plan);

    /// <summary>
    /// The lowest of the starting plans (<see cref="Plan"/>, found by <see cref="Start"/>), and the order whose
    /// decoding is lowest (<see cref="Order"/>: where a local search over orders begins).
    /// </summary>
    public sealed record Choice(Solution Plan, string Start, int[] Order);

    /// <summary>
    /// Makes every starting plan and keeps the lowest (ties: the first made). The decoder is left holding the
    /// decoded <see cref="Choice.Order"/>. A cancelled token stops after the plan being made.
    /// </summary>
    public static Choice Best(Problem problem, TimeNeighbours neighbours, OrderDecoder decoder, CancellationToken cancellationToken = default)
    {
        var buffers = problem.Buffers;
        var bestOffsets = new long[buffers.Count];
        long bestHeight = long.MaxValue;
        string start = string.Empty;
        int[]? startOrder = null;
        long startOrderHeight = long.MaxValue;
        foreach (var candidate in For(problem, neighbours))
        {
            if (candidate.Plan is { } plan && plan.Height < bestHeight)
            {
                bestHeight = plan.Height;
                start = candidate.Name;
                for (int b = 0; b < bestOffsets.Length; b++) bestOffsets[b] = plan.Offsets[b];
            }
            decoder.DecodeAll(candidate.Order);
            if (decoder.Height < bestHeight)
            {
                bestHeight = decoder.Height;
                start = candidate.Name;
                decoder.Offsets.CopyTo(bestOffsets);
            }
            if (decoder.Height < startOrderHeight)
            {
                startOrderHeight = decoder.Height;
                startOrder = candidate.Order;
            }
            // On 100,000 buffers the starting plans take seconds: a cancelled caller should not wait for them all.
            if (cancellationToken.IsCancellationRequested) break;
        }
        Debug.Assert(startOrder is not null, "the first candidate always sets the order");
        decoder.DecodeAll(startOrder);
        return new Choice(Solution.FromOffsets(problem, bestOffsets), start, startOrder);
    }

    /// <summary>The lowest starting plan of <paramref name="problem"/> (the capacity ignored), without a local search.</summary>
    public static Solution Best(Problem problem)
    {
        if (problem.Buffers.Count == 0) return BestFitDecreasing.Solve(problem);
        var neighbours = new TimeNeighbours(problem.Buffers);
        var decoder = new OrderDecoder(problem.Buffers, new PieceTable(problem.Buffers), neighbours, reference: 0);
        return Best(problem, neighbours, decoder).Plan;
    }

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
            // The runtimes' own greedy planners' order (equal sizes in the order they are made): on chains of
            // equal-sized in-place outputs it stacks them where the longest-first tie-break leaves holes.
            new("first fit by size in time order", Decreasing(buffers, b => b.Size, b => -b.Lifespan.Lower), null),
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
