using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// Static preordering: before a sub-problem is searched, its buffers are sorted by the heuristic of the attempt
/// (<see cref="PreorderingComparer"/>) and numbered in that order; the preorder index breaks ties of the dynamic
/// ordering and defines canonical solutions. A sub-problem of a decomposition renumbers its buffers, so the indices
/// they had in the enclosing one are saved and given back when it is done.
/// </summary>
internal sealed class StaticPreordering
{
    private readonly BufferState _buffers;
    private readonly SectionState _sections;
    private readonly RangeMaxima _totals = new();
    private int _totalsLower;
    private int _totalsUpper;
    private bool _totalsBuilt;
    private PreorderKey[] _keys = [];
    private RankedBuffer[] _ranked = [];
    private readonly ValueStack<int> _ties = new(16);

    public StaticPreordering(BufferState buffers, SectionState sections)
    {
        _buffers = buffers;
        _sections = sections;
    }

    /// <summary>The heuristic of the attempt in hand.</summary>
    public PreorderingComparer Comparer { get; set; }

    /// <summary>
    /// Numbers the buffers of <paramref name="sub"/>: sorted by the heuristic when <paramref name="sort"/>, else as
    /// they are. A piece of a decomposition lists its buffers in the preorder of the sub-problem it came from, which
    /// its own preorder nearly always keeps (only the section totals, the T of the heuristics, change as buffers are
    /// placed): when one pass finds them in order already, that is the order the sort would give (the heuristic's
    /// order is total), without the sort; and when the totals did not decide the sub-problem's preorder
    /// (<see cref="SubProblem.OrderWithoutTotals"/>), they are in order without the pass.
    /// </summary>
    public void Preorder(SubProblem sub, bool sort)
    {
        var buffers = sub.Buffers;
        int k = buffers.Length;
        var order = new int[k];
        bool listed = sub.OrderWithoutTotals;
        if (sort && !listed && !InOrder(buffers, sub.SectionLower, sub.SectionUpper))
        {
            EnsureTotals();
            string heuristic = Comparer.Heuristic;
            if (heuristic.Length <= RankedBuffer.MaxKeys)
            {
                if (_ranked.Length < k) _ranked = new RankedBuffer[Math.Max(k, 2 * _ranked.Length)];
                var ranked = _ranked;
                for (int i = 0; i < k; i++) ranked[i] = RankedBuffer.Of(KeyOf(buffers[i]), heuristic);
                ranked.AsSpan(0, k).Sort();
                for (int i = 0; i < k; i++) order[i] = ranked[i].Buffer;
            }
            else
            {
                if (_keys.Length < k) _keys = new PreorderKey[Math.Max(k, 2 * _keys.Length)];
                var keys = _keys;
                for (int i = 0; i < k; i++) keys[i] = KeyOf(buffers[i]);
                keys.AsSpan(0, k).Sort(Comparer);
                for (int i = 0; i < k; i++) order[i] = keys[i].Buffer;
            }
        }
        else
        {
            buffers.CopyTo(order, 0);
        }
        var sizes = new long[k];
        var saved = new int[k];
        var preorderOf = _buffers.PreorderOf;
        for (int i = 0; i < k; i++)
        {
            int b = order[i];
            sizes[i] = _buffers.Size[b];
            saved[i] = preorderOf[b];
            preorderOf[b] = i;
        }
        sub.Order = order;
        sub.SizeByPreorder = sizes;
        sub.SavedPreorder = saved;
        if (sort && !listed) sub.Ties = TiedPositions(order);
        Debug.Assert(!sort || !listed || InOrder(order, sub.SectionLower, sub.SectionUpper), "a preorder decided without the totals holds for any subset");
    }

    // The positions of a sorted order whose buffer ties with the one before it on every key before the heuristic's
    // first T. Those keys, compared in turn, never rise along the order: two buffers with a position between them
    // that does not tie differ in them, whatever the totals.
    private int[] TiedPositions(int[] order)
    {
        string heuristic = Comparer.Heuristic;
        int keys = heuristic.IndexOf('T');
        if (keys < 0) return [];
        _ties.Truncate(0);
        for (int i = 1; i < order.Length; i++)
        {
            int a = order[i - 1], b = order[i];
            bool decided = false;
            for (int j = 0; j < keys && !decided; j++) decided = Key(heuristic[j], a) != Key(heuristic[j], b);
            if (!decided) _ties.Push(i);
        }
        return _ties.Count == 0 ? [] : _ties.Items.AsSpan(0, _ties.Count).ToArray();
    }

