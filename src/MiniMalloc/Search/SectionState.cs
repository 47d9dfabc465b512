using System.Diagnostics;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// What section inference knows about each section: its floor (the lowest offset at which anything unplaced
/// there can still go) and its total (the bytes of its unplaced buffers), with the floors' undo trail.
/// </summary>
/// <remarks>
/// A placement writes its own sections' floors first (one trail entry per section, in span order) and then any
/// floor the unallocated floor raises; the bounds that keep maxima over these arrays rely on that order when they
/// undo it.
/// </remarks>
internal sealed class SectionState
{
    public readonly long[] Floor;
    public readonly long[] Total;

    /// <summary>For each section, the buffers live in it.</summary>
    public readonly int[][] Members;

    /// <summary>
    /// For each section, the last unplaced buffer the listed floor found at or below the section's floor (-1: none
    /// yet). Only a hint, never undone: it is checked against the current state before it is believed, so that a
    /// section whose floor an unplaced buffer still reaches costs one look instead of a scan over its members (placed
    /// ones first, on long-lived sections).
    /// </summary>
    public readonly int[] FloorWitness;

    /// <summary>The floors before each change, most recent last: popped back to a mark on backtrack.</summary>
    public readonly ValueStack<Change> FloorTrail = new(1024);

    /// <summary>The search's work: the sections occupied and raised count towards it.</summary>
    public readonly WorkMeter Work;

    public SectionState(SweepResult sweep, WorkMeter work)
    {
        Work = work;
        Members = sweep.Sections;
        Floor = new long[Members.Length];
        Total = new long[Members.Length];
        FloorWitness = new int[Members.Length];
        Array.Fill(FloorWitness, -1);
        foreach (var spans in sweep.Spans)
        {
            foreach (var span in spans)
            {
                for (int s = span.Lower; s < span.Upper; s++) Total[s] += span.Window.Size;
            }
        }
    }

    public int Count => Floor.Length;

    /// <summary>
    /// A buffer with these spans was placed at <paramref name="offset"/>: its sections get its top as their floor
    /// and lose its bytes from their total. Returns the largest floor + total among them.
    /// </summary>
    public long Occupy(SectionSpan[] spans, long offset)
    {
        var floors = Floor;
        var totals = Total;
        long inside = long.MinValue;
        foreach (var span in spans)
        {
            long height = offset + span.Window.Upper;
            long size = span.Window.Size;
            Work.Units += span.Upper - span.Lower;
            for (int s = span.Lower; s < span.Upper; s++)
            {
                FloorTrail.Push(new Change(s, floors[s]));
                floors[s] = height;
                long total = totals[s] -= size;
                Debug.Assert(total >= 0, "a section's total counts only the bytes of buffers live in it");
                if (height + total > inside) inside = height + total;
            }
        }
        return inside;
    }

    /// <summary>The unallocated floor raised section <paramref name="s"/>'s floor to <paramref name="floor"/>.</summary>
    public void RaiseFloor(int s, long floor)
    {
        Debug.Assert(floor > Floor[s], "floors only rise during a placement");
        Work.Units++;
        FloorTrail.Push(new Change(s, Floor[s]));
        Floor[s] = floor;
    }

    /// <summary>Puts back the floors changed since <paramref name="mark"/>; the trail keeps its entries.</summary>
    public void RestoreFloors(int mark)
    {
        Debug.Assert(mark <= FloorTrail.Count);
        var trail = FloorTrail.Items;
        var floors = Floor;
        for (int i = FloorTrail.Count - 1; i >= mark; i--) floors[trail[i].Index] = trail[i].Value;
    }

    /// <summary>Gives back to its sections' totals the bytes of a buffer with these spans (undoes <see cref="Occupy"/>'s totals).</summary>
    public void Vacate(SectionSpan[] spans)
    {
        var totals = Total;
        foreach (var span in spans)
        {
            long size = span.Window.Size;
            for (int s = span.Lower; s < span.Upper; s++) totals[s] += size;
        }
    }

    /// <summary>Undoes a placement of a buffer with these spans whose changes began at <paramref name="mark"/>.</summary>
    public void Undo(SectionSpan[] spans, int mark)
    {
        RestoreFloors(mark);
        FloorTrail.Truncate(mark);
        Vacate(spans);
    }

    /// <summary>How many sections a buffer with these spans occupies: its first trail entries of a placement.</summary>
    public static int SectionCount(SectionSpan[] spans)
    {
        int count = 0;
        foreach (var span in spans) count += span.Upper - span.Lower;
        return count;
    }
}
