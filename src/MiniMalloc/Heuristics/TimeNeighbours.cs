namespace MiniMalloc.Heuristics;

/// <summary>
/// For each buffer, the other buffers whose lifespans overlap its own: the only ones its placement depends on.
/// Stored as one flat adjacency array when the pairs are few enough (the usual case: buffers of a network live
/// briefly); otherwise answered by an interval tree over the lifespans, which needs no memory per pair.
/// </summary>
internal sealed class TimeNeighbours
{
    /// <summary>At most this many adjacency entries (two per overlapping pair) are stored: 64 MB.</summary>
    public const long MaxStoredEntries = 16L << 20;

    // Adjacency: buffer b's neighbours are _adjacency[_first[b] .. _first[b + 1]).
    private readonly int[]? _first;
    private readonly int[]? _adjacency;

    // Interval tree: lifespans sorted by lower bound; the implicit tree over [lo, hi) is rooted at its middle,
    // whose _maxUpper covers the whole range.
    private readonly long[] _lower;
    private readonly long[] _upper;
    private readonly int[] _buffer;
    private readonly long[]? _maxUpper;
    private int[] _found = new int[64];
    private readonly int[] _stack = new int[256];

    /// <summary>Indexes the buffers' lifespans.</summary>
    /// <param name="buffers">The buffers.</param>
    /// <param name="maxStoredEntries">Above this many adjacency entries, the interval tree answers instead.</param>
    public TimeNeighbours(IReadOnlyList<Buffer> buffers, long maxStoredEntries = MaxStoredEntries)
    {
        int n = buffers.Count;
        _lower = new long[n];
        _upper = new long[n];
        _buffer = new int[n];
        for (int b = 0; b < n; b++)
        {
            _buffer[b] = b;
            _lower[b] = buffers[b].Lifespan.Lower;
        }
        Array.Sort(_lower, _buffer);
        for (int p = 0; p < n; p++) _upper[p] = buffers[_buffer[p]].Lifespan.Upper;

        // Buffer p's later neighbours in this order are those starting before it ends: count them first.
        var ends = new int[n];
        long entries = 0;
        for (int p = 0; p < n; p++)
        {
            ends[p] = FirstAtOrAbove(_upper[p]);
            entries += 2L * (ends[p] - p - 1);
        }
        Pairs = entries / 2;
        if (entries <= maxStoredEntries)
        {
            var degree = new int[n + 1];
            for (int p = 0; p < n; p++)
            {
                degree[_buffer[p]] += ends[p] - p - 1;
                for (int q = p + 1; q < ends[p]; q++) degree[_buffer[q]]++;
            }
            _first = new int[n + 1];
            for (int b = 0; b < n; b++) _first[b + 1] = _first[b] + degree[b];
            _adjacency = new int[entries];
            var fill = new int[n];
            Array.Copy(_first, fill, n);
            for (int p = 0; p < n; p++)
            {
                int a = _buffer[p];
                for (int q = p + 1; q < ends[p]; q++)
                {
                    int c = _buffer[q];
                    _adjacency[fill[a]++] = c;
                    _adjacency[fill[c]++] = a;
                }
            }
        }
        else
        {
            _maxUpper = new long[n];
            BuildTree(0, n);
        }
    }

    /// <summary>The number of pairs of buffers whose lifespans overlap.</summary>
    public long Pairs { get; }

    /// <summary>True when the neighbours are stored, false when the interval tree finds them.</summary>
    public bool Stored => _adjacency is not null;

    /// <summary>
    /// The buffers whose lifespans overlap <paramref name="b"/>'s (not b itself). The span is valid until the
    /// next call.
    /// </summary>
    public ReadOnlySpan<int> Of(int b, Lifespan lifespan)
    {
        if (_adjacency is not null) return new ReadOnlySpan<int>(_adjacency, _first![b], _first[b + 1] - _first[b]);
        return Query(b, lifespan.Lower, lifespan.Upper);
    }

    private int FirstAtOrAbove(long value)
    {
        int lo = 0, hi = _lower.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_lower[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private long BuildTree(int lo, int hi)
    {
        if (lo >= hi) return long.MinValue;
        int mid = (lo + hi) >>> 1;
        long max = Math.Max(_upper[mid], Math.Max(BuildTree(lo, mid), BuildTree(mid + 1, hi)));
        _maxUpper![mid] = max;
        return max;
    }

    private ReadOnlySpan<int> Query(int b, long lower, long upper)
    {
        int found = 0, top = 0;
        _stack[top++] = 0;
        _stack[top++] = _lower.Length;
        while (top > 0)
        {
            int hi = _stack[--top];
            int lo = _stack[--top];
            if (lo >= hi) continue;
            int mid = (lo + hi) >>> 1;
            // Nothing in this subtree ends after the lifespan starts, or everything starts after it ends.
            if (_maxUpper![mid] <= lower || _lower[lo] >= upper) continue;
            if (_lower[mid] < upper)
            {
                if (_upper[mid] > lower && _buffer[mid] != b)
                {
                    if (found == _found.Length) Array.Resize(ref _found, found * 2);
                    _found[found++] = _buffer[mid];
                }
                _stack[top++] = mid + 1;
                _stack[top++] = hi;
            }
            _stack[top++] = lo;
            _stack[top++] = mid;
        }
        return new ReadOnlySpan<int>(_found, 0, found);
    }
}
