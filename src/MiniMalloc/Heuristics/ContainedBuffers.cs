using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The buffers not yet placed, indexed so that the best ranked one whose steps lie within a range is found in
/// O(log² n): a segment tree over the first steps whose nodes list their buffers by end step, each list with a
/// tree of rank minima over it (a merge-sort tree). Removing a buffer clears it from its O(log n) lists, at the
/// places recorded for it when the lists were built.
/// </summary>
internal sealed class ContainedBuffers
{
    private readonly int _leaves;
    private readonly int[] _nodeStart; // where each node's list starts in the flat arrays
    private readonly long[] _key;      // per list entry: the buffer's end step and rank, Key(end, rank) (each list ascending); a removed entry's rank is int.MaxValue
    private readonly int[] _minimum;   // per node: the inner nodes of a tree of rank minima over its list (its leaves are the entries' ranks in _key)
    private readonly int[] _first;
    private readonly int[] _last;
    private readonly int[] _rankOf;
    private readonly int _levels;
    private readonly ushort[] _place;  // per rank and level (rank-major): the buffer's index in its list at that level, modulo 2^16

    /// <summary>Indexes the buffers <paramref name="members"/> (first step, end step and rank of every buffer given).</summary>
    public ContainedBuffers(int stepRanges, int[] first, int[] end, int[] rank, IReadOnlyList<int> members)
    {
        _first = first;
        _last = end;
        _rankOf = rank;
        _leaves = 1;
        while (_leaves < Math.Max(1, stepRanges)) _leaves *= 2;
        int levels = System.Numerics.BitOperations.Log2((uint)_leaves) + 1;
        _levels = levels;
        _nodeStart = new int[2 * _leaves + 1];
        int total = members.Count * levels;
        _key = new long[total];
        _minimum = new int[total];
        // Leaves: the buffers grouped by first step, each group by (end, rank); counted first.
        var count = new int[2 * _leaves];
        foreach (int b in members) count[_leaves + first[b]]++;
        for (int v = _leaves - 1; v >= 1; v--) count[v] = count[2 * v] + count[2 * v + 1];
        int at = 0;
        for (int v = 1; v < 2 * _leaves; v++)
        {
            _nodeStart[v] = at;
            at += count[v];
        }
        _nodeStart[2 * _leaves] = at;
        Debug.Assert(at == total, "every buffer is listed once per level");
        var fill = new int[2 * _leaves];
        foreach (int b in members)
        {
            int v = _leaves + first[b];
            int p = _nodeStart[v] + fill[v]++;
            _key[p] = Key(end[b], rank[b]);
        }
        // A leaf's buffers by end step, then rank. Usually a few buffers start at a step, but any number may.
        for (int v = _leaves; v < 2 * _leaves; v++) Array.Sort(_key, _nodeStart[v], count[v]);
        for (int v = _leaves - 1; v >= 1; v--) MergeChildren(v);
        for (int v = 1; v < 2 * _leaves; v++) BuildMinimum(v);
        // Where each buffer lies in each of its lists, so that removing it searches none of them (binary searches of
        // the long lists near the root were a third of the descent's time, a cache miss per probe); one buffer's
        // places are adjacent, a cache line. Kept modulo 2^16 (two bytes each, 4 MB at 100,000 buffers): only lists
        // longer than that, a few near the root, need a probe or more to tell which of the candidates it is.
        int ranks = 0;
        foreach (int b in members) ranks = Math.Max(ranks, rank[b] + 1);
        _place = new ushort[ranks * levels];
        for (int v = 2 * _leaves - 1, level = 0, levelStart = _leaves; v >= 1; v--)
        {
            if (v < levelStart)
            {
                level++;
                levelStart >>= 1;
            }
            int s = _nodeStart[v], e = _nodeStart[v + 1];
            for (int p = s; p < e; p++) _place[(int)_key[p] * levels + level] = (ushort)((p - s) & PlaceMask);
        }
        Count = members.Count;
    }

    /// <summary>The buffers still listed.</summary>
    public int Count { get; private set; }

