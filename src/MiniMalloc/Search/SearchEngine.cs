using System.Diagnostics;
using System.Runtime.CompilerServices;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// The depth-first search of the paper over canonical solutions, for one problem at one capacity. Every change
/// to the search state is recorded on an undo trail and reverted on backtrack; orderings live in one arena that
/// grows and shrinks with the depth, so a search node allocates nothing.
/// </summary>
/// <remarks>
/// The control flow follows the reference implementation step by step (node budget and time check, ordering,
/// candidate filters, placement, inference check, decomposition, undo, hatless break) so that with the same
/// orderings and tie-breaks it visits the same nodes and counts the same backtracks. Each technique of the paper
/// is marked with its name where it acts.
/// </remarks>
internal sealed class SearchEngine
{
    private const long NoOffset = -1;
    private const int StopCheckInterval = 512;

    private readonly long _capacity;
    private readonly long[] _size;
    private readonly long[] _alignment;
    private readonly long[] _fixed;
    private readonly long[] _lower;
    private readonly long[] _upper;
    private readonly int[] _firstSection;
    private readonly int[] _lastSection;
    private readonly SectionSpan[][] _spans;
    private readonly Overlap[][] _overlaps;
    private readonly int[][] _sections;
    private readonly Partition[] _partitions;

    private readonly bool _canonicalOnly;
    private readonly bool _sectionInference;
    private readonly bool _dynamicOrdering;
    private readonly bool _checkDominance;
    private readonly bool _unallocatedFloor;
    private readonly bool _staticPreordering;
    private readonly bool _dynamicDecomposition;
    private readonly bool _monotonicFloor;
    private readonly bool _hatlessPruning;

    private readonly long[] _offsets;
    private readonly long[] _minOffsets;
    private readonly long[] _solution;
    private readonly long[] _floor;
    private readonly long[] _total;
    private readonly int[] _cuts;

    // Unallocated floor without rescanning sections: the sections whose floor may rise are those of the buffers
    // whose min offset rose (marked with a difference array); walking the child's ordering in increasing min
    // offset, each buffer "paints" the still-unpainted marked sections it spans, skipped with a union-find, so
    // that every marked section gets its lowest unplaced min offset in O(buffers + sections).
    private readonly int[] _coverDelta;

    // Check in O(b's sections) instead of O(sections): with the monotonic floor and section inference, a
    // candidate fails when max over sections of max(offset, floor) + total exceeds the capacity. Only b's own
    // sections change (and those the unallocated floor raises), so the node keeps exclusive prefix and suffix
    // maxima of floor + total and of total over its sections, rebuilt when a child has changed them.
    private readonly bool _fastCheck;
    private readonly long[] _prefixFloorTotal;
    private readonly long[] _suffixFloorTotal;
    private readonly long[] _prefixTotal;
    private readonly long[] _suffixTotal;
    private readonly int[] _nextOpen;
    private bool _anyAffected;

    private readonly ValueStack<Change> _offsetTrail = new(256);
    private readonly ValueStack<Change> _floorTrail = new(1024);
    private readonly ValueStack<OrderEntry> _orderings = new(1024);
    private readonly ValueStack<int> _cutpoints = new(64);

    private readonly StopCondition _stop;
    private PreorderingComparer _comparer;
    private long _nodesRemaining;
    private int _stopCountdown = 1;

