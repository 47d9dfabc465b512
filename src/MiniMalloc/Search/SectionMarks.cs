using System.Diagnostics;
using System.Runtime.CompilerServices;
using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// Sections marked by a placement for the unallocated floor, without deduplication: each mark adds one to a
/// difference array over a span, and <see cref="Open"/> turns the marks of a range of sections into a union-find
/// in which every section not marked (or that cannot rise) points past itself, so that a walk can visit the
/// marked ones still open in O(α) each. O(spans) per mark, O(sections of the sub-problem) per placement.
/// </summary>
internal sealed class SectionMarks
{
    private readonly int[] _coverDelta;
    private readonly int[] _nextOpen;

    public SectionMarks(int sectionCount)
    {
        _coverDelta = new int[sectionCount + 1];
        _nextOpen = new int[sectionCount + 1];
    }

    public void Mark(SectionSpan[] spans)
    {
        foreach (var span in spans)
        {
            _coverDelta[span.Lower]++;
            _coverDelta[span.Upper]--;
        }
    }

    /// <summary>Forgets the marks in sections [lower, upper] (all of them lie there).</summary>
    public void Clear(int lower, int upper) => Array.Clear(_coverDelta, lower, upper - lower + 1);

    /// <summary>
    /// Opens the marked sections of [lower, upper) whose floor is below <paramref name="ceiling"/>, closes the
    /// others, and clears the marks; returns how many are open.
    /// </summary>
    public int Open(int lower, int upper, long[] floors, long ceiling)
    {
        var coverDelta = _coverDelta;
        var next = _nextOpen;
        int open = 0, cover = 0;
        for (int s = lower; s < upper; s++)
        {
            cover += coverDelta[s];
            coverDelta[s] = 0;
            if (cover > 0 && floors[s] < ceiling)
            {
                next[s] = s;
                open++;
            }
            else
            {
                next[s] = s + 1;
            }
        }
        Debug.Assert(cover + coverDelta[upper] == 0, "every mark ends within the range");
        coverDelta[upper] = 0;
        next[upper] = upper;
        return open;
    }

    /// <summary>The first open section at or after <paramref name="s"/> (upper when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindOpen(int s)
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

    /// <summary>Section <paramref name="s"/> (open) is done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Close(int s) => _nextOpen[s] = s + 1;
}
