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

    // One entry's fields side by side: a search or an update visits a node and reads all of them, so each node costs
    // one cache line instead of one per field.
    private struct Node
    {
        public long Key;
        public long MinTop;
        public long Size;
        public int Left;
        public int Right;
        public uint Priority;
        public bool Present;
    }

    private readonly Node[] _nodes;
    private int _root = Nil;
    private bool _suspended;

    /// <summary>Creates an empty tree for the entries 0 .. sizes.Length - 1 (preorder indices), of these sizes.</summary>
    public OrderingTree(long[] sizes)
    {
        int k = sizes.Length;
        _nodes = new Node[k];
        for (int i = 0; i < k; i++)
        {
            // A fixed hash, not a random generator: the shape (and so the run time) is the same every run.
            uint h = (uint)i * 0x9E3779B1u;
            h ^= h >> 15;
            h *= 0x85EBCA77u;
            h ^= h >> 13;
            _nodes[i].Priority = h;
            _nodes[i].Size = sizes[i];
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
        var nodes = _nodes;
        for (int id = 0; id < nodes.Length; id++)
        {
            ref var node = ref nodes[id];
            if (!node.Present) continue;
            node.Left = node.Right = Nil;
            node.MinTop = node.Key + node.Size;
            _root = Insert(_root, id);
        }
    }

    /// <summary>The lowest min offset + size of any entry (long.MaxValue when empty).</summary>
    public long MinTop
    {
        get
        {
            Debug.Assert(!_suspended, "a suspended tree is not searched");
            return _root == Nil ? long.MaxValue : _nodes[_root].MinTop;
        }
    }

    /// <summary>The min offset entry <paramref name="id"/> was inserted with.</summary>
    public long KeyOf(int id) => _nodes[id].Key;

    /// <summary>Inserts entry <paramref name="id"/> (not in the tree) at min offset <paramref name="offset"/>.</summary>
    public void Insert(int id, long offset)
    {
        Debug.Assert(id >= 0 && id < _nodes.Length && !_nodes[id].Present, "an entry is inserted once");
        ref var node = ref _nodes[id];
        node.Key = offset;
        node.Present = true;
        Count++;
        if (_suspended) return;
        node.Left = node.Right = Nil;
        node.MinTop = offset + node.Size;
        _root = Insert(_root, id);
    }

    /// <summary>Removes entry <paramref name="id"/> (in the tree).</summary>
    public void Remove(int id)
    {
        Debug.Assert(id >= 0 && id < _nodes.Length && _nodes[id].Present, "only an entry in the tree is removed");
        _nodes[id].Present = false;
        Count--;
        if (_suspended) return;
        Debug.Assert(LowerBound(_nodes[id].Key, id) == id, "an entry in the tree is found at its key");
        _root = Remove(_root, id);
    }

    /// <summary>The first entry not before (offset, preorder), or -1.</summary>
    public int LowerBound(long offset, int preorder)
    {
        Debug.Assert(!_suspended, "a suspended tree is not searched");
        var nodes = _nodes;
        int found = Nil;
        int t = _root;
        while (t != Nil)
        {
            if (Before(t, offset, preorder))
            {
                t = nodes[t].Right;
            }
            else
            {
                found = t;
                t = nodes[t].Left;
            }
        }
        return found;
    }

    /// <summary>The entry after <paramref name="id"/> (which is in the tree), or -1.</summary>
    public int Successor(int id) => LowerBound(_nodes[id].Key, id + 1);

    private bool Before(int t, long offset, int preorder)
    {
        long key = _nodes[t].Key;
        return key < offset || (key == offset && t < preorder);
    }

    private int Insert(int t, int id)
    {
        if (t == Nil) return id;
        var nodes = _nodes;
        if (nodes[id].Priority > nodes[t].Priority)
        {
            Split(t, nodes[id].Key, id, out nodes[id].Left, out nodes[id].Right);
            Update(id);
            return id;
        }
        if (Before(id, nodes[t].Key, t)) nodes[t].Left = Insert(nodes[t].Left, id);
        else nodes[t].Right = Insert(nodes[t].Right, id);
        Update(t);
        return t;
    }

    private int Remove(int t, int id)
    {
        var nodes = _nodes;
        if (t == id) return Merge(nodes[t].Left, nodes[t].Right);
        if (Before(id, nodes[t].Key, t)) nodes[t].Left = Remove(nodes[t].Left, id);
        else nodes[t].Right = Remove(nodes[t].Right, id);
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
        var nodes = _nodes;
        if (Before(t, offset, preorder))
        {
            Split(nodes[t].Right, offset, preorder, out nodes[t].Right, out after);
            before = t;
        }
        else
        {
            Split(nodes[t].Left, offset, preorder, out before, out nodes[t].Left);
            after = t;
        }
        Update(t);
    }

    // Joins two trees whose entries are all ordered a before b.
    private int Merge(int a, int b)
    {
        if (a == Nil) return b;
        if (b == Nil) return a;
        var nodes = _nodes;
        if (nodes[a].Priority > nodes[b].Priority)
        {
            nodes[a].Right = Merge(nodes[a].Right, b);
            Update(a);
            return a;
        }
        nodes[b].Left = Merge(a, nodes[b].Left);
        Update(b);
        return b;
    }

    // Also where the treap's invariants are checked (Debug): every node is ordered after its left child and before
    // its right one, and its priority is at least theirs.
    private void Update(int t)
    {
        var nodes = _nodes;
        ref var node = ref nodes[t];
        long top = node.Key + node.Size;
        int l = node.Left, r = node.Right;
        Debug.Assert(l == Nil || (Before(l, node.Key, t) && nodes[l].Priority <= node.Priority), "treap order and heap order");
        Debug.Assert(r == Nil || (!Before(r, node.Key, t) && nodes[r].Priority <= node.Priority), "treap order and heap order");
        if (l != Nil && nodes[l].MinTop < top) top = nodes[l].MinTop;
        if (r != Nil && nodes[r].MinTop < top) top = nodes[r].MinTop;
        node.MinTop = top;
    }
}
