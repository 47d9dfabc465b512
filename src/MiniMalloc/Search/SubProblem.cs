using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// A partition (or a piece of one, after a decomposition) being searched: its buffers in partition order
/// (<see cref="Buffers"/>, used to publish a leaf's offsets), the same buffers in preorder (<see cref="Order"/>), the
/// size of each by preorder index, and the sections it spans.
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

    /// <summary>Preorder index → buffer.</summary>
    public int[] Order { get; set; }

    /// <summary>Preorder index → buffer size (read on every node by the dominance check).</summary>
    public long[] SizeByPreorder { get; set; } = [];

    /// <summary>
    /// The preorder indices its buffers had in the enclosing sub-problem (null before it is preordered), restored
    /// when this sub-problem is done so that the enclosing one can go on.
    /// </summary>
    public int[]? SavedPreorder { get; set; }

    /// <summary>
    /// The positions i of <see cref="Order"/> whose buffer ties with the one at i - 1 on every key of the heuristic
    /// that comes before its section totals (the T, the only key that changes as buffers are placed), in increasing
    /// order; null before a sorting preorder. Buffers of different runs of ties are ordered whatever the totals: only
    /// within a run can a later preorder differ.
    /// </summary>
    public int[]? Ties { get; set; }

    /// <summary>
    /// True when no two neighbours tie (<see cref="Ties"/> empty): any subset of these buffers, listed in this order,
    /// is in its own preorder whatever the totals by then. A piece of a decomposition lists its buffers in this order
    /// and takes this over, so that neither it nor a narrowed view needs to compare them again.
    /// </summary>
    public bool OrderWithoutTotals => Ties is { Length: 0 };

    /// <summary>The live ordering of a large sub-problem (null: orderings are computed per node in the arena; see <see cref="OrderingChoice"/>).</summary>
    public OrderingTree? Tree { get; set; }

    /// <summary>
    /// True for a narrowed view of an enclosing sub-problem (see <see cref="Narrowed"/>): it shares that one's
    /// preorder, sizes and tree, and its <see cref="Buffers"/> include the ones placed before it began.
    /// </summary>
    public bool IsView { get; private init; }

    /// <summary>
    /// This sub-problem restricted to sections [lower, upper), where all its unplaced buffers lie: what a
    /// decomposition into a single piece would search, when that piece's preorder would keep the buffers' relative
    /// order (so this one's preorder indices, with holes where buffers are placed, order them the same way).
    /// Shares every array: O(1) instead of a new preorder, ordering and tree.
    /// </summary>
    public SubProblem Narrowed(int lower, int upper)
    {
        Debug.Assert(SectionLower <= lower && lower < upper && upper <= SectionUpper);
        return new(Buffers, lower, upper)
        {
            Order = Order,
            SizeByPreorder = SizeByPreorder,
            Tree = Tree,
            Ties = Ties,
            IsView = true,
            OuterLower = SectionLower,
            OuterUpper = SectionUpper,
        };
    }

    /// <summary>A view's: the sections of the sub-problem it narrows (its siblings lie there, outside its own).</summary>
    public int OuterLower { get; private init; }

    public int OuterUpper { get; private init; }

    public int SectionLower { get; }

    public int SectionUpper { get; }
}