    /// <summary>
    /// Whether preordering the unplaced buffers of <paramref name="sub"/> in sections [<paramref name="lower"/>,
    /// <paramref name="upper"/>) afresh, as a piece (none crosses its bounds), would keep their relative order in
    /// <paramref name="sub"/>'s preorder: only the section totals (T) change as buffers are placed. Then the piece
    /// can be searched as a narrowed view of <paramref name="sub"/>. Only the buffers of its runs of ties
    /// (<see cref="SubProblem.Ties"/>) are compared: O(1) when there are none, plus O(sections + log sections per
    /// comparison) when the totals must break ties.
    /// </summary>
    public bool KeepsOrder(SubProblem sub, int lower, int upper, bool sort)
    {
        if (!sort || sub.OrderWithoutTotals) return true;
        SnapshotLater(lower, upper);
        var order = sub.Order;
        if (sub.Ties is not { } ties) return RunKeepsOrder(order, 0, order.Length, lower, upper);
        // Only within a run of ties can the totals reorder two buffers.
        for (int t = 0; t < ties.Length;)
        {
            int start = ties[t] - 1, end = ties[t] + 1;
            for (t++; t < ties.Length && ties[t] == end; t++) end++;
            if (!RunKeepsOrder(order, start, end, lower, upper)) return false;
        }
        return true;
    }

    // Whether the unplaced buffers of order[start, end) that start in sections [lower, upper) are in order.
    private bool RunKeepsOrder(int[] order, int start, int end, int lower, int upper)
    {
        var offsets = _buffers.Offsets;
        var first = _buffers.FirstSection;
        int previous = -1;
        for (int i = start; i < end; i++)
        {
            int b = order[i];
            if (offsets[b] != BufferState.NoOffset || first[b] < lower || first[b] >= upper) continue;
            if (previous >= 0 && !Precedes(previous, b)) return false;
            previous = b;
        }
        return true;
    }

    // Whether the buffers (of a sub-problem over sections [lower, upper)) are in the heuristic's order already: O(k)
    // comparisons, each reading only the keys it needs.
    private bool InOrder(int[] buffers, int lower, int upper)
    {
        SnapshotLater(lower, upper);
        for (int i = 1; i < buffers.Length; i++)
        {
            if (!Precedes(buffers[i - 1], buffers[i])) return false;
        }
        return true;
    }

    // The section totals of [lower, upper) are the ones to compare, snapshotted when first needed.
    private void SnapshotLater(int lower, int upper)
    {
        _totalsLower = lower;
        _totalsUpper = upper;
        _totalsBuilt = false;
    }

    private void EnsureTotals()
    {
        if (_totalsBuilt) return;
        _totals.Build(_sections.Total, _totalsLower, _totalsUpper);
        _totalsBuilt = true;
    }

    // Whether buffer a comes strictly before b in the order of the heuristic (as PreorderingComparer orders their
    // keys), each key read only when the ones before it tie: on nested lifetimes the widths decide most pairs, and
    // the section totals, which cost a range query over a snapshot taken on first use, are rarely needed.
    private bool Precedes(int a, int b)
    {
        foreach (char letter in Comparer.Heuristic)
        {
            long x = Key(letter, a), y = Key(letter, b);
            if (x != y) return x > y;
        }
        return a < b;
    }

    private long Key(char letter, int b)
    {
        var buffers = _buffers;
        return letter switch
        {
            'A' => buffers.Size[b] * (buffers.Upper[b] - buffers.Lower[b]),
            'C' => buffers.LastSection[b] - buffers.FirstSection[b],
            'L' => buffers.Lower[b],
            'O' => buffers.Overlaps.Count(b),
            'T' => LargestTotal(b),
            'U' => buffers.Upper[b],
            'W' => buffers.Upper[b] - buffers.Lower[b],
            'Z' => buffers.Size[b],
            _ => 0,
        };
    }

    private long LargestTotal(int b)
    {
        EnsureTotals();
        long total = 0;
        foreach (var span in _buffers.Spans[b]) total = Math.Max(total, _totals.Max(span.Lower, span.Upper));
        return total;
    }

    /// <summary>Gives the buffers of <paramref name="sub"/> (done) back their preorder indices in the enclosing sub-problem.</summary>
    public void Release(SubProblem sub)
    {
        if (sub.SavedPreorder is not { } saved) return;
        var order = sub.Order;
        var preorderOf = _buffers.PreorderOf;
        for (int i = 0; i < order.Length; i++)
        {
            Debug.Assert(preorderOf[order[i]] == i, "sub-problems end in the reverse order of their start");
            preorderOf[order[i]] = saved[i];
        }
    }

    private PreorderKey KeyOf(int b)
    {
        var buffers = _buffers;
        long total = 0;
        foreach (var span in buffers.Spans[b]) total = Math.Max(total, _totals.Max(span.Lower, span.Upper));
        long width = buffers.Upper[b] - buffers.Lower[b];
        return new PreorderKey
        {
            Area = buffers.Size[b] * width,
            Lower = buffers.Lower[b],
            Overlaps = buffers.Overlaps.Count(b),
            Sections = buffers.LastSection[b] - buffers.FirstSection[b],
            Size = buffers.Size[b],
            Total = total,
            Upper = buffers.Upper[b],
            Width = width,
            Buffer = b,
        };
    }
}
