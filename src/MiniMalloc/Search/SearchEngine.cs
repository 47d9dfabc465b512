using System.Diagnostics;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// The depth-first search of the paper over canonical solutions, for one problem at one capacity. Every change to
/// the search state is recorded on an undo trail and reverted on backtrack, and the search's frames live on an
/// explicit stack, so a search node allocates nothing and the depth is limited by memory, not by the thread's stack.
/// </summary>
/// <remarks>
/// <para>
/// The control flow follows the reference implementation step by step (node budget and time check, ordering,
/// candidate filters, placement, inference check, decomposition, undo, hatless break) so that with the same
/// orderings and tie-breaks it visits the same nodes and counts the same backtracks. Each technique of the paper is
/// a method named after it: <see cref="IsCanonical"/> and <see cref="BufferState.RaiseMinOffsets"/> (canonical
/// solutions), <see cref="IsDominated"/> (dominance), <see cref="SectionInference"/> (section inference and the
/// monotonic floor, see <see cref="SectionRule"/>), <see cref="UnallocatedFloor"/>, <see cref="HatlessPruning"/>,
/// <see cref="StaticPreordering"/>, <see cref="DynamicOrdering"/> and <see cref="DynamicDecomposition"/>; the round
/// robin is <see cref="Run"/>.
/// </para>
/// <para>
/// The dynamic ordering (<see cref="IOrdering"/>), the unallocated floor (<see cref="IUnallocatedFloor"/>) and the
/// section bounds (<see cref="ISectionBounds"/>) each have two implementations: one whose cost follows the size of
/// the sub-problem, for small dense ones, and one whose cost follows what a placement changes, for large sparse ones
/// (see <see cref="OrderingChoice"/>). The node's methods are generic over them, constrained to structs, so that the
/// JIT compiles each combination on its own with direct calls; <see cref="Step"/> picks the combination once per
/// step (a technique switched off is an implementation too: <see cref="PreorderOrdering"/>, <see cref="NoFloor"/>).
/// Work that cannot change the outcome is skipped: a candidate that the inference check would reject is rejected
/// before it is placed, and the unallocated floor runs only when the cheaper check passes.
/// </para>
/// </remarks>
internal sealed partial class SearchEngine
{
    private const int StopCheckInterval = (int)StopCondition.NodesPerPoll;

    private readonly SearchTechniques _techniques;
    private readonly SectionRule _rule;
    private readonly OrderingChoice _choice;
    private readonly Partition[] _partitions;
    private readonly BufferState _buffers;
    private readonly SectionState _sections;
    private readonly long[] _solution;
    private readonly StaticPreordering _preordering;
    private readonly TemporalDecomposition _decomposition;
    private readonly NarrowedViews? _views;

    // What the two kinds of sub-problem keep between nodes: the arena of per-node orderings, the marks of the painted
    // floor and the neighbour maxima; or the affected sections' list and the segment tree of section maxima.
    private readonly OrderingArena _arena = new();
    private readonly SectionMarks _marks;
    private readonly NeighbourMaxima _neighbours;
    private readonly AffectedSections _affected;
    private SectionMaxima? _maxima;

    private readonly ValueStack<SearchFrame> _frames = new(64);
    private readonly StopCondition _stop;
    private long _nodesRemaining;
    private int _stopCountdown = 1;

    // The work beyond nodes (WorkMeter), and how much of it the stop condition has been told of. A candidate looked
    // at counts as several units: the ordering's step and the checks take about as long as that many array reads.
    private const int CandidateWork = 8;
    private readonly WorkMeter _work = new();
    private long _workReported;

