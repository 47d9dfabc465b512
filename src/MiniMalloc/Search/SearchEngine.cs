using System.Runtime.CompilerServices;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// The depth-first search of the paper over canonical solutions, for one problem at one capacity. Every change
/// to the search state is recorded on an undo trail and reverted on backtrack; orderings live in one arena that
/// grows and shrinks with the depth, and the search's frames live on an explicit stack, so a search node allocates
/// nothing and the depth is limited by memory, not by the thread's stack.
/// </summary>
/// <remarks>
/// The control flow follows the reference implementation step by step (node budget and time check, ordering,
/// candidate filters, placement, inference check, decomposition, undo, hatless break) so that with the same
/// orderings and tie-breaks it visits the same nodes and counts the same backtracks. Each technique of the paper
/// is marked with its name where it acts. Work that cannot change the outcome is skipped: a candidate that the
/// inference check would reject is rejected before it is placed, and a section whose floor cannot rise is not
/// visited by the unallocated floor.
/// </remarks>
internal sealed class SearchEngine
{
    private const long NoOffset = -1;
    private const int StopCheckInterval = (int)StopCondition.NodesPerPoll;
    private const int MinTreeSize = 8;
    private const long TreeSparsity = 32;

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

    // Buffer → its preorder index in the sub-problem that currently owns it.
    private readonly int[] _preorderOf;

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

    // The buffers whose min offset the placement in hand raised, as child-ordering entries sorted by
    // (new min offset, preorder index): merged with the parent's ordering they give the child's, without a sort.
    private OrderEntry[] _raised = new OrderEntry[64];
    private int _raisedCount;
    private long _raisedHighest;

    // Large sub-problems (more buffers than the threshold, with dynamic ordering) keep their ordering in an
    // OrderingTree and query section maxima from a segment tree; the sections that a placement may raise are
    // listed (deduplicated by a stamp) instead of marked over the whole sub-problem.
    private readonly int _incrementalThreshold;
    private SectionMaxima? _maxima;
    private readonly int[] _sectionStamp;
    private int _stamp;
    private readonly ValueStack<int> _affected = new(64);

    // Scratch for sorting a new sub-problem's buffers and for collecting a piece's members.
    private PreorderKey[] _keys = [];
    private readonly ValueStack<int> _members = new(64);

    private readonly ValueStack<Change> _offsetTrail = new(256);
    private readonly ValueStack<Change> _floorTrail = new(1024);
    private readonly ValueStack<OrderEntry> _orderings = new(1024);
    private readonly ValueStack<int> _cutpoints = new(64);
    private readonly ValueStack<SearchFrame> _frames = new(64);

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
        _incrementalThreshold = options.DynamicOrdering ? options.IncrementalThreshold : int.MaxValue;

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
        _preorderOf = new int[n];
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
        _sectionStamp = new int[sectionCount];
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

    /// <summary>
    /// Runs the search with the given heuristics (round robin when there are several), from attempt
    /// <paramref name="firstAttempt"/> of the round robin on.
    /// </summary>
    public SearchOutcome Run(IReadOnlyList<string> heuristics, int firstAttempt = 0)
    {
        // Round robin: a small node budget first, in the hope that one heuristic fits the instance and finishes
        // quickly, doubled every round so that the search stays complete.
        var schedule = new RoundRobinSchedule(heuristics, _size.Length);
        for (int attempt = firstAttempt; ; attempt++)
        {
            var outcome = RunAttempt(schedule.Heuristic(attempt), schedule.Budget(attempt));
            if (outcome != SearchOutcome.BudgetExhausted) return outcome;
        }
    }

    /// <summary>One attempt of the round robin: the search with one heuristic and a node budget.</summary>
    public SearchOutcome RunAttempt(string heuristic, long budget)
    {
        if (_size.Length == 0) return SearchOutcome.Found;
        _comparer = new PreorderingComparer(heuristic);
        _nodesRemaining = budget;
        var outcome = SolvePartitions();
        if (outcome is SearchOutcome.Found or SearchOutcome.NotFound) Heuristic = heuristic;
        return outcome;
    }

    /// <summary>The offsets found by the last successful <see cref="Run"/> or <see cref="RunAttempt"/>.</summary>
    public long[] SolutionOffsets => _solution;

