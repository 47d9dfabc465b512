namespace MiniMalloc.Sweeping;

/// <summary>
/// What the sweep learns about a problem: its sections (the buffers live at the moment before each distinct end
/// time), its partitions, and per buffer the sections it spans and the buffers it overlaps.
/// </summary>
internal sealed class SweepResult
{
    public SweepResult(int[][] sections, Partition[] partitions, SectionSpan[][] spans, OverlapLists overlaps)
    {
        Sections = sections;
        Partitions = partitions;
        Spans = spans;
        Overlaps = overlaps;
    }

    /// <summary>For each section, the buffers live in it (ascending index).</summary>
    public int[][] Sections { get; }

    /// <summary>Independent sub-problems, in time order.</summary>
    public Partition[] Partitions { get; }

    /// <summary>For each buffer, its section spans in time order (one per live piece).</summary>
    public SectionSpan[][] Spans { get; }

    /// <summary>For each buffer, the buffers overlapping it in time, by ascending index, with the effective sizes.</summary>
    public OverlapLists Overlaps { get; }

    /// <summary>
    /// For each boundary between sections i and i + 1, how many buffers span both (counting a buffer from its first
    /// section to its last, across gaps). Zero means the two sides can be solved separately.
    /// </summary>
    public int[] CalculateCuts()
    {
        var cuts = new int[Math.Max(0, Sections.Length - 1)];
        foreach (var spans in Spans)
        {
            int last = spans[^1].Upper;
            for (int s = spans[0].Lower; s + 1 < last; s++) cuts[s]++;
        }
        return cuts;
    }
}