    public SearchEngine(Problem problem, SweepResult sweep, SolverOptions options, StopCondition stop)
    {
        _techniques = options.Techniques();
        _rule = new SectionRule(problem.Capacity, _techniques);
        _choice = new OrderingChoice(Uses(SearchTechniques.DynamicOrdering), options.IncrementalThreshold);
        _stop = stop;
        _partitions = sweep.Partitions;
        _buffers = new BufferState(problem, sweep, _work);
        _sections = new SectionState(sweep, _work);
        _solution = new long[_buffers.Count];
        Array.Fill(_solution, BufferState.NoOffset);
        _preordering = new StaticPreordering(_buffers, _sections);
        _decomposition = new TemporalDecomposition(_buffers, sweep.CalculateCuts());
        if (options.NarrowedViewThreshold < int.MaxValue)
        {
            _views = new NarrowedViews(_buffers, _arena, _decomposition, _preordering, Uses(SearchTechniques.StaticPreordering), options.NarrowedViewThreshold);
        }
        _marks = new SectionMarks(_sections.Count);
        _neighbours = new NeighbourMaxima(_sections.Count);
        _affected = new AffectedSections();
    }

    public long Nodes { get; private set; }

    public long Backtracks { get; private set; }

    /// <summary>The heuristic of the attempt that decided the question, if any did.</summary>
    public string? Heuristic { get; private set; }

    /// <summary>The offsets found by the last successful <see cref="Run"/> or <see cref="RunAttempt"/>.</summary>
    public long[] SolutionOffsets => _solution;

    /// <summary>
    /// Round robin: runs the search with the given heuristics in turn from attempt <paramref name="firstAttempt"/>
    /// on, with a small node budget first, in the hope that one heuristic fits the instance and finishes quickly,
    /// doubled every round so that the search stays complete (see <see cref="RoundRobinSchedule"/>).
    /// </summary>
    public SearchOutcome Run(IReadOnlyList<string> heuristics, int firstAttempt = 0)
    {
        var schedule = new RoundRobinSchedule(heuristics, _buffers.Count);
        for (int attempt = firstAttempt; ; attempt++)
        {
            var outcome = RunAttempt(schedule.Heuristic(attempt), schedule.Budget(attempt));
            if (outcome != SearchOutcome.BudgetExhausted) return outcome;
        }
    }

    /// <summary>One attempt of the round robin: the search with one heuristic and a node budget.</summary>
    public SearchOutcome RunAttempt(string heuristic, long budget)
    {
        if (_buffers.Count == 0) return SearchOutcome.Found;
        _preordering.Comparer = new PreorderingComparer(heuristic);
        _nodesRemaining = budget;
        var outcome = SolvePartitions();
        Debug.Assert(_frames.Count == 0 && _buffers.MinOffsetTrail.Count == 0 && _sections.FloorTrail.Count == 0 && _arena.Entries.Count == 0,
            "an attempt leaves the search state as it found it");
        if (outcome is SearchOutcome.Found or SearchOutcome.NotFound) Heuristic = heuristic;
        return outcome;
    }

    private bool Uses(SearchTechniques technique) => (_techniques & technique) != 0;

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

    // ---- the explicit stack ---------------------------------------------------------------------------------------

    // Runs frames until the stack is empty; returns the outcome of the bottom frame. A step either pushes a child
    // frame (and the loop runs it) or ends its own frame and hands its outcome to the frame below, which undoes its
    // placement whatever the outcome: a search stopped by its budget or its stop condition unwinds to a clean state.
    private SearchOutcome RunFrames()
    {
        SearchOutcome? returned = null;
        while (_frames.Count > 0)
        {
            int f = _frames.Count - 1;
            var finished = Step(f, returned);
            returned = finished;
            if (finished is not null) PopFrame(f);
        }
        return returned ?? SearchOutcome.Found;
    }

    // One step of frame f, given what its child returned (null: the frame is new or its last step pushed nothing).
    // Picks the implementations of the node's sub-problem once, for the whole step.
    private SearchOutcome? Step(int f, SearchOutcome? returned)
    {
        ref var frame = ref _frames.Items[f];
        if (frame.Kind == FrameKind.Pieces) return NextPiece(f, returned);
        if (returned is null && CountNode(f) is { } stopped) return stopped;
        var sub = frame.Sub;
        if (sub.Tree is not null)
        {
            return StepWith(f, returned, new TreeOrdering(sub, _buffers, _arena.Entries.Count),
                new ListedFloor(_affected, _buffers, _sections), new MaximaBounds(_maxima!, _sections, _buffers, _rule, sub));
        }
        var scanned = new ScannedBounds(_sections, _buffers, _neighbours, _rule, sub, f);
        if (Uses(SearchTechniques.DynamicOrdering))
        {
            return StepWith(f, returned, new SortedOrdering(_arena, _buffers, sub, frame.Start, frame.Count),
                new PaintedFloor(_marks, _arena, _buffers, _sections, sub, frame.Start, frame.Count), scanned);
        }
        return StepWith(f, returned, new PreorderOrdering(_arena, _buffers, sub, frame.Start, frame.Count),
            new ListedFloor(_affected, _buffers, _sections), scanned);
    }

