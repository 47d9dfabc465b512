namespace MiniMalloc.Tests.Property;

/// <summary>
/// Finds the minimal height of a problem without windows by trying every order of placing its buffers, each at
/// the lowest aligned offset where it fits among those already placed (fixed buffers placed first, where they must go).
/// </summary>
/// <remarks>
/// <para>Why it is exact when every buffer holds, at each step, all of its bytes or none (no windows). Take any
/// solution S and place the free buffers in increasing order of their offsets in S. By induction each lands at or
/// below its offset in S: at its S offset s_i it clashes with no fixed buffer (S is valid), and with no buffer j
/// placed before it, because j is at or below s_j &lt;= s_i and, where the two hold bytes at the same step, S's
/// validity with s_j &lt;= s_i means s_j + size_j &lt;= s_i. So s_i is a candidate and the lowest fitting offset
/// is at most s_i. The greedy placement of that order is valid and no taller than S; the minimum over all orders
/// is therefore the optimum. (With windows a buffer moved down can block a later one with its window, and the
/// argument fails: <see cref="OffsetEnumeration"/> handles those.)</para>
/// <para>Branch and bound: a branch stops when its height reaches the best found; a state (buffers placed, bytes
/// taken) reached again at no lower height has nothing new below it; the search stops at the live-bytes bound.</para>
/// </remarks>
internal sealed class OrderEnumeration
{
    private readonly TinyOccupancy _model;
    private readonly Dictionary<State, int> _seen = new();
    private long _budget;
    private int _best;
    private int _bound;
    private long[] _bestOffsets = [];

    public OrderEnumeration(TinyOccupancy model)
    {
        if (!model.AllOrNothing) throw new ArgumentException("the order enumeration is only exact without windows");
        _model = model;
    }

    /// <summary>Search nodes visited by the last call.</summary>
    public long Nodes { get; private set; }

    /// <summary>
    /// The lowest height at most <paramref name="ceiling"/> and offsets achieving it, or null when nothing fits
    /// within it. Throws <see cref="TimeoutException"/> when more than <paramref name="nodeBudget"/> nodes would be needed.
    /// </summary>
    public (long Height, long[] Offsets)? Minimize(int ceiling, long nodeBudget = long.MaxValue)
    {
        Nodes = 0;
        _budget = nodeBudget;
        _seen.Clear();
        var occupied = new ulong[_model.Steps];
        var offsets = new long[_model.Count];
        int height = 0;
        _bound = (int)Math.Min(int.MaxValue, _model.LowerBound);
        for (int i = 0; i < _model.Count; i++)
        {
            _bound = Math.Max(_bound, _model.Sizes[i]);
            int x = _model.FixedOffsets[i];
            if (x < 0) continue;
            if (x + _model.Sizes[i] > ceiling || !_model.Fits(i, x, occupied)) return null;
            _model.Toggle(i, x, occupied);
            offsets[i] = x;
            height = Math.Max(height, x + _model.Sizes[i]);
        }
        _best = ceiling + 1;
        _bestOffsets = [];
        int placed = 0;
        for (int i = 0; i < _model.Count; i++) if (_model.FixedOffsets[i] >= 0) placed |= 1 << i;
        Search(placed, height, occupied, offsets);
        return _best <= ceiling ? (_best, _bestOffsets) : null;
    }

    // Returns true once a solution at the lower bound is found: nothing can beat it.
    private bool Search(int placed, int height, ulong[] occupied, long[] offsets)
    {
        if (++Nodes > _budget) throw new TimeoutException($"more than {_budget} nodes");
        if (height >= _best) return false;
        if (placed == (1 << _model.Count) - 1)
        {
            _best = height;
            _bestOffsets = (long[])offsets.Clone();
            return _best <= _bound;
        }
        var state = new State(placed, (ulong[])occupied.Clone());
        if (_seen.TryGetValue(state, out int seenAt) && seenAt <= height) return false;
        _seen[state] = height;
        for (int i = 0; i < _model.Count; i++)
        {
            if ((placed & (1 << i)) != 0) continue;
            int size = _model.Sizes[i];
            int x = 0;
            while (x + size < _best && !_model.Fits(i, x, occupied)) x += _model.Alignments[i];
            if (x + size >= _best) continue; // no room below the best height: this order cannot improve on it
            _model.Toggle(i, x, occupied);
            offsets[i] = x;
            bool done = Search(placed | (1 << i), Math.Max(height, x + size), occupied, offsets);
            _model.Toggle(i, x, occupied);
            if (done) return true;
        }
        return false;
    }

    private sealed class State : IEquatable<State>
    {
        private readonly int _placed;
        private readonly ulong[] _occupied;
        private readonly int _hash;

        public State(int placed, ulong[] occupied)
        {
            _placed = placed;
            _occupied = occupied;
            var hash = new HashCode();
            hash.Add(placed);
            foreach (var word in occupied) hash.Add(word);
            _hash = hash.ToHashCode();
        }

        public bool Equals(State? other) =>
            other is not null && other._placed == _placed && other._occupied.AsSpan().SequenceEqual(_occupied);

        public override bool Equals(object? obj) => Equals(obj as State);

        public override int GetHashCode() => _hash;
    }
}
