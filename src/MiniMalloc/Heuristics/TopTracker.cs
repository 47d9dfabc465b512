namespace MiniMalloc.Heuristics;

/// <summary>
/// The highest top (offset + size) over all buffers and how many buffers reach it, kept up to date in O(log n)
/// per changed buffer by a segment tree, so that a move that re-places a few buffers costs a few updates rather
/// than a scan of all of them. Also picks one of the buffers at the top at random.
/// </summary>
internal sealed class TopTracker
{
    private readonly int _leaves;
    private readonly long[] _max;
    private readonly int[] _count;

    public TopTracker(int count)
    {
        _leaves = 1;
        while (_leaves < count) _leaves *= 2;
        _max = new long[2 * _leaves];
        _count = new int[2 * _leaves];
        Array.Fill(_max, long.MinValue);
    }

    /// <summary>The highest top (0 when there are no buffers).</summary>
    public long Max => _count[1] == 0 ? 0 : _max[1];

    /// <summary>How many buffers reach <see cref="Max"/>.</summary>
    public int CountAtMax => _count[1];

    public void Set(int buffer, long top)
    {
        int node = _leaves + buffer;
        _max[node] = top;
        _count[node] = 1;
        for (node >>= 1; node >= 1; node >>= 1)
        {
            int left = 2 * node, right = left + 1;
            long l = _max[left], r = _max[right];
            if (l > r)
            {
                _max[node] = l;
                _count[node] = _count[left];
            }
            else if (r > l)
            {
                _max[node] = r;
                _count[node] = _count[right];
            }
            else
            {
                _max[node] = l;
                _count[node] = _count[left] + _count[right];
            }
        }
    }

    /// <summary>The <paramref name="k"/>-th buffer (in index order) whose top is <see cref="Max"/>; k in [0, CountAtMax).</summary>
    public int AtMax(int k)
    {
        long max = _max[1];
        int node = 1;
        while (node < _leaves)
        {
            int left = 2 * node;
            if (_max[left] == max)
            {
                if (k < _count[left])
                {
                    node = left;
                    continue;
                }
                k -= _count[left];
            }
            node = left + 1;
        }
        return node - _leaves;
    }
}
