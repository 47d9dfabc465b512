using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The least weight of items whose sizes add up to at least a target: the weight that must leave a pool at one
/// step so that what stays fits. Solved exactly by a small branch and bound over items sorted by weight per byte
/// (the linear relaxation bounds it), or by that relaxation alone. Optionally also at least so many items above a
/// size (<see cref="SetCounts"/>: a step of several pools, whose buffers cannot straddle two). Reused: no allocation
/// per call once warm.
/// </summary>
internal sealed class CoverKnapsack
{
    private long[] _sizes = new long[16];
    private long[] _weights = new long[16];
    private int[] _order = new int[16];
    private double[] _ratio = new double[16];
    private long[] _sortedSizes = new long[16];
    private long[] _sortedWeights = new long[16];
    private int _count;
    private long _best;
    private long _nodes;
    // Count covers (SetCounts): per limit, its size and how many items above it must still be chosen; per limit and
    // sorted position, how many items above it lie from there on.
    private long[] _above = new long[4];
    private long[] _need = new long[4];
    private int[] _aboveFrom = new int[64];
    private int _covers;

    /// <summary>Nodes one exact solve may visit before it settles for the relaxation's bound.</summary>
    public long NodeCap { get; init; } = 2_000;

    public void Clear()
    {
        _count = 0;
        _covers = 0;
    }

    /// <summary>
    /// Besides the bytes, the chosen items must include at least <c>need</c> items of more than <c>above</c> bytes,
    /// per pair (for the exact solve; the relaxation ignores them, which only weakens it). Set after the items.
    /// </summary>
    public void SetCounts(IReadOnlyList<(long Above, long Need)> counts)
    {
        _covers = counts.Count;
        if (_above.Length < _covers)
        {
            _above = new long[_covers];
            _need = new long[_covers];
        }
        for (int t = 0; t < _covers; t++) (_above[t], _need[t]) = counts[t];
    }

    public void Add(long size, long weight)
    {
        Debug.Assert(size > 0 && weight >= 0, "items have bytes and a weight");
        if (_count == _sizes.Length)
        {
            int length = 2 * _count;
            Array.Resize(ref _sizes, length);
            Array.Resize(ref _weights, length);
            Array.Resize(ref _order, length);
            Array.Resize(ref _ratio, length);
            Array.Resize(ref _sortedSizes, length);
            Array.Resize(ref _sortedWeights, length);
        }
        _sizes[_count] = size;
        _weights[_count++] = weight;
    }

    /// <summary>
    /// A lower bound on the least weight of items whose sizes reach <paramref name="target"/> (exact when
    /// <paramref name="exact"/> and the node cap is not reached), or -1 when all the items together do not reach it.
    /// </summary>
    public long Solve(long target, bool exact)
    {
        bool counted = false;
        for (int t = 0; t < _covers && exact; t++) counted |= _need[t] > 0;
        if (target <= 0 && !counted) return 0;
        long total = 0;
        for (int i = 0; i < _count; i++) total += _sizes[i];
        if (total < target) return -1;
        for (int i = 0; i < _count; i++)
        {
            _order[i] = i;
            _ratio[i] = (double)_weights[i] / _sizes[i];
        }
        // Sorted by weight per byte; the order only steers the search, the bound is exact integer arithmetic.
        Array.Sort(_ratio, _order, 0, _count);
        for (int i = 0; i < _count; i++)
        {
            _sortedSizes[i] = _sizes[_order[i]];
            _sortedWeights[i] = _weights[_order[i]];
        }
        long relaxed = target <= 0 ? 0 : Relaxation(0, target);
        if (!exact) return relaxed;
        if (counted)
        {
            if (_aboveFrom.Length < _covers * (_count + 1)) _aboveFrom = new int[_covers * (_count + 1)];
            for (int t = 0; t < _covers; t++)
            {
                _aboveFrom[t * (_count + 1) + _count] = 0;
                for (int i = _count - 1; i >= 0; i--)
                {
                    _aboveFrom[t * (_count + 1) + i] = _aboveFrom[t * (_count + 1) + i + 1] + (_sortedSizes[i] > _above[t] ? 1 : 0);
                }
                if (_aboveFrom[t * (_count + 1)] < _need[t]) return -1; // the items above it are too few
            }
        }
        _best = long.MaxValue;
        _nodes = 0;
        Search(0, 0, target);
        // Cut short: the relaxation still bounds it (and the search's best, when found, is an upper bound only).
        Debug.Assert(_nodes > NodeCap || _best < long.MaxValue, "choosing every item covers everything");
        return _nodes > NodeCap || _best == long.MaxValue ? relaxed : _best;
    }

    // The linear relaxation from item `from` on, rounded up: whole items by weight per byte, then a fraction.
    private long Relaxation(int from, long target)
    {
        long weight = 0;
        for (int i = from; i < _count; i++)
        {
            if (_sortedSizes[i] >= target)
            {
                Int128 part = (Int128)_sortedWeights[i] * target;
                return weight + (long)((part + _sortedSizes[i] - 1) / _sortedSizes[i]);
            }
            target -= _sortedSizes[i];
            weight += _sortedWeights[i];
        }
        return long.MaxValue;
    }

    private void Search(int from, long weight, long target)
    {
        bool counted = true;
        for (int t = 0; t < _covers; t++)
        {
            if (_need[t] <= 0) continue;
            counted = false;
            if (_aboveFrom[t * (_count + 1) + from] < _need[t]) return; // too few items above it left
        }
        if (target <= 0 && counted)
        {
            if (weight < _best) _best = weight;
            return;
        }
        if (from == _count || ++_nodes > NodeCap) return;
        long bound = target <= 0 ? 0 : Relaxation(from, target);
        if (bound == long.MaxValue || weight + bound >= _best) return;
        Count(from, -1);
        Search(from + 1, weight + _sortedWeights[from], target - _sortedSizes[from]);
        Count(from, +1);
        Search(from + 1, weight, target);
    }

    // Item i chosen (sign -1) or given back (+1): the count covers it is above.
    private void Count(int i, int sign)
    {
        for (int t = 0; t < _covers; t++)
        {
            if (_sortedSizes[i] > _above[t]) _need[t] += sign;
        }
    }
}
