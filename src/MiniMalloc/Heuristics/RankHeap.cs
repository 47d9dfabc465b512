namespace MiniMalloc.Heuristics;

/// <summary>A binary min-heap of positions, preallocated once: the buffers a move must re-place, in order.</summary>
internal sealed class RankHeap(int capacity)
{
    private readonly int[] _items = new int[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(int value)
    {
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (_items[parent] <= value) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = value;
    }

    public int PopMin()
    {
        int min = _items[0];
        int last = _items[--Count];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && _items[child + 1] < _items[child]) child++;
            if (_items[child] >= last) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = last;
        return min;
    }
}
