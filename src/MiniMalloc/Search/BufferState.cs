using System.Diagnostics;
using System.Runtime.CompilerServices;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// The buffers as the search sees them: what the problem and the sweep say about each (read-only), and where the
/// search has placed it so far, with the min offsets that canonical solutions allow and their undo trail. Arrays
/// indexed by buffer, read on the hot path as fields.
/// </summary>
internal sealed class BufferState
{
    /// <summary>The offset of a buffer not placed (and the fixed offset of one that is not fixed).</summary>
    public const long NoOffset = -1;

    public readonly long[] Size;
    public readonly long[] Alignment;

    /// <summary>The fixed offset, or <see cref="NoOffset"/>.</summary>
    public readonly long[] Fixed;

    public readonly long[] Lower;
    public readonly long[] Upper;

    /// <summary>The first section of the buffer's first span and the end of its last (gaps included).</summary>
    public readonly int[] FirstSection;

    public readonly int[] LastSection;

    /// <summary>The buffer's runs of sections, one per live piece, with the window it occupies in each.</summary>
    public readonly SectionSpan[][] Spans;

    /// <summary>The buffers live at the same time, with how far above this one's offset each must start.</summary>
    public readonly OverlapLists Overlaps;

    /// <summary>The offset placed, or <see cref="NoOffset"/>.</summary>
    public readonly long[] Offsets;

    /// <summary>The lowest offset at which the buffer may still go, given the buffers placed.</summary>
    public readonly long[] MinOffsets;

    /// <summary>The buffer's preorder index in the sub-problem that currently owns it.</summary>
    public readonly int[] PreorderOf;

    /// <summary>The min offsets before each change, most recent last: popped back to a mark on backtrack.</summary>
    public readonly ValueStack<Change> MinOffsetTrail = new(256);

    /// <summary>The search's work: the buffers a placement raises or looks at count towards it.</summary>
    public readonly WorkMeter Work;

    // A raised buffer moves in the ordering (in a tree: a removal and an insertion of O(log) each, and both again when
    // it is restored): as long as about this many array reads.
    private const int MoveWork = 16;

    public BufferState(Problem problem, SweepResult sweep, WorkMeter work)
    {
        Work = work;
        var buffers = problem.Buffers;
        int n = buffers.Count;
        Size = new long[n];
        Alignment = new long[n];
        Fixed = new long[n];
        Lower = new long[n];
        Upper = new long[n];
        FirstSection = new int[n];
        LastSection = new int[n];
        Offsets = new long[n];
        MinOffsets = new long[n];
        PreorderOf = new int[n];
        Spans = sweep.Spans;
        Overlaps = sweep.Overlaps;
        for (int b = 0; b < n; b++)
        {
            var buffer = buffers[b];
            Size[b] = buffer.Size;
            Alignment[b] = buffer.Alignment;
            Fixed[b] = buffer.Offset ?? NoOffset;
            Lower[b] = buffer.Lifespan.Lower;
            Upper[b] = buffer.Lifespan.Upper;
            Offsets[b] = NoOffset;
            MinOffsets[b] = buffer.Offset ?? 0;
            FirstSection[b] = Spans[b][0].Lower;
            LastSection[b] = Spans[b][^1].Upper;
        }
    }

    public int Count => Size.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsPlaced(int b) => Offsets[b] != NoOffset;

    /// <summary>True when no unplaced buffer overlaps <paramref name="b"/> in time: nothing can go over it.</summary>
    public bool IsHatless(int b)
    {
        var offsets = Offsets;
        var neighbours = Overlaps.Neighbours(b);
        for (int i = 0; i < neighbours.Length; i++)
        {
            if (offsets[neighbours[i]] != NoOffset) continue;
            Work.Units += i + 1;
            return false;
        }
        Work.Units += neighbours.Length;
        return true;
    }

