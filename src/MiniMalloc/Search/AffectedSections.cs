using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// Sections marked by a placement for the unallocated floor, listed once each (a stamp per section says whether it
/// is listed already): O(sections of the raised buffers) per placement, nothing per section of the sub-problem.
/// </summary>
internal sealed class AffectedSections
{
    private readonly int[] _stamp;
    private readonly ValueStack<int> _listed = new(64);
    private int _current = 1;

    public AffectedSections(int sectionCount) => _stamp = new int[sectionCount];

    public int Count => _listed.Count;

    public int this[int index] => _listed.Items[index];

    public void Mark(SectionSpan[] spans)
    {
        var stamp = _stamp;
        int current = _current;
        foreach (var span in spans)
        {
            for (int s = span.Lower; s < span.Upper; s++)
            {
                if (stamp[s] == current) continue;
                stamp[s] = current;
                _listed.Push(s);
            }
        }
    }

    /// <summary>Forgets the list; the next marks start a new one.</summary>
    public void Clear()
    {
        if (_listed.Count == 0) return;
        _listed.Truncate(0);
        _current++;
    }
}