    private SearchOutcome SolvePartitions()
    {
        foreach (var partition in _partitions)
        {
            PushSubProblem(new SubProblem(partition.BufferIndices, partition.SectionLower, partition.SectionUpper));
            var outcome = RunFrames();
            if (outcome != SearchOutcome.Found) return outcome;
        }
        return SearchOutcome.Found;
    }

    // ---- the explicit stack -----------------------------------------------------------------------------------

    // Runs frames until the stack is empty; returns the outcome of the bottom frame. A step either pushes a child
    // frame (and the loop runs it) or pops its own frame and hands its outcome to the frame below.
    private SearchOutcome RunFrames()
    {
        SearchOutcome? returned = null;
        while (_frames.Count > 0)
        {
            int f = _frames.Count - 1;
            SearchOutcome? finished = _frames.Items[f].Kind == FrameKind.Node
                ? returned is { } childOutcome ? ResumeNode(f, childOutcome) : EnterNode(f)
                : NextPiece(f, returned);
            returned = finished;
            if (finished is not null) PopFrame(f);
        }
        return returned ?? SearchOutcome.Found;
    }

    private void PopFrame(int f)
    {
        ref var frame = ref _frames.Items[f];
        if (frame.Kind == FrameKind.Node)
        {
            _orderings.Truncate(frame.Start);
            if (frame.OwnsSub) ReleaseSubProblem(frame.Sub);
        }
        frame.Sub = null!;
        _frames.Truncate(f);
    }

    private void PushNode(SubProblem sub, int start, int count, long minOffset, int minPreorder, bool ownsSub)
    {
        _frames.Push(new SearchFrame
        {
            Kind = FrameKind.Node,
            Sub = sub,
            OwnsSub = ownsSub,
            Start = start,
            Count = count,
            MinOffset = minOffset,
            MinPreorder = minPreorder,
        });
    }

    // Static preordering: sorts the sub-problem's buffers by the current heuristic and pushes its root node, whose
    // ordering (every buffer at its min offset) goes on top of the arena.
    private void PushSubProblem(SubProblem sub)
    {
        var buffers = sub.Buffers;
        int k = buffers.Length;
        if (_keys.Length < k) _keys = new PreorderKey[Math.Max(k, 2 * _keys.Length)];
        var keys = _keys;
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
        if (_staticPreordering) keys.AsSpan(0, k).Sort(_comparer);
        var order = new int[k];
        var sizes = new long[k];
        var saved = new int[k];
        for (int i = 0; i < k; i++)
        {
            int b = keys[i].Buffer;
            order[i] = b;
            sizes[i] = _size[b];
            saved[i] = _preorderOf[b];
            _preorderOf[b] = i;
        }
        sub.Order = order;
        sub.SizeByPreorder = sizes;
        sub.SavedPreorder = saved;

        int start = _orderings.Count;
        if (UsesTree(sub))
        {
            // The maxima are exact over a tree sub-problem's sections while it runs: read afresh when it starts,
            // kept in step by its placements, and read again where a sub-problem without a tree (which changes
            // only the arrays) ends (see ReleaseSubProblem).
            _maxima ??= new SectionMaxima(_floor, _total);
            _maxima.Refresh(sub.SectionLower, sub.SectionUpper, _floor, _total);
            var tree = new OrderingTree(sizes);
            for (int i = 0; i < k; i++) tree.Insert(i, _minOffsets[order[i]]);
            sub.Tree = tree;
            PushNode(sub, start, 0, 0, 0, ownsSub: true);
            return;
        }
        var arena = _orderings.Reserve(k);
        for (int i = 0; i < k; i++) arena[start + i] = new OrderEntry(_minOffsets[order[i]], i);
        _orderings.SetCount(start + k);
        if (_dynamicOrdering) arena.AsSpan(start, k).Sort(static (x, y) => Precedes(x, y) ? -1 : Precedes(y, x) ? 1 : 0);
        PushNode(sub, start, k, 0, 0, ownsSub: true);
    }

