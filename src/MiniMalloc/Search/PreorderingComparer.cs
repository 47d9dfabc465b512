namespace MiniMalloc.Search;

/// <summary>
/// Compares buffers by a heuristic string: each letter a key, compared in descending order, ties broken by
/// ascending buffer index so that the order is total and deterministic.
/// </summary>
internal readonly struct PreorderingComparer : IComparer<PreorderKey>
{
    private readonly string _heuristic;

    public PreorderingComparer(string heuristic) => _heuristic = heuristic;

    /// <summary>The heuristic's letters, each a key compared in descending order.</summary>
    public string Heuristic => _heuristic;

    public int Compare(PreorderKey a, PreorderKey b)
    {
        foreach (char c in _heuristic)
        {
            int r = c switch
            {
                'A' => b.Area.CompareTo(a.Area),
                'C' => b.Sections.CompareTo(a.Sections),
                'L' => b.Lower.CompareTo(a.Lower),
                'O' => b.Overlaps.CompareTo(a.Overlaps),
                'T' => b.Total.CompareTo(a.Total),
                'U' => b.Upper.CompareTo(a.Upper),
                'W' => b.Width.CompareTo(a.Width),
                'Z' => b.Size.CompareTo(a.Size),
                _ => 0,
            };
            if (r != 0) return r;
        }
        return a.Buffer.CompareTo(b.Buffer);
    }
}
