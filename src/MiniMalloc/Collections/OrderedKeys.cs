using System.Diagnostics;
using MiniMalloc.Heuristics;

namespace MiniMalloc.Collections;

/// <summary>
/// A set of distinct <see cref="Int128"/> keys with insert, remove, and the nearest key at or above (ceiling) or at
/// or below (floor) a value, each in O(log n) expected: a treap in arrays, its priorities from a fixed seed so that
/// its shape (and so its speed) is the same on every run. Used where a sweep needs neighbours by offset, or the
/// smallest free hole of at least a size, without copying the live set at every step (as <see cref="SortedSet{T}"/>
/// views would cost).
/// </summary>
internal sealed class OrderedKeys
{
    private Int128[] _keys;
    private ulong[] _priorities;
    private int[] _left;
    private int[] _right;
    private readonly Stack<int> _free = new();
    private SplitMix64 _random = new(0x5EED);
    private int _root = -1;
    private int _used;

    public OrderedKeys(int capacity = 16)
    {
        capacity = Math.Max(capacity, 4);
        _keys = new Int128[capacity];
        _priorities = new ulong[capacity];
        _left = new int[capacity];
        _right = new int[capacity];
    }

    /// <summary>How many keys the set holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="key"/>, which must not be in the set.</summary>
    public void Add(Int128 key)
    {
        int node = NewNode(key);
        ulong priority = _priorities[node];
        // Down to where the new node belongs by its priority (the heap order), then the subtree there splits around
        // it: one pass, no recursion (sweeps add and remove a key or two per buffer).
        ref int link = ref _root;
        while (link >= 0 && _priorities[link] > priority)
        {
            Debug.Assert(_keys[link] != key, "keys are distinct");
            link = ref key < _keys[link] ? ref _left[link] : ref _right[link];
        }
        Split(link, key, out _left[node], out _right[node]);
        Debug.Assert(_right[node] < 0 || _keys[Leftmost(_right[node])] != key, "keys are distinct");
        link = node;
        Count++;
    }

    /// <summary>Removes <paramref name="key"/>; false when it was not in the set.</summary>
    public bool Remove(Int128 key)
    {
        ref int link = ref _root;
        while (link >= 0 && _keys[link] != key) link = ref key < _keys[link] ? ref _left[link] : ref _right[link];
        if (link < 0) return false;
        int node = link;
        link = Merge(_left[node], _right[node]);
        _free.Push(node);
        Count--;
        return true;
    }

    /// <summary>The smallest key at or above <paramref name="value"/>, if any.</summary>
    public bool TryCeiling(Int128 value, out Int128 key)
    {
        int node = _root, best = -1;
        while (node >= 0)
        {
            if (_keys[node] >= value)
            {
                best = node;
                node = _left[node];
            }
            else
            {
                node = _right[node];
            }
        }
        key = best >= 0 ? _keys[best] : default;
        return best >= 0;
    }

    /// <summary>The largest key at or below <paramref name="value"/>, if any.</summary>
    public bool TryFloor(Int128 value, out Int128 key)
    {
        int node = _root, best = -1;
        while (node >= 0)
        {
            if (_keys[node] <= value)
            {
                best = node;
                node = _right[node];
            }
            else
            {
                node = _left[node];
            }
        }
        key = best >= 0 ? _keys[best] : default;
        return best >= 0;
    }

    /// <summary>The largest key, if any.</summary>
    public bool TryMax(out Int128 key) => TryFloor(Int128.MaxValue, out key);

    private int NewNode(Int128 key)
    {
        int node;
        if (_free.Count > 0)
        {
            node = _free.Pop();
        }
        else
        {
            if (_used == _keys.Length)
            {
                int size = _keys.Length * 2;
                Array.Resize(ref _keys, size);
                Array.Resize(ref _priorities, size);
                Array.Resize(ref _left, size);
                Array.Resize(ref _right, size);
            }
            node = _used++;
        }
        _keys[node] = key;
        _priorities[node] = _random.Next();
        _left[node] = _right[node] = -1;
        return node;
    }

    private int Leftmost(int node)
    {
        while (_left[node] >= 0) node = _left[node];
        return node;
    }

    // Splits the tree at node into keys below key and keys at or above it, iteratively: each node passed hangs on the
    // open end of one side.
    private void Split(int node, Int128 key, out int less, out int atOrAbove)
    {
        less = atOrAbove = -1;
        ref int low = ref less, high = ref atOrAbove;
        while (node >= 0)
        {
            if (_keys[node] < key)
            {
                low = node;
                low = ref _right[node];
                node = low;
            }
            else
            {
                high = node;
                high = ref _left[node];
                node = high;
            }
        }
        low = -1;
        high = -1;
    }

    // Joins two trees whose keys are all below (a) and all above (b).
    private int Merge(int a, int b)
    {
        if (a < 0) return b;
        if (b < 0) return a;
        if (_priorities[a] > _priorities[b])
        {
            _right[a] = Merge(_right[a], b);
            return a;
        }
        _left[b] = Merge(a, _left[b]);
        return b;
    }
}
