using System.Diagnostics;
using MiniMalloc.Collections;

namespace MiniMalloc;

/// <summary>
/// First fit by decreasing size: fixed buffers first, then the others largest first (equal sizes in time order, as
/// the runtimes' greedy planners place them; or by size class, see <see cref="FirstFitOrder"/>), each at the lowest
/// aligned offset where it meets none of the buffers placed before it. Each lowest fit is looked up in O(log n) unions
/// of offset ranges, each searched in O(log n), rather than against every buffer live beside it
/// (<see cref="BestFitDecreasing"/> and the heuristic planner's decodings cost O(n · live)): the classic greedy
/// order for problems whose live sets are too large for those. Buffers with gaps keep their whole size for their
/// whole lifespan.
/// </summary>
/// <remarks>
/// <para>
/// The buffers placed so far are indexed by a segment tree over the schedule's steps. Each placed buffer is a range
/// of offsets over a range of steps; the tree's nodes keep two unions of offset ranges: <c>covering</c>, of the
/// buffers whose steps cover the node's whole range, and <c>touching</c>, of the buffers whose steps meet it. A
/// buffer's steps split into O(log n) canonical nodes; its time-neighbours are exactly the buffers touching one of
/// them (they lie within its steps) or covering a node on the paths from its first and last step to the root (every
/// node there holds one of its steps). So the lowest fit is the lowest offset free in those O(log n) unions.
/// </para>
/// <para>
/// Measured on network-like problems of 100,000 buffers with a thousand live at once, where a few percent of the
/// buffers live for tens of thousands of steps, the sweep's best fit in step order (<see cref="HoleSweep"/>) ends
/// 9-25 % above the live-size bound, the better of the two orders 2-11 % (see docs/benchmarks.md), and on the other
/// shapes of the grid it mostly reaches the bound where the sweep stays a little above it.
/// </para>
/// </remarks>
public static class FirstFitDecreasing
{
    /// <summary>Places every buffer (the capacity ignored) by decreasing size and returns the plan; fixed offsets are kept.</summary>
    public static Solution Solve(Problem problem) => Solve(problem, FirstFitOrder.Size, long.MaxValue)!;

    /// <summary>
    /// Places every buffer in <paramref name="order"/> within a budget of work: lookups of an offset in a union of
    /// placed ranges. The lookups per buffer grow with how many holes its lowest fit climbs past that are free in one
    /// union and not in another: at 100,000 buffers, tens on networks with a thousand buffers live at once, a few
    /// hundred on random lifespans with a thousand, thousands with ten thousand. Null when the budget ran out first.
    /// </summary>
    public static Solution? Solve(Problem problem, FirstFitOrder order, long workBudget) => Solve(problem, order, workBudget, out _);

    /// <summary>
    /// As <see cref="Solve(Problem, FirstFitOrder, long)"/>, and <paramref name="work"/> is the work done (the whole
    /// budget and a little more when it ran out), so that callers running several orders can share one budget.
    /// </summary>
    public static Solution? Solve(Problem problem, FirstFitOrder order, long workBudget, out long work)
    {
        ArgumentNullException.ThrowIfNull(problem);
        work = 0;
        var buffers = problem.Buffers;
        int n = buffers.Count;
        var offsets = new long[n];
        if (n == 0) return Solution.FromOffsets(problem, offsets);
        var steps = StepPoints.Of(buffers);
        var tree = new PlacedRanges(steps.Length - 1);
        foreach (int b in PlacementOrder(buffers, order))
        {
            var buffer = buffers[b];
            // A buffer of no bytes occupies nothing; it stays at its fixed offset or 0.
            if (buffer.Size == 0)
            {
                offsets[b] = buffer.Offset ?? 0;
                continue;
            }
            int first = steps.AsSpan().BinarySearch(buffer.Lifespan.Lower);
            int end = steps.AsSpan().BinarySearch(buffer.Lifespan.Upper);
            Debug.Assert(first >= 0 && end > first, "every lifespan's ends are step points, the lower one first");
            long offset = buffer.Offset ?? tree.LowestFit(first, end, buffer.Size, buffer.Alignment);
            work = tree.Lookups;
            if (work > workBudget) return null;
            tree.Add(first, end, offset, offset + buffer.Size);
            offsets[b] = offset;
        }
        return Solution.FromOffsets(problem, offsets);
    }