    /// <summary>The lowest rank among the listed buffers whose steps lie within [<paramref name="first"/>, <paramref name="end"/>); int.MaxValue when none.</summary>
    public int BestWithin(int first, int end)
    {
        int best = int.MaxValue;
        for (int low = first + _leaves, high = end + _leaves; low < high; low >>= 1, high >>= 1)
        {
            if ((low & 1) == 1) best = Math.Min(best, BestEndingBy(low++, end));
            if ((high & 1) == 1) best = Math.Min(best, BestEndingBy(--high, end));
        }
        return best;
    }

    /// <summary>Removes buffer <paramref name="b"/> from every list.</summary>
    public void Remove(int b)
    {
        int r = _rankOf[b], places = r * _levels;
        long key = Key(_last[b], r);
        for (int v = _leaves + _first[b], level = 0; v >= 1; v >>= 1, level++)
        {
            int s = _nodeStart[v], len = _nodeStart[v + 1] - s;
            int p = _place[places + level];
            while (_key[s + p] != key) p += PlaceMask + 1;
            Debug.Assert(p < len, "a listed buffer is in every list above its leaf, where it was recorded");
            // The entry keeps its end step, so every list stays in order for the searches by end step.
            _key[s + p] = Key(_last[b], int.MaxValue);
            // Ranks are distinct: a minimum above changes only while it was this buffer's rank (and then so was
            // every minimum below it on the path).
            for (int i = (len + p) >> 1; i >= 1 && _minimum[s + i] == r; i >>= 1)
            {
                _minimum[s + i] = Math.Min(Minimum(s, len, 2 * i), Minimum(s, len, 2 * i + 1));
            }
        }
        Count--;
    }

    // The lowest rank in node v's list among entries ending at or before `end` (a prefix of the list).
    private int BestEndingBy(int v, int end)
    {
        int s = _nodeStart[v], len = _nodeStart[v + 1] - s;
        if (len == 0) return int.MaxValue;
        // Most nodes of a wide range end within it: their whole list counts, its minimum at the root of its tree
        // (node 1 of the bottom-up layout holds the minimum of every entry, whatever the length; for one entry, it).
        long beyond = Key(end + 1, 0);
        if (_key[s + len - 1] < beyond) return Minimum(s, len, 1);
        int lo = 0, hi = len;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_key[s + mid] < beyond) lo = mid + 1;
            else hi = mid;
        }
        int best = int.MaxValue;
        for (int l = len, r = len + lo; l < r; l >>= 1, r >>= 1)
        {
            if ((l & 1) == 1) best = Math.Min(best, Minimum(s, len, l++));
            if ((r & 1) == 1) best = Math.Min(best, Minimum(s, len, --r));
        }
        return best;
    }

    // Node i of the bottom-up tree of minima over the list at s of length len: nodes 1 to len - 1 are kept, nodes
    // len to 2 len - 1 are the entries themselves (one entry: node 1 is it). Half the memory of keeping both.
    private int Minimum(int s, int len, int i) => i >= len ? (int)_key[s + i - len] : _minimum[s + i];

    private const int PlaceMask = ushort.MaxValue;

    // An entry's sort key: end step, then rank (both non-negative), in one comparison and one array.
    private static long Key(int end, int rank) => ((long)end << 32) | (uint)rank;

    private void MergeChildren(int v)
    {
        int l = _nodeStart[2 * v], lEnd = _nodeStart[2 * v + 1];
        int r = lEnd, rEnd = _nodeStart[2 * v + 2];
        int o = _nodeStart[v];
        while (l < lEnd || r < rEnd)
        {
            bool left = r >= rEnd || (l < lEnd && _key[l] < _key[r]);
            _key[o++] = _key[left ? l++ : r++];
        }
    }

    private void BuildMinimum(int v)
    {
        int s = _nodeStart[v], len = _nodeStart[v + 1] - s;
        for (int i = len - 1; i >= 1; i--) _minimum[s + i] = Math.Min(Minimum(s, len, 2 * i), Minimum(s, len, 2 * i + 1));
    }
}
