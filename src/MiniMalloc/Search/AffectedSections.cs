using System.Diagnostics;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// Sections marked by a placement for the unallocated floor, as runs: each raised buffer's spans are noted as they
/// come (O(spans)), then sorted and merged into disjoint runs once (O(r log r) for r spans): nothing per section of
/// a span, and nothing per section of the sub-problem.
/// </summary>
/// <remarks>
/// On a large live set a placement raises hundreds of buffers whose spans cover about the same sections: marking
/// them section by section cost the sum of their lengths, many times the sections actually affected.
/// </remarks>
internal sealed class AffectedSections
{
    // A run [lower, upper) packed as lower << 32 | upper, so that sorting the numbers sorts the runs by lower end.
    private readonly ValueStack<long> _runs = new(64);
    private int _merged = -1;

    /// <summary>Notes the sections of a buffer with these spans.</summary>
    public void Mark(SectionSpan[] spans)
    {
        Debug.Assert(_merged < 0, "marks come before the runs are read");
        foreach (var span in spans)
        {
            if (span.Upper > span.Lower) _runs.Push(((long)span.Lower << 32) | (uint)span.Upper);
        }
    }

    /// <summary>Sorts and merges the noted spans into disjoint runs in increasing order; returns how many.</summary>
    public int Merge()
    {
        if (_merged >= 0) return _merged;
        var runs = _runs.Items;
        int count = _runs.Count;
        if (count > 1) runs.AsSpan(0, count).Sort();
        int merged = 0;
        for (int i = 0; i < count; i++)
        {
            int lower = (int)(runs[i] >> 32), upper = (int)(uint)runs[i];
            if (merged > 0 && lower <= (int)(uint)runs[merged - 1])
            {
                int last = Math.Max(upper, (int)(uint)runs[merged - 1]);
                runs[merged - 1] = (runs[merged - 1] & ~0xFFFFFFFFL) | (uint)last;
                continue;
            }
            runs[merged++] = ((long)lower << 32) | (uint)upper;
        }
        _runs.SetCount(merged);
        _merged = merged;
        return merged;
    }

    /// <summary>The <paramref name="index"/>th merged run (after <see cref="Merge"/>).</summary>
    public (int Lower, int Upper) Run(int index)
    {
        Debug.Assert(_merged >= 0 && index < _merged);
        long run = _runs.Items[index];
        return ((int)(run >> 32), (int)(uint)run);
    }

    /// <summary>Forgets the marks; the next ones start a new list.</summary>
    public void Clear()
    {
        _runs.Truncate(0);
        _merged = -1;
    }
}