    public SearchEngine(Problem problem, SweepResult sweep, SolverOptions options, StopCondition stop)
    {
        var buffers = problem.Buffers;
        int n = buffers.Count;
        _capacity = problem.Capacity;
        _stop = stop;
        _spans = sweep.Spans;
        _overlaps = sweep.Overlaps;
        _sections = sweep.Sections;
        _partitions = sweep.Partitions;

        _canonicalOnly = options.CanonicalOnly;
        _sectionInference = options.SectionInference;
        _dynamicOrdering = options.DynamicOrdering;
        _checkDominance = options.CheckDominance;
        _unallocatedFloor = options.UnallocatedFloor;
        _staticPreordering = options.StaticPreordering;
        _dynamicDecomposition = options.DynamicDecomposition;
        _monotonicFloor = options.MonotonicFloor;
        _hatlessPruning = options.HatlessPruning;

        _size = new long[n];
        _alignment = new long[n];
        _fixed = new long[n];
        _lower = new long[n];
        _upper = new long[n];
        _firstSection = new int[n];
        _lastSection = new int[n];
        _offsets = new long[n];
        _minOffsets = new long[n];
        _solution = new long[n];
        int sectionCount = _sections.Length;
        _floor = new long[sectionCount];
        _total = new long[sectionCount];
        _coverDelta = new int[sectionCount + 1];
        _fastCheck = _monotonicFloor && _sectionInference;
        if (_fastCheck)
        {
            _prefixFloorTotal = new long[sectionCount + 1];
            _suffixFloorTotal = new long[sectionCount + 1];
            _prefixTotal = new long[sectionCount + 1];
            _suffixTotal = new long[sectionCount + 1];
        }
        else
        {
            _prefixFloorTotal = _suffixFloorTotal = _prefixTotal = _suffixTotal = [];
        }
        _nextOpen = new int[sectionCount + 1];
        for (int b = 0; b < n; b++)
        {
            var buffer = buffers[b];
            _size[b] = buffer.Size;
            _alignment[b] = buffer.Alignment;
            _fixed[b] = buffer.Offset ?? NoOffset;
            _lower[b] = buffer.Lifespan.Lower;
            _upper[b] = buffer.Lifespan.Upper;
            _offsets[b] = NoOffset;
            _solution[b] = NoOffset;
            _minOffsets[b] = buffer.Offset ?? 0;
            var spans = _spans[b];
            _firstSection[b] = spans[0].Lower;
            _lastSection[b] = spans[^1].Upper;
            foreach (var span in spans)
            {
                for (int s = span.Lower; s < span.Upper; s++) _total[s] += span.Window.Size;
            }
        }
        _cuts = sweep.CalculateCuts();
    }

    public long Nodes { get; private set; }

    public long Backtracks { get; private set; }

    /// <summary>The heuristic of the attempt that decided the question, if any did.</summary>
    public string? Heuristic { get; private set; }

    /// <summary>Runs the search with the given heuristics (round robin when there are several).</summary>
    public SearchOutcome Run(IReadOnlyList<string> heuristics)
    {
        if (_size.Length == 0) return SearchOutcome.Found;
        if (heuristics.Count == 1)
        {
            _comparer = new PreorderingComparer(heuristics[0]);
            _nodesRemaining = long.MaxValue;
            var outcome = SolvePartitions();
            if (outcome != SearchOutcome.Stopped) Heuristic = heuristics[0];
            return outcome;
        }
        // Round robin: a small node budget first, in the hope that one heuristic fits the instance and finishes
        // quickly, doubled every round so that the search stays complete.
        long limit = _size.Length;
        while (true)
        {
            if (limit < long.MaxValue / 4) limit *= 2;
            foreach (var heuristic in heuristics)
            {
                _comparer = new PreorderingComparer(heuristic);
                _nodesRemaining = limit;
                var outcome = SolvePartitions();
                if (outcome == SearchOutcome.BudgetExhausted) continue;
                if (outcome != SearchOutcome.Stopped) Heuristic = heuristic;
                return outcome;
            }
        }
    }

    /// <summary>The offsets found by the last successful <see cref="Run"/>.</summary>
    public long[] SolutionOffsets => _solution;

    private SearchOutcome SolvePartitions()
    {
        foreach (var partition in _partitions)
        {
            var outcome = SubSolve(new SubProblem(partition.BufferIndices, partition.SectionLower, partition.SectionUpper));
            if (outcome != SearchOutcome.Found) return outcome;
        }
        return SearchOutcome.Found;
    }