    // The unallocated floor switched off is an implementation of its own, so that no node tests the switch.
    private SearchOutcome? StepWith<TOrdering, TFloor, TBounds>(int f, SearchOutcome? returned, TOrdering ordering, TFloor floor, TBounds bounds)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
        where TBounds : struct, ISectionBounds
    {
        if (Uses(SearchTechniques.UnallocatedFloor)) return StepNode(f, returned, ref ordering, ref floor, ref bounds);
        var none = default(NoFloor);
        return StepNode(f, returned, ref ordering, ref none, ref bounds);
    }

    private SearchOutcome? StepNode<TOrdering, TFloor, TBounds>(int f, SearchOutcome? returned, ref TOrdering ordering, ref TFloor floor, ref TBounds bounds)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
        where TBounds : struct, ISectionBounds
        => returned is { } childOutcome
            ? ResumeNode(f, childOutcome, ref ordering, ref floor, ref bounds)
            : EnterNode(f, ref ordering, ref floor, ref bounds);

    // A new node in frame f: the node budget of the round robin's attempt, and the stop condition, polled every
    // StopCheckInterval nodes.
    private SearchOutcome? CountNode(int f)
    {
        if (_nodesRemaining <= 0) return SearchOutcome.BudgetExhausted;
        --_nodesRemaining;
        Nodes++;
        _neighbours.Forget(f);
        if (--_stopCountdown <= 0)
        {
            _stopCountdown = StopCheckInterval;
            long work = _work.Units - _workReported;
            _workReported = _work.Units;
            if (_stop.ShouldStop(work)) return SearchOutcome.Stopped;
        }
        return null;
    }

    private void PushNode(SubProblem sub, int start, int count, long minOffset, int minPreorder, bool ownsSub)
        => _frames.Push(new SearchFrame
        {
            Kind = FrameKind.Node,
            Sub = sub,
            OwnsSub = ownsSub,
            Start = start,
            Count = count,
            MinOffset = minOffset,
            MinPreorder = minPreorder,
        });

    private void PopFrame(int f)
    {
        ref var frame = ref _frames.Items[f];
        Debug.Assert(frame.Kind == FrameKind.Pieces || _arena.Entries.Count >= frame.Start);
        if (frame.Kind == FrameKind.Node)
        {
            _arena.Entries.Truncate(frame.Start);
            if (frame.OwnsSub) ReleaseSubProblem(frame.Sub);
        }
        frame.Sub = null!;
        frame.View = null;
        _frames.Truncate(f);
    }

    // ---- a node -------------------------------------------------------------------------------------------------

    // A node's first step: a leaf when nothing is left, else its dominance bound and its first canonical candidate.
    private SearchOutcome? EnterNode<TOrdering, TFloor, TBounds>(int f, ref TOrdering ordering, ref TFloor floor, ref TBounds bounds)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
        where TBounds : struct, ISectionBounds
    {
        ref var frame = ref _frames.Items[f];
        if (ordering.IsEmpty) return Leaf(frame.Sub);
        frame.MinHeight = Uses(SearchTechniques.Dominance) ? ordering.LowestTop() : long.MaxValue;
        // With a sorted ordering, the candidates that canonical solutions skip form a prefix (found by bisection or
        // in the tree) and those that the dominance check skips a suffix: the loop visits only the window between.
        frame.Next = Uses(SearchTechniques.CanonicalSolutions)
            ? ordering.First(frame.MinOffset, frame.MinPreorder)
            : ordering.First(long.MinValue, 0);
        return NextCandidate(f, ref ordering, ref floor, ref bounds);
    }