    // A fresh ordering and the prefix and suffix maxima cost O(k + sections) per node; the tree and the section
    // maxima cost O(log) per buffer a placement raises, about the number of unplaced buffers each one overlaps.
    // So the tree pays off on sub-problems that are large, or span many sections, against that number: a sparse
    // network, or a piece of one whose sections are mostly filled already, yes; the dense published benchmarks,
    // no (they run two to four times slower with it).
    private bool UsesTree(SubProblem sub)
    {
        var buffers = sub.Buffers;
        int k = buffers.Length;
        if (_incrementalThreshold >= 0) return k > _incrementalThreshold;
        if (_incrementalThreshold == SolverOptions.MixedRepresentations) return ((sub.SectionLower * 31 + sub.SectionUpper) & 1) == 0;
        if (!_dynamicOrdering || k <= MinTreeSize) return false;
        // Only unplaced neighbours can be raised: a piece's long-lived buffers overlap many placed ones.
        long degrees = 0;
        foreach (int b in buffers)
        {
            foreach (var overlap in _overlaps[b])
            {
                if (_offsets[overlap.BufferIndex] == NoOffset) degrees++;
            }
        }
        long perNode = k + (sub.SectionUpper - sub.SectionLower);
        return perNode * k > TreeSparsity * degrees;
    }

    private void ReleaseSubProblem(SubProblem sub)
    {
        if (sub.Tree is null) _maxima?.Refresh(sub.SectionLower, sub.SectionUpper, _floor, _total);
        if (sub.SavedPreorder is not { } saved) return;
        var order = sub.Order;
        for (int i = 0; i < order.Length; i++) _preorderOf[order[i]] = saved[i];
    }

    // ---- a node -----------------------------------------------------------------------------------------------

    // A node's first step. Its ordering (the unplaced buffers by min offset and preorder index) was computed by
    // its parent and lies at [Start, Start + Count) on top of the arena.
    private SearchOutcome? EnterNode(int f)
    {
        ref var frame = ref _frames.Items[f];
        if (_nodesRemaining <= 0) return SearchOutcome.BudgetExhausted;
        --_nodesRemaining;
        Nodes++;
        if (--_stopCountdown <= 0)
        {
            _stopCountdown = StopCheckInterval;
            if (_stop.ShouldStop()) return SearchOutcome.Stopped;
        }
        var sub = frame.Sub;
        int start = frame.Start, count = frame.Count;
        if (sub.Tree is { } tree)
        {
            if (tree.IsEmpty) return Leaf(sub);
            frame.MinHeight = _checkDominance ? tree.MinTop : long.MaxValue;
            frame.Next = _canonicalOnly ? tree.LowerBound(frame.MinOffset, frame.MinPreorder) : tree.LowerBound(long.MinValue, 0);
            return NextCandidateInTree(f);
        }
        if (count == 0) return Leaf(sub);

        // Dominance check: no buffer may be placed at or above the lowest top of any unplaced buffer, which could
        // otherwise fill the hole below it.
        long minHeight = long.MaxValue;
        if (_checkDominance)
        {
            var entries = _orderings.Items;
            var sizes = sub.SizeByPreorder;
            for (int i = start; i < start + count; i++)
            {
                long top = entries[i].Offset + sizes[entries[i].Preorder];
                if (top < minHeight) minHeight = top;
            }
        }
        frame.MinHeight = minHeight;
        frame.BoundsValid = false;
        // With a sorted ordering, the candidates that the canonical rule skips form a prefix (found by bisection)
        // and those that the dominance check skips a suffix: the loop visits only the window between them.
        frame.Next = _dynamicOrdering && _canonicalOnly ? FirstCanonical(start, count, frame.MinOffset, frame.MinPreorder) : 0;
        return NextCandidate(f);
    }

    private SearchOutcome Leaf(SubProblem sub)
    {
        foreach (int b in sub.Buffers) _solution[b] = _offsets[b];
        return SearchOutcome.Found;
    }