    // Static preordering: sorts the sub-problem's buffers by the current heuristic, then searches it.
    private SearchOutcome SubSolve(SubProblem sub)
    {
        var buffers = sub.Buffers;
        int k = buffers.Length;
        var keys = new PreorderKey[k];
        for (int i = 0; i < k; i++)
        {
            int b = buffers[i];
            long total = 0;
            foreach (var span in _spans[b])
            {
                for (int s = span.Lower; s < span.Upper; s++) total = Math.Max(total, _total[s]);
            }
            keys[i] = new PreorderKey
            {
                Area = _size[b] * (_upper[b] - _lower[b]),
                Lower = _lower[b],
                Overlaps = _overlaps[b].Length,
                Sections = _lastSection[b] - _firstSection[b],
                Size = _size[b],
                Total = total,
                Upper = _upper[b],
                Width = _upper[b] - _lower[b],
                Buffer = b,
            };
        }
        if (_staticPreordering) keys.AsSpan().Sort(_comparer);
        var order = new int[k];
        for (int i = 0; i < k; i++) order[i] = keys[i].Buffer;
        sub.Order = order;

        int start = _orderings.Count;
        var arena = _orderings.Reserve(k);
        for (int i = 0; i < k; i++) arena[start + i] = new OrderEntry(_minOffsets[order[i]], i);
        _orderings.SetCount(start + k);
        if (_dynamicOrdering) arena.AsSpan(start, k).Sort(static (x, y) => Precedes(x, y) ? -1 : Precedes(y, x) ? 1 : 0);
        var outcome = Search(sub, start, k, 0, 0);
        _orderings.Truncate(start);
        return outcome;
    }

    // One node. Its ordering (the unplaced buffers by min offset and preorder index) was computed by the caller
    // and lies at [start, start + count) on top of the arena.
    private SearchOutcome Search(SubProblem sub, int start, int count, long minOffset, int minPreorder)
    {
        if (_nodesRemaining <= 0)
        {
            _orderings.Truncate(start);
            return SearchOutcome.BudgetExhausted;
        }
        --_nodesRemaining;
        Nodes++;
        if (--_stopCountdown <= 0)
        {
            _stopCountdown = StopCheckInterval;
            if (_stop.ShouldStop())
            {
                _orderings.Truncate(start);
                return SearchOutcome.Stopped;
            }
        }

        if (count == 0)
        {
            foreach (int b in sub.Buffers) _solution[b] = _offsets[b];
            _orderings.Truncate(start);
            return SearchOutcome.Found;
        }

        // Dominance check: no buffer may be placed at or above the lowest top of any unplaced buffer, which could
        // otherwise fill the hole below it.
        long minHeight = long.MaxValue;
        if (_checkDominance)
        {
            var entries = _orderings.Items;
            for (int i = start; i < start + count; i++)
            {
                long top = entries[i].Offset + _size[sub.Order[entries[i].Preorder]];
                if (top < minHeight) minHeight = top;
            }
        }

        bool boundsValid = false;
        // With a sorted ordering, the candidates that the canonical rule skips form a prefix (found by bisection)
        // and those that the dominance check skips a suffix: the loop visits only the window between them.
        int first = _dynamicOrdering && _canonicalOnly ? FirstCanonical(start, count, minOffset, minPreorder) : 0;
        for (int i = first; i < count; i++)
        {
            // Re-read the arena every time: deeper nodes may have grown (moved) it.
            var entry = _orderings.Items[start + i];
            long offset = entry.Offset;
            int b = sub.Order[entry.Preorder];
            // Canonical solutions only: placements in non-decreasing (offset, preorder index).
            if (_canonicalOnly && (offset < minOffset || (offset == minOffset && entry.Preorder < minPreorder))) continue;
            if (_checkDominance && offset >= minHeight)
            {
                if (_dynamicOrdering) break;
                continue;
            }
            if (_fixed[b] != NoOffset && offset > _fixed[b]) continue;

            bool fast = _fastCheck && _spans[b].Length == 1;
            if (fast && !boundsValid)
            {
                ComputeBounds(sub);
                boundsValid = true;
            }
            _offsets[b] = offset;
            int offsetMark = _offsetTrail.Count;
            int floorMark = _floorTrail.Count;
            int childStart = start + count;
            bool fixedFailure = false;
            bool hatless = UpdateMinOffsets(b, offset, ref fixedFailure);
            long inside = UpdateSectionData(b, offset);
            var outcome = SearchOutcome.NotFound;
            // The unallocated floor only raises floors, so a check without it that fails would fail with it too:
            // check first, and pay for the floor (which needs the child's ordering) only when the cheap check passes.
            if (!fixedFailure && offset + _size[b] <= _capacity
                && (fast ? FastCheck(_spans[b][0], offset, inside) : Check(sub, offset)))
            {
                int childCount = -1;
                bool consistent = true;
                if (_unallocatedFloor && _anyAffected)
                {
                    long raised = long.MinValue;
                    if (_dynamicOrdering)
                    {
                        childCount = ComputeOrdering(sub, start, count, childStart);
                        raised = PaintUnallocatedFloor(sub, childStart, childCount, offset);
                    }
                    else
                    {
                        ScanUnallocatedFloor(sub);
                    }
                    consistent = fast && _dynamicOrdering ? raised <= _capacity : Check(sub, offset);
                }
                else if (_anyAffected)
                {
                    ClearAffected(sub);
                }
                if (consistent)
                {
                    if (childCount < 0) childCount = ComputeOrdering(sub, start, count, childStart);
                    outcome = _dynamicDecomposition
                        ? Decompose(sub, childStart, childCount, offset, entry.Preorder, b)
                        : Search(sub, childStart, childCount, offset, entry.Preorder);
                    boundsValid = false;
                }
            }
            else if (_anyAffected)
            {
                ClearAffected(sub);
            }
            _orderings.Truncate(childStart);
            RestoreSectionData(b, floorMark);
            RestoreMinOffsets(offsetMark);
            _offsets[b] = NoOffset;
            if (outcome != SearchOutcome.NotFound)
            {
                _orderings.Truncate(start);
                return outcome;
            }
            // Hatless pruning: nothing unplaced lies over this buffer, so no other choice here can do better. Only
            // sound when candidates come in min-offset order: without dynamic ordering a later candidate may sit lower.
            if (hatless && _hatlessPruning && _dynamicOrdering) break;
        }
        Backtracks++;
        _orderings.Truncate(start);
        return SearchOutcome.NotFound;
    }