    private SearchOutcome Leaf(SubProblem sub)
    {
        // A view exists only with decomposition on, where every placement publishes its own offset.
        if (sub.IsView) return SearchOutcome.Found;
        foreach (int b in sub.Buffers) _solution[b] = _buffers.Offsets[b];
        return SearchOutcome.Found;
    }

    // A child frame of node f returned: undo the placement it was searching, then go on with the next candidate.
    private SearchOutcome? ResumeNode<TOrdering, TFloor, TBounds>(int f, SearchOutcome childOutcome, ref TOrdering ordering, ref TFloor floor, ref TBounds bounds)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
        where TBounds : struct, ISectionBounds
    {
        ref var frame = ref _frames.Items[f];
        int b = frame.Buffer;
        if (frame.Decomposed) _decomposition.Restore(b, frame.CutMark);
        if (childOutcome != SearchOutcome.NotFound) ordering.Abandon();
        Unplace(ref ordering, ref floor, ref bounds, frame.Next, b, frame.FloorMark, frame.OffsetMark);
        if (childOutcome != SearchOutcome.NotFound) return childOutcome;
        if (frame.Hatless && HatlessPruning(ref ordering)) return Backtrack();
        frame.Next = ordering.Next(frame.Next);
        return NextCandidate(f, ref ordering, ref floor, ref bounds);
    }

    private SearchOutcome Backtrack()
    {
        Backtracks++;
        return SearchOutcome.NotFound;
    }

    // The candidate loop of node f from its Next candidate: returns null after pushing a child frame for a
    // consistent placement, or the node's outcome when no candidate is left.
    private SearchOutcome? NextCandidate<TOrdering, TFloor, TBounds>(int f, ref TOrdering ordering, ref TFloor floor, ref TBounds bounds)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
        where TBounds : struct, ISectionBounds
    {
        ref var frame = ref _frames.Items[f];
        var sub = frame.Sub;
        var order = sub.Order;
        var buffers = _buffers;
        var fixedOffsets = buffers.Fixed;
        bool canonicalOnly = Uses(SearchTechniques.CanonicalSolutions), dominance = Uses(SearchTechniques.Dominance);
        bool bothChecks = _rule.Both;
        long minOffset = frame.MinOffset, minHeight = frame.MinHeight;
        int minPreorder = frame.MinPreorder;
        var work = _work;
        for (int c = frame.Next; ordering.Has(c); c = ordering.Next(c))
        {
            // A candidate looked at: a step of the ordering (a tree walk of O(log) on large sub-problems) and its checks.
            work.Units += CandidateWork;
            var candidate = ordering.At(c);
            long offset = candidate.Offset;
            int b = order[candidate.Preorder];
            Debug.Assert(!buffers.IsPlaced(b), "a node's ordering holds its unplaced buffers only");
            if (canonicalOnly && !IsCanonical(candidate, minOffset, minPreorder)) continue;
            if (dominance && IsDominated(offset, minHeight))
            {
                if (ordering.IsSorted) break;
                continue;
            }
            if (fixedOffsets[b] != BufferState.NoOffset && offset > fixedOffsets[b]) continue;
            bool fast = bothChecks && buffers.Spans[b].Length == 1;
            // A candidate that the inference check rejects needs no placement: the check's verdict is known from the
            // node's state alone. Only whether it is hatless is still needed, for the hatless pruning.
            if (fast && !bounds.FitsBeforePlacing(b, offset))
            {
                if (HatlessPruning(ref ordering) && buffers.IsHatless(b)) break;
                continue;
            }

            int offsetMark = buffers.MinOffsetTrail.Count;
            int floorMark = _sections.FloorTrail.Count;
            buffers.Place(b, offset);
            ordering.Take(c);
            floor.Placed(b);
            bool hatless = buffers.RaiseMinOffsets(ref ordering, ref floor, b, offset, out bool fixedFailure, out long highest);
            bounds.Occupy(b, offset);
            bool raisedAny = buffers.MinOffsetTrail.Count > offsetMark;
            bool consistent = !fixedFailure && SectionInference(ref bounds, b, offset, fast);
            if (consistent)
            {
                ordering.CollectRaised(offsetMark);
                if (raisedAny) consistent = UnallocatedFloor(ref floor, ref bounds, highest, fast);
            }
            else if (raisedAny)
            {
                floor.Clear();
            }
            if (consistent)
            {
                var (childStart, childCount) = DynamicOrdering(ref ordering);
                frame.Next = c;
                frame.Buffer = b;
                frame.OffsetMark = offsetMark;
                frame.FloorMark = floorMark;
                frame.Hatless = hatless;
                frame.Decomposed = Uses(SearchTechniques.DynamicDecomposition);
                if (frame.Decomposed) DynamicDecomposition(f, childStart, childCount, offset, candidate.Preorder, b);
                else PushNode(sub, childStart, childCount, offset, candidate.Preorder, ownsSub: false);
                return null;
            }
            Unplace(ref ordering, ref floor, ref bounds, c, b, floorMark, offsetMark);
            if (hatless && HatlessPruning(ref ordering)) break;
        }
        return Backtrack();
    }