    // A child frame of node f returned: undo the placement it was searching, then go on with the next candidate.
    private SearchOutcome? ResumeNode(int f, SearchOutcome childOutcome)
    {
        ref var frame = ref _frames.Items[f];
        int b = frame.Buffer;
        if (frame.Decomposed) RestoreCuts(b, frame.CutMark);
        if (frame.Sub.Tree is { } tree)
        {
            int id = _preorderOf[b];
            UndoInTree(tree, b, id, frame.FloorMark, frame.OffsetMark);
            if (childOutcome != SearchOutcome.NotFound) return childOutcome;
            if (frame.Hatless && _hatlessPruning) return Backtrack();
            frame.Next = tree.Successor(id);
            return NextCandidateInTree(f);
        }
        _orderings.Truncate(frame.Start + frame.Count);
        RestoreSectionData(b, frame.FloorMark);
        RestoreMinOffsets(frame.OffsetMark);
        _offsets[b] = NoOffset;
        // The child computed its own bounds into the shared arrays.
        frame.BoundsValid = false;
        if (childOutcome != SearchOutcome.NotFound) return childOutcome;
        // Hatless pruning: nothing unplaced lies over this buffer, so no other choice here can do better. Only
        // sound when candidates come in min-offset order: without dynamic ordering a later candidate may sit lower.
        if (frame.Hatless && _hatlessPruning && _dynamicOrdering) return Backtrack();
        return NextCandidate(f);
    }

    private SearchOutcome Backtrack()
    {
        Backtracks++;
        return SearchOutcome.NotFound;
    }

    // The candidate loop of node f from its Next candidate: returns null after pushing a child frame for a
    // consistent placement, or the node's outcome when no candidate is left.
    private SearchOutcome? NextCandidate(int f)
    {
        ref var frame = ref _frames.Items[f];
        var sub = frame.Sub;
        var order = sub.Order;
        int start = frame.Start, count = frame.Count;
        long minOffset = frame.MinOffset, minHeight = frame.MinHeight;
        int minPreorder = frame.MinPreorder;
        int childStart = start + count;
        for (int i = frame.Next; i < count; i++)
        {
            // Re-read the arena every time: a child's ordering may have grown (moved) it.
            var entry = _orderings.Items[start + i];
            long offset = entry.Offset;
            int b = order[entry.Preorder];
            // Canonical solutions only: placements in non-decreasing (offset, preorder index).
            if (_canonicalOnly && (offset < minOffset || (offset == minOffset && entry.Preorder < minPreorder))) continue;
            if (_checkDominance && offset >= minHeight)
            {
                if (_dynamicOrdering) break;
                continue;
            }
            if (_fixed[b] != NoOffset && offset > _fixed[b]) continue;

            bool fast = _fastCheck && _spans[b].Length == 1;
            if (fast && !frame.BoundsValid)
            {
                ComputeBounds(sub);
                frame.BoundsValid = true;
            }
            // A candidate that the inference check rejects needs no placement: the check's verdict is known from
            // the node's state alone. Only whether it is hatless is still needed, for the hatless pruning.
            if (fast && !FastCheckBeforePlacing(b, offset))
            {
                if (IsHatless(b) && _hatlessPruning && _dynamicOrdering) break;
                continue;
            }

            _offsets[b] = offset;
            int offsetMark = _offsetTrail.Count;
            int floorMark = _floorTrail.Count;
            bool fixedFailure = false;
            bool hatless = UpdateMinOffsets(b, offset, null, ref fixedFailure);
            long inside = UpdateSectionData(b, offset);
            bool consistent = false;
            // The unallocated floor only raises floors, so a check without it that fails would fail with it too:
            // check first, and pay for the floor only when the cheap check passes.
            if (!fixedFailure && offset + _size[b] <= _capacity
                && (fast ? FastCheck(_spans[b][0], offset, inside) : Check(sub, offset)))
            {
                consistent = true;
                if (_dynamicOrdering) CollectRaised(offsetMark);
                if (_unallocatedFloor && _anyAffected)
                {
                    if (_dynamicOrdering)
                    {
                        long raised = PaintUnallocatedFloor(sub, start, count, offset);
                        consistent = fast ? raised <= _capacity : Check(sub, offset);
                    }
                    else
                    {
                        ScanUnallocatedFloor(sub);
                        consistent = Check(sub, offset);
                    }
                }
                else if (_anyAffected)
                {
                    ClearAffected(sub);
                }
            }
            else if (_anyAffected)
            {
                ClearAffected(sub);
            }
            if (consistent)
            {
                int childCount = ComputeOrdering(sub, start, count, childStart);
                frame.Next = i + 1;
                frame.Buffer = b;
                frame.OffsetMark = offsetMark;
                frame.FloorMark = floorMark;
                frame.Hatless = hatless;
                frame.Decomposed = _dynamicDecomposition;
                if (_dynamicDecomposition) Decompose(f, childStart, childCount, offset, entry.Preorder, b);
                else PushNode(sub, childStart, childCount, offset, entry.Preorder, ownsSub: false);
                return null;
            }
            RestoreSectionData(b, floorMark);
            RestoreMinOffsets(offsetMark);
            _offsets[b] = NoOffset;
            if (hatless && _hatlessPruning && _dynamicOrdering) break;
        }
        return Backtrack();
    }