    /// <summary>
    /// The lowest min offset of the unplaced ones among <paramref name="buffers"/> when it is above
    /// <paramref name="floor"/>; else (none unplaced, or one at or below the floor) long.MaxValue, as soon as that is
    /// known: a section whose floor some unplaced buffer already reaches cannot rise, so the rest of its buffers need
    /// not be read. <paramref name="witness"/> is the unplaced buffer that decided it (one at or below the floor, or
    /// the lowest above it, which the floor then rises to), -1 when none is unplaced.
    /// </summary>
    public long LowestUnplacedMinOffsetAbove(int[] buffers, long floor, out int witness)
    {
        var offsets = Offsets;
        var minOffsets = MinOffsets;
        long lowest = long.MaxValue;
        witness = -1;
        for (int i = 0; i < buffers.Length; i++)
        {
            int b = buffers[i];
            if (offsets[b] != NoOffset) continue;
            long minOffset = minOffsets[b];
            if (minOffset <= floor)
            {
                witness = b;
                Work.Units += i;
                return long.MaxValue;
            }
            if (minOffset < lowest)
            {
                lowest = minOffset;
                witness = b;
            }
        }
        Work.Units += buffers.Length;
        return lowest;
    }

    /// <summary><paramref name="height"/> rounded up to <paramref name="b"/>'s alignment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long AlignUp(int b, long height)
    {
        long alignment = Alignment[b];
        long remainder = height % alignment;
        return remainder > 0 ? height + alignment - remainder : height;
    }

    /// <summary>
    /// Canonical solutions: every buffer goes at its lowest feasible offset, so placing b at
    /// <paramref name="offset"/> raises the min offset of each unplaced buffer that overlaps it to b's offset plus
    /// the effective size (aligned up), and tells the ordering and the unallocated floor. True when no unplaced
    /// buffer overlaps b (it is hatless); <paramref name="fixedFailure"/> when a fixed buffer can no longer go at its
    /// offset; <paramref name="highest"/> the highest min offset raised to (long.MinValue for none).
    /// </summary>
    public bool RaiseMinOffsets<TOrdering, TFloor>(ref TOrdering ordering, ref TFloor floor, int b, long offset, out bool fixedFailure, out long highest)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
    {
        var offsets = Offsets;
        var minOffsets = MinOffsets;
        var fixedOffsets = Fixed;
        var preorderOf = PreorderOf;
        var trail = MinOffsetTrail;
        var neighbours = Overlaps.Neighbours(b);
        var effectiveSizes = Overlaps.EffectiveSizes(b);
        Work.Units += neighbours.Length;
        long top = offset + Size[b];
        bool hatless = true;
        fixedFailure = false;
        highest = long.MinValue;
        for (int i = 0; i < neighbours.Length; i++)
        {
            int other = neighbours[i];
            if (offsets[other] != NoOffset) continue;
            hatless = false;
            long height = effectiveSizes is null ? top : offset + effectiveSizes[i];
            if (minOffsets[other] >= height) continue;
            trail.Push(new Change(other, minOffsets[other]));
            Work.Units += MoveWork;
            height = AlignUp(other, height);
            minOffsets[other] = height;
            ordering.Move(preorderOf[other], height);
            if (fixedOffsets[other] != NoOffset && height > fixedOffsets[other]) fixedFailure = true;
            if (height > highest) highest = height;
            floor.Raised(other);
        }
        return hatless;
    }

    /// <summary>
    /// Puts back the min offsets changed since <paramref name="mark"/>, most recent first, telling the ordering and
    /// the unallocated floor.
    /// </summary>
    public void RestoreMinOffsets<TOrdering, TFloor>(ref TOrdering ordering, ref TFloor floor, int mark)
        where TOrdering : struct, IOrdering
        where TFloor : struct, IUnallocatedFloor
    {
        var trail = MinOffsetTrail;
        Debug.Assert(mark <= trail.Count);
        var changes = trail.Items;
        var minOffsets = MinOffsets;
        var preorderOf = PreorderOf;
        for (int i = trail.Count - 1; i >= mark; i--)
        {
            int other = changes[i].Index;
            Debug.Assert(Offsets[other] == NoOffset && changes[i].Value < minOffsets[other], "only unplaced buffers were raised");
            minOffsets[other] = changes[i].Value;
            ordering.Move(preorderOf[other], changes[i].Value);
            floor.Lowered(other);
        }
        trail.Truncate(mark);
    }

    /// <summary>Places <paramref name="b"/> at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Place(int b, long offset)
    {
        Debug.Assert(Offsets[b] == NoOffset, "a buffer is placed once on any path of the search");
        Debug.Assert(offset >= MinOffsets[b], "a buffer goes no lower than its min offset");
        Offsets[b] = offset;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Unplace(int b)
    {
        Debug.Assert(Offsets[b] != NoOffset);
        Offsets[b] = NoOffset;
    }
}