    // Undoes the placement of b (the candidate at cursor) in the reverse order of the changes.
    private void Unplace<TOrdering, TFloor, TBounds>(ref TOrdering ordering, ref TFloor floor, ref TBounds bounds, int cursor, int b, int floorMark, int offsetMark)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
        where TBounds : struct, ISectionBounds
    {
        bounds.Undo(b, floorMark);
        _buffers.RestoreMinOffsets(ref ordering, ref floor, offsetMark);
        _buffers.Unplace(b);
        floor.Unplaced(b);
        ordering.Restore(cursor);
    }

    // ---- the techniques -----------------------------------------------------------------------------------------

    /// <summary>Canonical solutions only: placements in non-decreasing (offset, preorder index).</summary>
    private static bool IsCanonical(in OrderEntry candidate, long minOffset, int minPreorder)
        => !OrderEntry.Precedes(candidate, new OrderEntry(minOffset, minPreorder));

    /// <summary>
    /// Dominance (the reference's minimum-height check): no buffer may be placed at or above the lowest top of any
    /// unplaced buffer, which could otherwise fill the hole below it; that solution is reached another way.
    /// </summary>
    private static bool IsDominated(long offset, long lowestTop) => offset >= lowestTop;

    /// <summary>
    /// Section inference with the monotonic floor (<see cref="SectionRule"/>): after placing b, every section of
    /// the sub-problem must still hold its unplaced bytes below the capacity, and b itself must end below it.
    /// </summary>
    private bool SectionInference<TBounds>(ref TBounds bounds, int b, long offset, bool fast)
        where TBounds : struct, ISectionBounds
        => offset + _buffers.Size[b] <= _rule.Capacity && bounds.Fits(fast);

    /// <summary>
    /// Unallocated floor: each section marked by the placement rises to the lowest min offset of its unplaced
    /// buffers, and the sections are checked again when some rose. It only raises floors, so a placement that
    /// fails without it fails with it too: it runs after the cheaper check passed.
    /// </summary>
    private static bool UnallocatedFloor<TFloor, TBounds>(ref TFloor floor, ref TBounds bounds, long highest, bool fast)
        where TFloor : struct, IUnallocatedFloor
        where TBounds : struct, ISectionBounds
        => !floor.Raise(ref bounds, highest) || bounds.FitsAfterRaise(fast);

    /// <summary>
    /// Hatless pruning: once a buffer with nothing unplaced over it has been tried, no other choice at this node can
    /// do better. Only sound when candidates come in min-offset order: without dynamic ordering a later candidate may
    /// sit lower.
    /// </summary>
    private bool HatlessPruning<TOrdering>(ref TOrdering ordering)
        where TOrdering : struct, IOrdering
        => Uses(SearchTechniques.HatlessPruning) && ordering.IsSorted;

    /// <summary>
    /// Dynamic ordering: the child's candidates, the unplaced buffers by (min offset, preorder index), or in preorder
    /// when the technique is off; where they lie in the arena.
    /// </summary>
    private static (int Start, int Count) DynamicOrdering<TOrdering>(ref TOrdering ordering)
        where TOrdering : struct, IOrdering
        => ordering.Descend();
}