    // The candidate loop of a node of a large sub-problem: the same as NextCandidate, with the candidates taken
    // from the live ordering tree (successor after successor from Next) and the checks answered by the section
    // maxima. Dynamic ordering is on (the tree is only used with it).
    private SearchOutcome? NextCandidateInTree(int f)
    {
        ref var frame = ref _frames.Items[f];
        var sub = frame.Sub;
        var tree = sub.Tree!;
        var order = sub.Order;
        long minOffset = frame.MinOffset, minHeight = frame.MinHeight;
        int minPreorder = frame.MinPreorder;
        for (int id = frame.Next; id >= 0; id = tree.Successor(id))
        {
            long offset = tree.KeyOf(id);
            int b = order[id];
            if (_canonicalOnly && (offset < minOffset || (offset == minOffset && id < minPreorder))) continue;
            if (_checkDominance && offset >= minHeight) break;
            if (_fixed[b] != NoOffset && offset > _fixed[b]) continue;
            bool fast = _fastCheck && _spans[b].Length == 1;
            if (fast && !FastCheckInTree(sub, b, offset))
            {
                if (IsHatless(b) && _hatlessPruning) break;
                continue;
            }

            _offsets[b] = offset;
            tree.Remove(id);
            int offsetMark = _offsetTrail.Count;
            int floorMark = _floorTrail.Count;
            bool fixedFailure = false;
            bool hatless = UpdateMinOffsets(b, offset, tree, ref fixedFailure);
            UpdateSectionData(b, offset);
            RefreshSpans(b);
            bool consistent = !fixedFailure && offset + _size[b] <= _capacity && CheckInTree(sub, offset);
            if (consistent && _unallocatedFloor && _affected.Count > 0 && RaiseAffectedFloors())
            {
                consistent = CheckInTree(sub, offset);
            }
            _affected.Truncate(0);
            if (consistent)
            {
                frame.Next = id;
                frame.Buffer = b;
                frame.OffsetMark = offsetMark;
                frame.FloorMark = floorMark;
                frame.Hatless = hatless;
                frame.Decomposed = _dynamicDecomposition;
                int top = _orderings.Count;
                if (_dynamicDecomposition) Decompose(f, top, 0, offset, id, b);
                else PushNode(sub, top, 0, offset, id, ownsSub: false);
                return null;
            }
            UndoInTree(tree, b, id, floorMark, offsetMark);
            if (hatless && _hatlessPruning) break;
        }
        return Backtrack();
    }

    // Unallocated floor for a large sub-problem: each listed section whose floor could rise gets the lowest min
    // offset of the unplaced buffers live in it. True when some floor rose.
    private bool RaiseAffectedFloors()
    {
        bool changed = false;
        long ceiling = _raisedHighest;
        var affected = _affected.Items;
        for (int a = 0; a < _affected.Count; a++)
        {
            int s = affected[a];
            if (_floor[s] >= ceiling) continue;
            long lowest = long.MaxValue;
            foreach (int other in _sections[s])
            {
                if (_offsets[other] == NoOffset && _minOffsets[other] < lowest) lowest = _minOffsets[other];
            }
            if (lowest == long.MaxValue || _floor[s] >= lowest) continue;
            _floorTrail.Push(new Change(s, _floor[s]));
            _floor[s] = lowest;
            _maxima!.Set(s, lowest, _total[s]);
            changed = true;
        }
        return changed;
    }

