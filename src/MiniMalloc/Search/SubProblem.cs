namespace MiniMalloc.Search;

/// <summary>
/// A partition being searched: its buffers in preorder (<see cref="Order"/>), in partition order
/// (<see cref="Buffers"/>, used to publish a leaf's offsets) and the sections it spans.
/// </summary>
internal sealed class SubProblem
{
    public SubProblem(int[] buffers, int sectionLower, int sectionUpper)
    {
        Buffers = buffers;
        Order = buffers;
        SectionLower = sectionLower;
        SectionUpper = sectionUpper;
    }

    public int[] Buffers { get; }

    public int[] Order { get; set; }

    public int SectionLower { get; }

    public int SectionUpper { get; }
}