    // Fixed buffers first (in index order), then by decreasing size (or size class), equal ones by first step, then index.
    private static int[] PlacementOrder(IReadOnlyList<Buffer> buffers, FirstFitOrder order)
    {
        var keys = new long[buffers.Count];
        for (int b = 0; b < keys.Length; b++)
        {
            long size = buffers[b].Size;
            keys[b] = buffers[b].Offset is not null ? long.MaxValue
                : order == FirstFitOrder.SizeClass ? (size == 0 ? 0 : 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)size)))
                : size;
        }
        var placement = new OrderKey[buffers.Count];
        for (int b = 0; b < placement.Length; b++)
        {
            placement[b] = new OrderKey(~keys[b], keys[b] == long.MaxValue ? 0 : buffers[b].Lifespan.Lower, 0, b);
        }
        return OrderKey.Sorted(placement);
    }

    /// <summary>The segment tree of placed buffers (see the remarks above).</summary>
    private sealed class PlacedRanges
    {
        private readonly int _leaves;
        private readonly IntervalUnion[] _covering;
        private readonly IntervalUnion[] _touching;
        private readonly List<int> _canonical = new(64);
        private readonly List<int> _paths = new(64);
        private readonly List<int> _blocking = new(128);
        private long[] _freeUntil = new long[128]; // per union of _blocking: where its next range above the offset starts
        private int[] _from = new int[128]; // per union of _blocking: the index its last lookup ended at

        public PlacedRanges(int stepRanges)
        {
            _leaves = 1;
            while (_leaves < stepRanges) _leaves *= 2;
            _covering = new IntervalUnion[2 * _leaves];
            _touching = new IntervalUnion[2 * _leaves];
        }

        /// <summary>Lookups of a union made so far: the work done, which the caller may bound.</summary>
        public long Lookups { get; private set; }

        // The lowest aligned offset at which [offset, offset + size) is free over the step ranges [first, end). The
        // unions are visited in turn, each raising the offset above whatever of it blocks; the offset only rises,
        // and once every union in a row has let it stand, it is free in all of them. A union that let an offset
        // stand is free up to where its next range starts: while the raised block still ends below that, the union
        // is passed without a lookup. So the lookups follow the raises, not the raises times the unions (a fit
        // that climbs past many holes of one union no longer asks every other union again at each hole), and each
        // lookup resumes where that union's last one ended (a galloping search), since the offset only rises.
        // Measured at 100,000 buffers with a thousand random lifespans live, by size class: 292 lookups a buffer
        // instead of 925.
        public long LowestFit(int first, int end, long size, long alignment)
        {
            Decompose(first, end);
            // Only the unions holding something can block; most nodes on the paths cover no buffer.
            _blocking.Clear();
            foreach (int node in _canonical) if (_touching[node].Count > 0) _blocking.Add(node);
            int touching = _blocking.Count;
            foreach (int node in _paths) if (_covering[node].Count > 0) _blocking.Add(node);
            int unions = _blocking.Count;
            if (_freeUntil.Length < unions) _freeUntil = new long[Math.Max(unions, 2 * _freeUntil.Length)];
            // Nothing is known free yet; -1 is below every block's end.
            Array.Fill(_freeUntil, -1, 0, unions);
            if (_from.Length < unions) _from = new int[_freeUntil.Length];
            Array.Clear(_from, 0, unions);
            long x = 0;
            for (int i = 0, standing = 0; standing < unions; i = i + 1 == unions ? 0 : i + 1)
            {
                if (x + size <= _freeUntil[i])
                {
                    standing++;
                    continue;
                }
                ref readonly var union = ref i < touching ? ref _touching[_blocking[i]] : ref _covering[_blocking[i]];
                Lookups++;
                long raised = union.LowestFree(x, size, alignment, ref _from[i], out _freeUntil[i]);
                standing = raised != x ? 1 : standing + 1;
                x = raised;
            }
            return x;
        }

        public void Add(int first, int end, long lower, long upper)
        {
            Decompose(first, end);
            foreach (int node in _canonical)
            {
                _covering[node].Add(lower, upper);
                _touching[node].Add(lower, upper);
            }
            foreach (int node in _paths) _touching[node].Add(lower, upper);
        }

        // The canonical nodes of [first, end), and every node on the paths from its first and last leaf to the root.
        private void Decompose(int first, int end)
        {
            _canonical.Clear();
            _paths.Clear();
            for (int low = first + _leaves, high = end + _leaves; low < high; low >>= 1, high >>= 1)
            {
                if ((low & 1) == 1) _canonical.Add(low++);
                if ((high & 1) == 1) _canonical.Add(--high);
            }
            int left = first + _leaves, right = end - 1 + _leaves;
            while (left != right)
            {
                _paths.Add(left);
                _paths.Add(right);
                left >>= 1;
                right >>= 1;
            }
            for (; left >= 1; left >>= 1) _paths.Add(left);
        }
    }
}