    // Undoes a placement in a large sub-problem: floors and totals (and their maxima), min offsets (and the tree).
    private void UndoInTree(OrderingTree tree, int b, int id, int floorMark, int offsetMark)
    {
        var floorTrail = _floorTrail.Items;
        int placedEntries = 0;
        foreach (var span in _spans[b]) placedEntries += span.Upper - span.Lower;
        int end = _floorTrail.Count;
        for (int i = end - 1; i >= floorMark; i--) _floor[floorTrail[i].Index] = floorTrail[i].Value;
        foreach (var span in _spans[b])
        {
            long size = span.Window.Size;
            for (int s = span.Lower; s < span.Upper; s++) _total[s] += size;
        }
        RefreshSpans(b);
        var maxima = _maxima!;
        for (int i = floorMark + placedEntries; i < end; i++)
        {
            int s = floorTrail[i].Index;
            maxima.Set(s, _floor[s], _total[s]);
        }
        _floorTrail.Truncate(floorMark);

        var offsetTrail = _offsetTrail.Items;
        for (int i = _offsetTrail.Count - 1; i >= offsetMark; i--)
        {
            int other = offsetTrail[i].Index;
            int otherId = _preorderOf[other];
            tree.Remove(otherId);
            _minOffsets[other] = offsetTrail[i].Value;
            tree.Insert(otherId, offsetTrail[i].Value);
        }
        _offsetTrail.Truncate(offsetMark);
        _offsets[b] = NoOffset;
        tree.Insert(id, _minOffsets[b]);
    }

    private void RefreshSpans(int b)
    {
        var maxima = _maxima!;
        foreach (var span in _spans[b]) maxima.Refresh(span.Lower, span.Upper, _floor, _total);
    }

    // Section inference and monotonic floor over the sub-problem's sections, from their maxima.
    private bool CheckInTree(SubProblem sub, long offset)
    {
        var (floorTotal, total, floor) = _maxima!.Max(sub.SectionLower, sub.SectionUpper);
        long most = (_monotonicFloor, _sectionInference) switch
        {
            (true, true) => Math.Max(offset + total, floorTotal),
            (true, false) => Math.Max(offset, floor),
            (false, true) => floorTotal,
            _ => floor,
        };
        return most <= _capacity;
    }

    // FastCheckBeforePlacing for a large sub-problem, from the maxima of b's span and of the sections on either side.
    private bool FastCheckInTree(SubProblem sub, int b, long offset)
    {
        var span = _spans[b][0];
        var maxima = _maxima!;
        long inside = offset + span.Window.Upper - span.Window.Size + maxima.Max(span.Lower, span.Upper).Total;
        if (inside > _capacity) return false;
        var before = maxima.Max(sub.SectionLower, span.Lower);
        var after = maxima.Max(span.Upper, sub.SectionUpper);
        if (Math.Max(before.FloorTotal, after.FloorTotal) > _capacity) return false;
        long outsideTotal = Math.Max(before.Total, after.Total);
        return outsideTotal == long.MinValue || offset + outsideTotal <= _capacity;
    }

    // ---- dynamic temporal decomposition -----------------------------------------------------------------------

    // When placing b leaves no unplaced buffer crossing some section boundary, the rest splits into independent
    // sub-problems, each searched on its own; otherwise the child node searches on. The child's ordering lies at
    // [orderingStart, orderingStart + orderingCount) on top of the arena.
    private void Decompose(int f, int orderingStart, int orderingCount, long offset, int preorder, int b)
    {
        ref var frame = ref _frames.Items[f];
        var sub = frame.Sub;
        _solution[b] = _offsets[b];
        int cutMark = _cutpoints.Count;
        frame.CutMark = cutMark;
        _cutpoints.Push(sub.SectionLower);
        int first = _firstSection[b], last = _lastSection[b];
        for (int s = first; s + 1 < last; s++)
        {
            if (--_cuts[s] == 0) _cutpoints.Push(s + 1);
        }
        if (_cutpoints.Count - cutMark == 1)
        {
            PushNode(sub, orderingStart, orderingCount, offset, preorder, ownsSub: false);
            return;
        }
        _orderings.Truncate(orderingStart);
        _cutpoints.Push(sub.SectionUpper);
        _frames.Push(new SearchFrame { Kind = FrameKind.Pieces, Sub = sub, Start = orderingStart, Next = cutMark + 1, CutEnd = _cutpoints.Count });
    }

