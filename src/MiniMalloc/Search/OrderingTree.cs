using System.Diagnostics;

namespace MiniMalloc.Search;

/// <summary>
/// The dynamic ordering of a large sub-problem, kept up to date instead of rebuilt at every node: its unplaced
/// buffers (by preorder index) sorted by (min offset, preorder index), in a treap whose nodes also know the lowest
/// top (min offset + size) beneath them, for the dominance check. A node of the search finds its candidates as
/// successors of the one it tried last, which is where it left them once the child's changes are undone.
/// O(log k) per change, O(k) memory; no allocation after construction.
/// </summary>
/// <remarks>
/// A search that found its answer (or stopped) undoes every placement on its way back, each raise included: on a
/// large live set that is as many tree moves as the way down took. Nothing searches the tree on the way back, so it
/// can be <see cref="Suspend"/>ed: entries then only come and go (with their keys) until a node searches it again,
/// which rebuilds it once (<see cref="EnsureOrdered"/>; only when a decomposition's later piece fails after an
/// earlier one was found, and the node below it tries its next candidate).
/// </remarks>
internal sealed class OrderingTree
{
    private const int Nil = -1;

    private readonly long[] _size;
    private readonly long[] _key;
    private readonly long[] _minTop;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly uint[] _priority;
    private readonly bool[] _present;
    private int _root = Nil;
    private bool _suspended;

    /// <summary>Creates an empty tree for the entries 0 .. sizes.Length - 1 (preorder indices), of these sizes.</summary>
    public OrderingTree(long[] sizes)
    {
        int k = sizes.Length;
        _size = sizes;
        _key = new long[k];
        _minTop = new long[k];
        _left = new int[k];
        _right = new int[k];
        _priority = new uint[k];
        _present = new bool[k];
        for (int i = 0; i < k; i++)
        {
            // A fixed hash, not a random generator: the shape (and so the run time) is the same every run.
            uint h = (uint)i * 0x9E3779B1u;
            h ^= h >> 15;
            h *= 0x85EBCA77u;
            h ^= h >> 13;
            _priority[i] = h;
        }
    }

    /// <summary>How many entries are in the tree.</summary>
    public int Count { get; private set; }

    /// <summary>True when no entry is in the tree.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>
    /// Stops keeping the entries in order: until <see cref="EnsureOrdered"/>, inserts and removals record only which
    /// entries are in the tree and their keys (O(1)), and nothing may read the order.
    /// </summary>
    public void Suspend() => _suspended = true;

    /// <summary>Rebuilds the order after <see cref="Suspend"/> (O(k log k)); nothing to do otherwise.</summary>
    public void EnsureOrdered()
    {
        if (!_suspended) return;
        _suspended = false;
        _root = Nil;
        for (int id = 0; id < _present.Length; id++)
        {
            if (!_present[id]) continue;
            _left[id] = _right[id] = Nil;
            _minTop[id] = _key[id] + _size[id];
            _root = Insert(_root, id);
        }
    }

    /// <summary>The lowest min offset + size of any entry (long.MaxValue when empty).</summary>
    public long MinTop
    {
        get
        {
            Debug.Assert(!_suspended, "a suspended tree is not searched");
            return _root == Nil ? long.MaxValue : _minTop[_root];
        }
    }

    /// <summary>The min offset entry <paramref name="id"/> was inserted with.</summary>
    public long KeyOf(int id) => _key[id];

    /// <summary>Inserts entry <paramref name="id"/> (not in the tree) at min offset <paramref name="offset"/>.</summary>
    public void Insert(int id, long offset)
    {
        Debug.Assert(id >= 0 && id < _size.Length && !_present[id], "an entry is inserted once");
        _key[id] = offset;
        _present[id] = true;
        Count++;
        if (_suspended) return;
        _left[id] = _right[id] = Nil;
        _minTop[id] = offset + _size[id];
        _root = Insert(_root, id);
    }

    /// <summary>Removes entry <paramref name="id"/> (in the tree).</summary>
    public void Remove(int id)
    {
        Debug.Assert(id >= 0 && id < _size.Length && _present[id], "only an entry in the tree is removed");
        _present[id] = false;
        Count--;
        if (_suspended) return;
        Debug.Assert(LowerBound(_key[id], id) == id, "an entry in the tree is found at its key");
        _root = Remove(_root, id);
    }

    /// <summary>The first entry not before (offset, preorder), or -1.</summary>
    public int LowerBound(long offset, int preorder)
    {
        Debug.Assert(!_suspended, "a suspended tree is not searched");
        int found = Nil;
        int t = _root;
        while (t != Nil)
        {
            if (Before(t, offset, preorder))
            {
                t = _right[t];
            }
            else
            {
                found = t;
                t = _left[t];
            }
        }
        return found;
    }

    /// <summary>The entry after <paramref name="id"/> (which is in the tree), or -1.</summary>
    public int Successor(int id) => LowerBound(_key[id], id + 1);

    private bool Before(int t, long offset, int preorder) => _key[t] < offset || (_key[t] == offset && t < preorder);

    private int Insert(int t, int id)
    {
        if (t == Nil) return id;
        if (_priority[id] > _priority[t])
        {
            Split(t, _key[id], id, out _left[id], out _right[id]);
            Update(id);
            return id;
        }
        if (Before(id, _key[t], t)) _left[t] = Insert(_left[t], id);
        else _right[t] = Insert(_right[t], id);
        Update(t);
        return t;
    }

    private int Remove(int t, int id)
    {
        if (t == id) return Merge(_left[t], _right[t]);
        if (Before(id, _key[t], t)) _left[t] = Remove(_left[t], id);
        else _right[t] = Remove(_right[t], id);
        Update(t);
        return t;
    }

    // Splits t into the entries before (offset, preorder) and the others.
    private void Split(int t, long offset, int preorder, out int before, out int after)
    {
        if (t == Nil)
        {
            before = after = Nil;
            return;
        }
        if (Before(t, offset, preorder))
        {
            Split(_right[t], offset, preorder, out _right[t], out after);
            before = t;
        }
        else
        {
            Split(_left[t], offset, preorder, out before, out _left[t]);
            after = t;
        }
        Update(t);
    }

    // Joins two trees whose entries are all ordered a before b.
    private int Merge(int a, int b)
    {
        if (a == Nil) return b;
        if (b == Nil) return a;
        if (_priority[a] > _priority[b])
        {
            _right[a] = Merge(_right[a], b);
            Update(a);
            return a;
        }
        _left[b] = Merge(a, _left[b]);
        Update(b);
        return b;
    }

    // Also where the treap's invariants are checked (Debug): every node is ordered after its left child and before
    // its right one, and its priority is at least theirs.
    private void Update(int t)
    {
        long top = _key[t] + _size[t];
        int l = _left[t], r = _right[t];
        Debug.Assert(l == Nil || (Before(l, _key[t], t) && _priority[l] <= _priority[t]), "treap order and heap order");
        Debug.Assert(r == Nil || (!Before(r, _key[t], t) && _priority[r] <= _priority[t]), "treap order and heap order");
        if (l != Nil && _minTop[l] < top) top = _minTop[l];
        if (r != Nil && _minTop[r] < top) top = _minTop[r];
        _minTop[t] = top;
    }
}
