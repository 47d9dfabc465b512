using System.Diagnostics;
using System.Numerics;

namespace MiniMalloc.Search;

/// <summary>
/// The orderings that nodes compute afresh (<see cref="SortedOrdering"/>, <see cref="PreorderOrdering"/>), stacked
/// in one array that grows and shrinks with the depth: a node's ordering lies at [start, start + count), its
/// child's right above it. Also the buffers that the placement in hand raised, sorted for the child's ordering.
/// </summary>
internal sealed class OrderingArena
{
    private OrderEntry[] _raised = new OrderEntry[64];
    private ulong[] _preorderBits = new ulong[64];

    public ValueStack<OrderEntry> Entries { get; } = new(1024);

    /// <summary>
    /// The buffers whose min offset the placement in hand raised, as child-ordering entries sorted by (new min
    /// offset, preorder index): merged with the parent's ordering they give the child's, without a sort.
    /// </summary>
    public OrderEntry[] Raised => _raised;

    public int RaisedCount { get; private set; }

    // Few buffers raised: an insertion sort as they come is cheapest. Many (a placement under a large live set):
    // a sort in O(r log r), since they come in the trail's order (by buffer index), not the ordering's, and an
    // insertion sort would cost the square of the live set per node.
    private const int InsertionSortLimit = 32;

    /// <summary>A sub-problem's first ordering, every buffer at its min offset, sorted or in preorder; where it lies.</summary>
    public (int Start, int Count) PushRoot(int[] order, long[] minOffsets, bool sorted)
    {
        int start = Entries.Count, count = order.Length;
        var entries = Entries.Reserve(count);
        for (int i = 0; i < count; i++) entries[start + i] = new OrderEntry(minOffsets[order[i]], i);
        Entries.SetCount(start + count);
        if (sorted) entries.AsSpan(start, count).Sort();
        return (start, count);
    }

    /// <summary>The lowest min offset + size over the ordering at [start, start + count).</summary>
    public long LowestTop(int start, int count, long[] sizeByPreorder)
    {
        var entries = Entries.Items;
        long lowest = long.MaxValue;
        for (int i = start; i < start + count; i++)
        {
            long top = entries[i].Offset + sizeByPreorder[entries[i].Preorder];
            if (top < lowest) lowest = top;
        }
        return lowest;
    }