    // The pieces frame f: after a piece was found (or at the start), searches the next non-empty piece; the
    // decomposition is done when every piece is found or when one is not.
    private SearchOutcome? NextPiece(int f, SearchOutcome? pieceOutcome)
    {
        if (pieceOutcome is { } outcome && outcome != SearchOutcome.Found) return outcome;
        ref var frame = ref _frames.Items[f];
        var sub = frame.Sub;
        for (int c = frame.Next; c < frame.CutEnd; c++)
        {
            int lower = _cutpoints.Items[c - 1], upper = _cutpoints.Items[c];
            _members.Truncate(0);
            foreach (int other in sub.Buffers)
            {
                if (_offsets[other] != NoOffset) continue;
                if (_lastSection[other] <= lower || upper <= _firstSection[other]) continue;
                _members.Push(other);
            }
            if (_members.Count == 0) continue;
            frame.Next = c + 1;
            PushSubProblem(new SubProblem(_members.Items.AsSpan(0, _members.Count).ToArray(), lower, upper));
            return null;
        }
        return SearchOutcome.Found;
    }

    private void RestoreCuts(int b, int cutMark)
    {
        int first = _firstSection[b], last = _lastSection[b];
        for (int s = first; s + 1 < last; s++) ++_cuts[s];
        _cutpoints.Truncate(cutMark);
    }

    // ---- orderings --------------------------------------------------------------------------------------------

    // Dynamic ordering: the unplaced buffers of the parent's ordering, with their current min offsets, sorted by
    // (min offset, preorder index). The parent's ordering is sorted and only the raised buffers moved, so the
    // child's is the parent's without them and without b, merged with the (sorted) raised ones.
    private int ComputeOrdering(SubProblem sub, int parentStart, int parentCount, int start)
    {
        var arena = _orderings.Reserve(parentCount);
        var order = sub.Order;
        int count = 0;
        if (!_dynamicOrdering)
        {
            for (int i = parentStart; i < parentStart + parentCount; i++)
            {
                int preorder = arena[i].Preorder;
                int b = order[preorder];
                if (_offsets[b] != NoOffset) continue;
                arena[start + count++] = new OrderEntry(_minOffsets[b], preorder);
            }
            _orderings.SetCount(start + count);
            return count;
        }
        var raised = _raised;
        int r = 0, raisedCount = _raisedCount;
        for (int i = parentStart; i < parentStart + parentCount; i++)
        {
            var entry = arena[i];
            int b = order[entry.Preorder];
            if (_offsets[b] != NoOffset || _minOffsets[b] != entry.Offset) continue;
            while (r < raisedCount && Precedes(raised[r], entry)) arena[start + count++] = raised[r++];
            arena[start + count++] = entry;
        }
        while (r < raisedCount) arena[start + count++] = raised[r++];
        _orderings.SetCount(start + count);
        return count;
    }

    // The buffers raised by the placement in hand (trail entries from mark on), sorted into child-ordering entries.
    private void CollectRaised(int mark)
    {
        int count = _offsetTrail.Count - mark;
        if (_raised.Length < count) _raised = new OrderEntry[Math.Max(count, _raised.Length * 2)];
        var trail = _offsetTrail.Items;
        var raised = _raised;
        for (int t = 0; t < count; t++)
        {
            int b = trail[mark + t].Index;
            long value = _minOffsets[b];
            var item = new OrderEntry(value, _preorderOf[b]);
            int j = t - 1;
            while (j >= 0 && Precedes(item, raised[j]))
            {
                raised[j + 1] = raised[j];
                j--;
            }
            raised[j + 1] = item;
        }
        _raisedCount = count;
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

    // ---- min offsets ------------------------------------------------------------------------------------------

    // Raises the min offsets of unplaced buffers overlapping b; returns true when there were none (b is "hatless").
    // With the unallocated floor on, the sections of every buffer whose min offset rose are marked as affected: in
    // the difference array, or, for a large sub-problem (whose tree moves each raised buffer), listed once each.
    private bool UpdateMinOffsets(int b, long offset, OrderingTree? tree, ref bool fixedFailure)
    {
        bool hatless = true;
        _anyAffected = false;
        long highest = long.MinValue;
        int stamp = tree is null ? 0 : ++_stamp;
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
            if (tree is null)
            {
                _minOffsets[other] = height;
            }
            else
            {
                int id = _preorderOf[other];
                tree.Remove(id);
                _minOffsets[other] = height;
                tree.Insert(id, height);
            }
            if (_fixed[other] != NoOffset && height > _fixed[other]) fixedFailure = true;
            if (height > highest) highest = height;
            if (!_unallocatedFloor) continue;
            _anyAffected = true;
            if (tree is null) MarkAffected(other);
            else ListAffected(other, stamp);
        }
        _raisedHighest = highest;
        return hatless;
    }