    // Dynamic ordering: the unplaced buffers of the parent's ordering, with their current min offsets, sorted by
    // (min offset, preorder index). The parent's ordering is sorted and only some min offsets rose, so an
    // insertion sort does little work.
    private int ComputeOrdering(SubProblem sub, int parentStart, int parentCount, int start)
    {
        var arena = _orderings.Reserve(parentCount);
        var order = sub.Order;
        int count = 0;
        for (int i = parentStart; i < parentStart + parentCount; i++)
        {
            int preorder = arena[i].Preorder;
            int b = order[preorder];
            if (_offsets[b] != NoOffset) continue;
            arena[start + count++] = new OrderEntry(_minOffsets[b], preorder);
        }
        _orderings.SetCount(start + count);
        if (_dynamicOrdering) InsertionSort(arena, start, count);
        return count;
    }

    // The index (relative to start) of the first entry not before (minOffset, minPreorder) in the sorted ordering.
    private int FirstCanonical(int start, int count, long minOffset, int minPreorder)
    {
        var entries = _orderings.Items;
        var bound = new OrderEntry(minOffset, minPreorder);
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Precedes(entries[start + mid], bound)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Precedes(in OrderEntry a, in OrderEntry b)
        => a.Offset < b.Offset || (a.Offset == b.Offset && a.Preorder < b.Preorder);

    private static void InsertionSort(OrderEntry[] items, int start, int count)
    {
        int end = start + count;
        for (int i = start + 1; i < end; i++)
        {
            var item = items[i];
            int j = i - 1;
            if (!Precedes(item, items[j])) continue;
            while (j >= start && Precedes(item, items[j]))
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = item;
        }
    }

    // Raises the min offsets of unplaced buffers overlapping b; returns true when there were none (b is "hatless").
    // With the unallocated floor on, the sections of every buffer whose min offset rose are marked as affected.
    private bool UpdateMinOffsets(int b, long offset, ref bool fixedFailure)
    {
        bool hatless = true;
        _anyAffected = false;
        foreach (var overlap in _overlaps[b])
        {
            int other = overlap.BufferIndex;
            if (_offsets[other] != NoOffset) continue;
            hatless = false;
            long height = offset + overlap.EffectiveSize;
            if (_minOffsets[other] >= height) continue;
            _offsetTrail.Push(new Change(other, _minOffsets[other]));
            long alignment = _alignment[other];
            long remainder = height % alignment;
            if (remainder > 0) height += alignment - remainder;
            _minOffsets[other] = height;
            if (_fixed[other] != NoOffset && height > _fixed[other]) fixedFailure = true;
            if (!_unallocatedFloor) continue;
            _anyAffected = true;
            foreach (var span in _spans[other])
            {
                _coverDelta[span.Lower]++;
                _coverDelta[span.Upper]--;
            }
        }
        return hatless;
    }

    private void RestoreMinOffsets(int mark)
    {
        var trail = _offsetTrail.Items;
        for (int i = _offsetTrail.Count - 1; i >= mark; i--) _minOffsets[trail[i].Index] = trail[i].Value;
        _offsetTrail.Truncate(mark);
    }

    // Section inference bookkeeping: b's sections get b's top as their floor and lose b's bytes from their total;
    // the unallocated floor then raises each affected section's floor to its lowest unplaced min offset.
    private long UpdateSectionData(int b, long offset)
    {
        long inside = long.MinValue;
        foreach (var span in _spans[b])
        {
            long height = offset + span.Window.Upper;
            long size = span.Window.Size;
            for (int s = span.Lower; s < span.Upper; s++)
            {
                _floorTrail.Push(new Change(s, _floor[s]));
                _floor[s] = height;
                long total = _total[s] -= size;
                if (height + total > inside) inside = height + total;
            }
        }
        return inside;
    }

    private void ComputeBounds(SubProblem sub)
    {
        int lower = sub.SectionLower, upper = sub.SectionUpper;
        long floorTotal = long.MinValue, total = long.MinValue;
        for (int s = lower; s < upper; s++)
        {
            _prefixFloorTotal[s] = floorTotal;
            _prefixTotal[s] = total;
            floorTotal = Math.Max(floorTotal, _floor[s] + _total[s]);
            total = Math.Max(total, _total[s]);
        }
        floorTotal = total = long.MinValue;
        _suffixFloorTotal[upper] = floorTotal;
        _suffixTotal[upper] = total;
        for (int s = upper - 1; s >= lower; s--)
        {
            floorTotal = Math.Max(floorTotal, _floor[s] + _total[s]);
            total = Math.Max(total, _total[s]);
            _suffixFloorTotal[s] = floorTotal;
            _suffixTotal[s] = total;
        }
    }

    // Check for a buffer with one span, from the node's bounds: its own sections have floor = its top (at least the
    // offset), the others are as they were at the node, seen through the monotonic floor.
    private bool FastCheck(SectionSpan span, long offset, long inside)
    {
        if (inside > _capacity) return false;
        long outsideFloorTotal = Math.Max(_prefixFloorTotal[span.Lower], _suffixFloorTotal[span.Upper]);
        if (outsideFloorTotal > _capacity) return false;
        long outsideTotal = Math.Max(_prefixTotal[span.Lower], _suffixTotal[span.Upper]);
        return outsideTotal == long.MinValue || offset + outsideTotal <= _capacity;
    }

    // Turns the marks of the difference array into a union-find over the sub-problem's sections in which every
    // unmarked section points past itself; clears the marks.
    private int OpenAffectedSections(SubProblem sub)
    {
        int open = 0, cover = 0;
        for (int s = sub.SectionLower; s < sub.SectionUpper; s++)
        {
            cover += _coverDelta[s];
            _coverDelta[s] = 0;
            if (cover > 0)
            {
                _nextOpen[s] = s;
                open++;
            }
            else
            {
                _nextOpen[s] = s + 1;
            }
        }
        _coverDelta[sub.SectionUpper] = 0;
        _nextOpen[sub.SectionUpper] = sub.SectionUpper;
        return open;
    }

    // Forgets the affected marks when the floor they were for is not needed.
    private void ClearAffected(SubProblem sub)
    {
        Array.Clear(_coverDelta, sub.SectionLower, sub.SectionUpper - sub.SectionLower + 1);
        _anyAffected = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindOpen(int s)
    {
        var next = _nextOpen;
        int root = s;
        while (next[root] != root) root = next[root];
        while (next[s] != root)
        {
            int following = next[s];
            next[s] = root;
            s = following;
        }
        return root;
    }

    // Unallocated floor: each affected section's floor rises to the lowest min offset of its unplaced buffers,
    // found by walking the sorted child ordering and painting sections in that order.
    // Returns the largest max(offset, floor) + total over the sections it raised (long.MinValue for none).
    private long PaintUnallocatedFloor(SubProblem sub, int start, int count, long offset)
    {
        long raised = long.MinValue;
        int open = OpenAffectedSections(sub);
        var entries = _orderings.Items;
        var order = sub.Order;
        for (int i = start; i < start + count && open > 0; i++)
        {
            long lowest = entries[i].Offset;
            foreach (var span in _spans[order[entries[i].Preorder]])
            {
                for (int s = FindOpen(span.Lower); s < span.Upper; s = FindOpen(s + 1))
                {
                    _nextOpen[s] = s + 1;
                    open--;
                    if (_floor[s] < lowest)
                    {
                        _floorTrail.Push(new Change(s, _floor[s]));
                        _floor[s] = lowest;
                        long value = Math.Max(offset, lowest) + _total[s];
                        if (value > raised) raised = value;
                    }
                }
            }
        }
        return raised;
    }

    // The same without a sorted ordering (dynamic ordering switched off): scan each affected section.
    private void ScanUnallocatedFloor(SubProblem sub)
    {
        OpenAffectedSections(sub);
        for (int s = sub.SectionLower; s < sub.SectionUpper; s++)
        {
            if (_nextOpen[s] != s) continue;
            long lowest = long.MaxValue;
            foreach (int other in _sections[s])
            {
                if (_offsets[other] == NoOffset && _minOffsets[other] < lowest) lowest = _minOffsets[other];
            }
            if (lowest != long.MaxValue && _floor[s] < lowest)
            {
                _floorTrail.Push(new Change(s, _floor[s]));
                _floor[s] = lowest;
            }
        }
    }

    private void RestoreSectionData(int b, int mark)
    {
        var trail = _floorTrail.Items;
        for (int i = _floorTrail.Count - 1; i >= mark; i--) _floor[trail[i].Index] = trail[i].Value;
        _floorTrail.Truncate(mark);
        foreach (var span in _spans[b])
        {
            long size = span.Window.Size;
            for (int s = span.Lower; s < span.Upper; s++) _total[s] += size;
        }
    }

    // Section inference and monotonic floor: prune when some section cannot hold what is left in it.
    private bool Check(SubProblem sub, long offset)
    {
        var floors = _floor;
        var totals = _total;
        for (int s = sub.SectionLower; s < sub.SectionUpper; s++)
        {
            long floor = floors[s];
            if (_monotonicFloor && offset > floor) floor = offset;
            if (_sectionInference) floor += totals[s];
            if (_capacity < floor) return false;
        }
        return true;
    }

    // Dynamic temporal decomposition: when placing b leaves no unplaced buffer crossing some section boundary,
    // the rest splits into independent sub-problems, each searched on its own.
    // The child's ordering lies at [orderingStart, orderingStart + orderingCount) on top of the arena.
    private SearchOutcome Decompose(SubProblem sub, int orderingStart, int orderingCount, long offset, int preorder, int b)
    {
        _solution[b] = _offsets[b];
        int cutMark = _cutpoints.Count;
        _cutpoints.Push(sub.SectionLower);
        int first = _firstSection[b], last = _lastSection[b];
        for (int s = first; s + 1 < last; s++)
        {
            if (--_cuts[s] == 0) _cutpoints.Push(s + 1);
        }
        var outcome = SearchOutcome.Found;
        if (_cutpoints.Count - cutMark == 1)
        {
            outcome = Search(sub, orderingStart, orderingCount, offset, preorder);
        }
        else
        {
            _orderings.Truncate(orderingStart);
            _cutpoints.Push(sub.SectionUpper);
            for (int c = cutMark + 1; c < _cutpoints.Count; c++)
            {
                int lower = _cutpoints.Items[c - 1], upper = _cutpoints.Items[c];
                var members = new List<int>();
                foreach (int other in sub.Buffers)
                {
                    if (_offsets[other] != NoOffset) continue;
                    if (_lastSection[other] <= lower || upper <= _firstSection[other]) continue;
                    members.Add(other);
                }
                if (members.Count == 0) continue;
                outcome = SubSolve(new SubProblem([.. members], lower, upper));
                if (outcome != SearchOutcome.Found) break;
            }
        }
        for (int s = first; s + 1 < last; s++) ++_cuts[s];
        _cutpoints.Truncate(cutMark);
        return outcome;
    }
}