    /// <summary>The index (relative to start) of the first entry not before <paramref name="bound"/> in a sorted ordering.</summary>
    public int FirstNotBefore(int start, int count, OrderEntry bound)
    {
        var entries = Entries.Items;
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (OrderEntry.Precedes(entries[start + mid], bound)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Sorts the buffers raised by the placement in hand (trail entries from mark on) into <see cref="Raised"/>.</summary>
    public void CollectRaised(BufferState buffers, int mark)
    {
        var trail = buffers.MinOffsetTrail;
        int count = trail.Count - mark;
        if (_raised.Length < count) _raised = new OrderEntry[Math.Max(count, _raised.Length * 2)];
        var changes = trail.Items;
        var raised = _raised;
        var minOffsets = buffers.MinOffsets;
        var preorderOf = buffers.PreorderOf;
        if (count <= InsertionSortLimit)
        {
            for (int t = 0; t < count; t++)
            {
                int b = changes[mark + t].Index;
                var item = new OrderEntry(minOffsets[b], preorderOf[b]);
                int j = t - 1;
                while (j >= 0 && OrderEntry.Precedes(item, raised[j]))
                {
                    raised[j + 1] = raised[j];
                    j--;
                }
                raised[j + 1] = item;
            }
        }
        else
        {
            bool oneOffset = true;
            int lowest = int.MaxValue, highest = int.MinValue;
            for (int t = 0; t < count; t++)
            {
                int b = changes[mark + t].Index;
                var item = new OrderEntry(minOffsets[b], preorderOf[b]);
                raised[t] = item;
                oneOffset &= item.Offset == raised[0].Offset;
                lowest = Math.Min(lowest, item.Preorder);
                highest = Math.Max(highest, item.Preorder);
            }
            // A placement raises the buffers it overlaps to its top (without gaps or alignment): they share one min
            // offset, so their order is their preorder's, read off a bit set when its words are few beside them.
            if (oneOffset && (highest >> 6) - (lowest >> 6) < PreorderWordsPerRaised * count) SortByPreorder(count, lowest, highest);
            // (offset, preorder) pairs are distinct: any sort gives the same order.
            else raised.AsSpan(0, count).Sort();
        }
        RaisedCount = count;
    }

    private const int PreorderWordsPerRaised = 4;

    // Sorts the first count raised entries, which share one offset and whose preorder indices (distinct) lie in
    // [lowest, highest], by preorder index: a bit per index, set and read back in order (each word cleared as read).
    private void SortByPreorder(int count, int lowest, int highest)
    {
        var raised = _raised;
        long offset = raised[0].Offset;
        int lowWord = lowest >> 6, highWord = highest >> 6;
        if (_preorderBits.Length <= highWord) _preorderBits = new ulong[Math.Max(highWord + 1, 2 * _preorderBits.Length)];
        var bits = _preorderBits;
        for (int t = 0; t < count; t++)
        {
            int p = raised[t].Preorder;
            Debug.Assert((bits[p >> 6] & (1UL << p)) == 0, "a buffer is raised once per placement");
            bits[p >> 6] |= 1UL << p;
        }
        int n = 0;
        for (int w = lowWord; w <= highWord; w++)
        {
            ulong word = bits[w];
            bits[w] = 0;
            while (word != 0)
            {
                raised[n++] = new OrderEntry(offset, (w << 6) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
        Debug.Assert(n == count, "every raised buffer is read back once");
    }

    /// <summary>
    /// The child's sorted ordering on top of the parent's at [parentStart, parentStart + parentCount): the parent's
    /// entries whose buffer is still unplaced and was not raised, merged with the raised ones. Returns its count.
    /// </summary>
    public int Merge(int parentStart, int parentCount, int[] order, BufferState buffers)
    {
        int start = parentStart + parentCount;
        Debug.Assert(Entries.Count == start, "a child's ordering goes right above its parent's");
        var entries = Entries.Reserve(parentCount);
        var offsets = buffers.Offsets;
        var minOffsets = buffers.MinOffsets;
        var raised = _raised;
        int r = 0, raisedCount = RaisedCount, count = 0;
        for (int i = parentStart; i < start; i++)
        {
            var entry = entries[i];
            int b = order[entry.Preorder];
            if (offsets[b] != BufferState.NoOffset || minOffsets[b] != entry.Offset) continue;
            while (r < raisedCount && OrderEntry.Precedes(raised[r], entry)) entries[start + count++] = raised[r++];
            entries[start + count++] = entry;
        }
        while (r < raisedCount) entries[start + count++] = raised[r++];
        Entries.SetCount(start + count);
        Debug.Assert(IsSorted(start, count), "a merge of sorted runs is sorted");
        return count;
    }

    /// <summary>
    /// Keeps, in order, the entries at [start, start + count) whose buffer starts in sections [lower, upper) (a
    /// piece's, for a narrowed view), and drops the arena above them. Returns how many are kept.
    /// </summary>
    public int Keep(int start, int count, int[] order, int[] firstSection, int lower, int upper)
    {
        Debug.Assert(Entries.Count == start + count, "the ordering filtered is the top one");
        var entries = Entries.Items;
        int kept = 0;
        for (int i = start; i < start + count; i++)
        {
            int first = firstSection[order[entries[i].Preorder]];
            if (first >= lower && first < upper) entries[start + kept++] = entries[i];
        }
        Entries.SetCount(start + kept);
        return kept;
    }

    /// <summary>The child's ordering in preorder: the parent's unplaced entries with their current min offsets.</summary>
    public int Filter(int parentStart, int parentCount, int[] order, BufferState buffers)
    {
        int start = parentStart + parentCount;
        Debug.Assert(Entries.Count == start, "a child's ordering goes right above its parent's");
        var entries = Entries.Reserve(parentCount);
        var offsets = buffers.Offsets;
        var minOffsets = buffers.MinOffsets;
        int count = 0;
        for (int i = parentStart; i < start; i++)
        {
            int preorder = entries[i].Preorder;
            int b = order[preorder];
            if (offsets[b] != BufferState.NoOffset) continue;
            entries[start + count++] = new OrderEntry(minOffsets[b], preorder);
        }
        Entries.SetCount(start + count);
        return count;
    }

    private bool IsSorted(int start, int count)
    {
        var entries = Entries.Items;
        for (int i = start + 1; i < start + count; i++)
        {
            if (!OrderEntry.Precedes(entries[i - 1], entries[i])) return false;
        }
        return true;
    }
}
