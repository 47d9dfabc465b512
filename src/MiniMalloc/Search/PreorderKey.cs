namespace MiniMalloc.Search;

/// <summary>The static attributes a preordering heuristic compares, one per buffer of a sub-problem.</summary>
internal struct PreorderKey
{
    public long Area;
    public long Lower;
    public long Overlaps;
    public long Sections;
    public long Size;
    public long Total;
    public long Upper;
    public long Width;
    public int Buffer;
}