    private void MarkAffected(int buffer)
    {
        foreach (var span in _spans[buffer])
        {
            _coverDelta[span.Lower]++;
            _coverDelta[span.Upper]--;
        }
    }

    private void ListAffected(int buffer, int stamp)
    {
        foreach (var span in _spans[buffer])
        {
            for (int s = span.Lower; s < span.Upper; s++)
            {
                if (_sectionStamp[s] == stamp) continue;
                _sectionStamp[s] = stamp;
                _affected.Push(s);
            }
        }
    }

    private bool IsHatless(int b)
    {
        foreach (var overlap in _overlaps[b])
        {
            if (_offsets[overlap.BufferIndex] == NoOffset) return false;
        }
        return true;
    }

    private void RestoreMinOffsets(int mark)
    {
        var trail = _offsetTrail.Items;
        for (int i = _offsetTrail.Count - 1; i >= mark; i--) _minOffsets[trail[i].Index] = trail[i].Value;
        _offsetTrail.Truncate(mark);
    }

    // ---- section inference ------------------------------------------------------------------------------------

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

    // The same verdict before b is placed: inside b's span each section would hold b's top plus what stays
    // unplaced there, that is offset + (window top - window size) + its present total.
    private bool FastCheckBeforePlacing(int b, long offset)
    {
        var span = _spans[b][0];
        long most = long.MinValue;
        var totals = _total;
        for (int s = span.Lower; s < span.Upper; s++)
        {
            if (totals[s] > most) most = totals[s];
        }
        long inside = offset + span.Window.Upper - span.Window.Size + most;
        return FastCheck(span, offset, inside);
    }

    // Turns the marks of the difference array into a union-find over the sub-problem's sections in which every
    // unmarked section points past itself; clears the marks. A marked section whose floor already reaches
    // <paramref name="ceiling"/> stays closed: no unplaced buffer's min offset there can be higher.
    private int OpenAffectedSections(SubProblem sub, long ceiling)
    {
        int open = 0, cover = 0;
        for (int s = sub.SectionLower; s < sub.SectionUpper; s++)
        {
            cover += _coverDelta[s];
            _coverDelta[s] = 0;
            if (cover > 0 && _floor[s] < ceiling)
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
    // found by walking the child's ordering (the parent's without b and the raised buffers, merged with the
    // raised ones) in increasing min offset and painting sections in that order. Every affected section is
    // covered by a raised buffer, so none can rise above the highest raised min offset: those already at it stay
    // closed. Returns the largest max(offset, floor) + total over the sections it raised (long.MinValue for none).
    private long PaintUnallocatedFloor(SubProblem sub, int start, int count, long offset)
    {
        long raisedValue = long.MinValue;
        int open = OpenAffectedSections(sub, _raisedHighest);
        var entries = _orderings.Items;
        var order = sub.Order;
        var raised = _raised;
        int r = 0, raisedCount = _raisedCount;
        int i = start, end = start + count;
        while (open > 0)
        {
            while (i < end)
            {
                int candidate = order[entries[i].Preorder];
                if (_offsets[candidate] == NoOffset && _minOffsets[candidate] == entries[i].Offset) break;
                i++;
            }
            OrderEntry next;
            if (i < end && (r == raisedCount || Precedes(entries[i], raised[r]))) next = entries[i++];
            else if (r < raisedCount) next = raised[r++];
            else break;
            long lowest = next.Offset;
            foreach (var span in _spans[order[next.Preorder]])
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
                        if (value > raisedValue) raisedValue = value;
                    }
                }
            }
        }
        return raisedValue;
    }

    // The same without a sorted ordering (dynamic ordering switched off): scan each affected section.
    private void ScanUnallocatedFloor(SubProblem sub)
    {
        OpenAffectedSections(sub, long.MaxValue);
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
}
