using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The floors of <see cref="SkylineDescent"/> over its step ranges, kept as maximal runs of equal floor: the lowest
/// run is found through a queue of runs by (floor, first step), whose entries for runs that changed since are skipped
/// when they come up. Runs are linked through their first steps, so splitting and merging cost O(1) and a queue entry.
/// </summary>
internal sealed class Skyline
{
    private readonly int _ranges;
    private readonly int[] _end;      // per run (by first step): its end step
    private readonly long[] _floor;   // per run: its floor
    private readonly int[] _previous; // per run, and at the end step: the first step of the run before (-1: none)
    private readonly bool[] _starts;  // true at each run's first step
    private readonly PriorityQueue<int, (long Floor, int First)> _queue;
    private int _lowest = -1;

    /// <summary>One run at floor 0 over <paramref name="ranges"/> step ranges.</summary>
    public Skyline(int ranges)
    {
        Debug.Assert(ranges > 0, "a problem with buffers has step ranges");
        _ranges = ranges;
        _end = new int[ranges];
        _floor = new long[ranges];
        _previous = new int[ranges + 1];
        _starts = new bool[ranges];
        _queue = new PriorityQueue<int, (long, int)>(2 * ranges);
        Set(0, ranges, 0, -1);
    }

    /// <summary>The lowest run (the first on a tie): its steps [lower, upper) and floor.</summary>
    public (int Lower, int Upper, long Floor) Lowest()
    {
        while (true)
        {
            // Every run has an entry, so the queue is never empty.
            _queue.TryPeek(out int s, out var key);
            if (_starts[s] && _floor[s] == key.Floor)
            {
                _lowest = s;
                return (s, _end[s], key.Floor);
            }
            _queue.Dequeue();
        }
    }

    /// <summary>
    /// Places a buffer over [<paramref name="first"/>, <paramref name="end"/>), which lies within the lowest run,
    /// with its top at <paramref name="top"/> (above the run's floor); the run splits, and equal neighbours merge.
    /// </summary>
    public void PlaceInLowest(int first, int end, long top)
    {
        int s = _lowest, e = _end[s];
        long floor = _floor[s];
        Debug.Assert(s <= first && end <= e && top > floor, "the buffer lies within the lowest run and rises above it");
        _queue.Dequeue();
        int before = _previous[s];
        if (first > s)
        {
            Set(s, first, floor, before);
            before = s;
        }
        else
        {
            _starts[s] = false;
        }
        // The raised middle merges with a neighbour of the same floor (only possible where it reaches the run's ends).
        int middle = first;
        if (first == s && before >= 0 && _floor[before] == top)
        {
            middle = before;
            before = _previous[before];
        }
        int stop = end;
        if (end == e && e < _ranges && _floor[e] == top)
        {
            stop = _end[e];
            _starts[e] = false;
        }
        if (middle != first) _starts[first] = false;
        Set(middle, stop, top, before);
        if (end < e) Set(end, e, floor, middle);
        _lowest = -1;
    }

    /// <summary>Raises the lowest run to its lower neighbour's floor and merges it with every neighbour at that floor; false when it is the only run.</summary>
    public bool RaiseLowest()
    {
        int s = _lowest, e = _end[s];
        int left = _previous[s], right = e < _ranges ? e : -1;
        if (left < 0 && right < 0) return false;
        _queue.Dequeue();
        long raised = left < 0 ? _floor[right] : right < 0 ? _floor[left] : Math.Min(_floor[left], _floor[right]);
        int start = s, finish = e, before = left;
        if (left >= 0 && _floor[left] == raised)
        {
            _starts[s] = false;
            start = left;
            before = _previous[left];
        }
        if (right >= 0 && _floor[right] == raised)
        {
            _starts[right] = false;
            finish = _end[right];
        }
        Set(start, finish, raised, before);
        _lowest = -1;
        return true;
    }

    private void Set(int first, int end, long floor, int before)
    {
        _starts[first] = true;
        _end[first] = end;
        _floor[first] = floor;
        _previous[first] = before;
        _previous[end] = first;
        _queue.Enqueue(first, (floor, first));
    }
}
