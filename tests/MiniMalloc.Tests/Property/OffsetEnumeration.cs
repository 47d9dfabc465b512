using System.Numerics;

namespace MiniMalloc.Tests.Property;

/// <summary>
/// Decides a capacity by trying, for every buffer in turn, every offset any solution could give it: each multiple
/// of its alignment from 0 to capacity - size (or only its fixed offset), skipping exactly those whose bytes are
/// taken at one of its steps. Exact for every kind of problem, windows included; exponential, so it has a node budget.
/// </summary>
/// <remarks>
/// With <c>fast</c> on, three shortcuts lose nothing. Buffers are placed in order of their first step, so every
/// buffer still to be placed lives only at steps at or after the current buffer's first step, and whether the rest
/// can be placed depends only on the bytes taken at those steps: a state (position in the order, those masks) that
/// failed once fails again (memoization). A branch is cut when, at some step, the bytes still to be placed there
/// exceed the free bytes, or when some buffer still to be placed fits at no offset already: bytes only get taken
/// along a branch, so neither can be undone. With <c>fast</c> off it is the plain enumeration, to check them.
/// </remarks>
internal sealed class OffsetEnumeration
{
    private readonly TinyOccupancy _model;
    private readonly bool _fast;
    private readonly int[] _order;
    private readonly long[][] _liveAfter;
    private readonly HashSet<State> _failed = new();
    private long _budget;

    public OffsetEnumeration(TinyOccupancy model, bool fast = true)
    {
        _model = model;
        _fast = fast;
        int n = model.Count;
        // Ties by first step: larger buffers first, as they have fewer places to go.
        _order = Enumerable.Range(0, n).OrderBy(i => model.First[i]).ThenByDescending(i => model.Sizes[i]).ThenBy(i => i).ToArray();
        // _liveAfter[k][s]: the bytes the buffers at positions k and later hold at step s.
        _liveAfter = new long[n + 1][];
        _liveAfter[n] = new long[model.Steps];
        for (int k = n - 1; k >= 0; k--)
        {
            int i = _order[k];
            _liveAfter[k] = (long[])_liveAfter[k + 1].Clone();
            for (int m = 0; m < model.Masks[i].Length; m++) _liveAfter[k][model.First[i] + m] += BitOperations.PopCount(model.Masks[i][m]);
        }
    }

    /// <summary>Search nodes visited by the last call.</summary>
    public long Nodes { get; private set; }

    /// <summary>
    /// Offsets within <paramref name="capacity"/>, or null when none exist. Throws <see cref="TimeoutException"/>
    /// when more than <paramref name="nodeBudget"/> nodes would be needed to decide.
    /// </summary>
    public long[]? FindOffsets(int capacity, long nodeBudget = long.MaxValue)
    {
        Nodes = 0;
        _budget = nodeBudget;
        _failed.Clear();
        var occupied = new ulong[_model.Steps];
        var offsets = new long[_model.Count];
        return Place(0, capacity, occupied, offsets) ? offsets : null;
    }

    private bool Place(int position, int capacity, ulong[] occupied, long[] offsets)
    {
        if (++Nodes > _budget) throw new TimeoutException($"more than {_budget} nodes");
        if (position == _model.Count) return true;
        int i = _order[position];
        if (_fast && !EnoughRoom(position, capacity, occupied)) return false;
        State? state = null;
        if (_fast)
        {
            state = new State(position, occupied.AsSpan(_model.First[i]).ToArray());
            if (_failed.Contains(state)) return false;
        }
        var (start, last) = Range(i, capacity);
        for (int x = start; x <= last; x += _model.Alignments[i])
        {
            if (!_model.Fits(i, x, occupied)) continue;
            _model.Toggle(i, x, occupied);
            offsets[i] = x;
            if (Place(position + 1, capacity, occupied, offsets)) return true;
            _model.Toggle(i, x, occupied);
        }
        if (state is not null) _failed.Add(state);
        return false;
    }

    // The offsets to try: every aligned one that keeps the buffer within the capacity, or only the fixed one.
    private (int Start, int Last) Range(int i, int capacity)
    {
        int fixedOffset = _model.FixedOffsets[i];
        int last = capacity - _model.Sizes[i];
        return fixedOffset >= 0 ? (fixedOffset, Math.Min(fixedOffset, last)) : (0, last);
    }

    private bool EnoughRoom(int position, int capacity, ulong[] occupied)
    {
        var live = _liveAfter[position];
        for (int s = 0; s < occupied.Length; s++)
        {
            if (BitOperations.PopCount(occupied[s]) + live[s] > capacity) return false;
        }
        for (int k = position; k < _model.Count; k++)
        {
            int i = _order[k];
            var (start, last) = Range(i, capacity);
            bool somewhere = false;
            for (int x = start; x <= last && !somewhere; x += _model.Alignments[i]) somewhere = _model.Fits(i, x, occupied);
            if (!somewhere) return false;
        }
        return true;
    }

    private sealed class State : IEquatable<State>
    {
        private readonly int _position;
        private readonly ulong[] _occupied;
        private readonly int _hash;

        public State(int position, ulong[] occupied)
        {
            _position = position;
            _occupied = occupied;
            var hash = new HashCode();
            hash.Add(position);
            foreach (var word in occupied) hash.Add(word);
            _hash = hash.ToHashCode();
        }

        public bool Equals(State? other) =>
            other is not null && other._position == _position && other._occupied.AsSpan().SequenceEqual(_occupied);

        public override bool Equals(object? obj) => Equals(obj as State);

        public override int GetHashCode() => _hash;
    }
}
