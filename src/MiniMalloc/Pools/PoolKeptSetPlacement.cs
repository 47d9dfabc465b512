using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// Turns a kept set of the integer keep-or-spill search (<see cref="PoolIntegerBound"/>, live bytes only) into a plan
/// of the cheapest pool: from a plan, whose pool differs from the kept set by a few buffers, the ones not kept leave
/// it and the kept ones not in it join it, each at its lowest fit, else by the exact single-pool solver over a time
/// window around it (the pool's buffers inside the window placed anew, those crossing its edges anchored), the
/// window widened to the anchored buffers' lifespans while the solver does not place them; every other buffer then
/// goes to its lowest fit in the cheapest pool that has one, heaviest first. A kept set at the live-bytes optimum
/// that places is an optimal plan (its cost is the integer bound); one that does not place says nothing.
/// </summary>
internal sealed class PoolKeptSetPlacement
{
    /// <summary>Windows tried per joining buffer, each the last one widened.</summary>
    private const int Widenings = 8;

    private readonly FoldedPoolProblem _problem;
    private readonly PoolPacking _packing;
    private readonly PoolWork _work;
    private readonly List<int> _anchored = [];
    private readonly List<int> _members = [];

    /// <summary>Whether the last <see cref="Place"/> placed every kept buffer in the pool.</summary>
    public bool Complete => Failed.Count == 0;

    /// <summary>The kept buffers the last <see cref="Place"/> did not place in the pool.</summary>
    public List<int> Failed { get; } = [];

    public PoolKeptSetPlacement(FoldedPoolProblem problem, PoolPacking packing, PoolWork work)
    {
        _problem = problem;
        _packing = packing;
        _work = work;
    }

    /// <summary>
    /// The plan with <paramref name="kept"/> in <paramref name="pool"/> as far as it places, reached from
    /// <paramref name="plan"/>: a kept buffer that does not join within <paramref name="nodes"/> nodes per search stays
    /// where it was; null when some buffer that left then fits nowhere.
    /// </summary>
    public (int[] PoolOf, long[] Offsets)? Place(int pool, bool[] kept, (int[] PoolOf, long[] Offsets) plan, long nodes)
    {
        var buffers = _problem.Buffers;
        int n = buffers.Count;
        // The plan copied and scanned, and at the end scanned again for the buffers that left.
        _work.SpendPass(n);
        _work.SpendPass(n);
        _packing.Clear();
        for (int k = 0; k < n; k++) _packing.Place(k, plan.PoolOf[k], plan.Offsets[k]);
        var joining = new List<int>();
        for (int k = 0; k < n; k++)
        {
            bool allowed = (_problem.Masks[k] & (1UL << pool)) != 0;
            if (plan.PoolOf[k] == pool && !(kept[k] && allowed)) _packing.Remove(k);
            else if (plan.PoolOf[k] != pool && kept[k] && allowed) joining.Add(k);
        }
        Failed.Clear();
        joining.Sort((a, b) => buffers[a].Size != buffers[b].Size ? buffers[b].Size.CompareTo(buffers[a].Size) : a.CompareTo(b));
        // A buffer that does not join stays where it was: the plan may still be cheaper than the one it started from
        // (the caller compares).
        foreach (int k in joining)
        {
            int from = _packing.PoolOf[k];
            long offset = _packing.Offsets[k];
            _packing.Remove(k);
            if (Join(k, pool, nodes)) continue;
            _packing.Place(k, from, offset);
            Failed.Add(k);
        }
        var rest = Enumerable.Range(0, n).Where(k => _packing.PoolOf[k] < 0)
            .OrderByDescending(k => _problem.Weights[k]).ThenByDescending(k => buffers[k].Size).ThenBy(k => k);
        foreach (int k in rest)
        {
            if (_packing.PlaceInCheapestFit(k) < 0) return null;
        }
        return ((int[])_packing.PoolOf.Clone(), (long[])_packing.Offsets.Clone());
    }

    // Buffer k joins the pool: at its lowest fit, else placed with the pool's buffers of a window around it.
    private bool Join(int k, int pool, long nodes)
    {
        var buffers = _problem.Buffers;
        if (_packing.TryFit(k, pool)) return true;
        long lower = buffers[k].Lifespan.Lower, upper = buffers[k].Lifespan.Upper;
        for (int round = 0; round < Widenings; round++)
        {
            _work.SpendPass(buffers.Count);
            _anchored.Clear();
            _members.Clear();
            long wider = lower, widerUpper = upper;
            for (int q = 0; q < buffers.Count; q++)
            {
                if (_packing.PoolOf[q] != pool || buffers[q].Lifespan.Lower >= upper || buffers[q].Lifespan.Upper <= lower) continue;
                bool inside = buffers[q].Lifespan.Lower >= lower && buffers[q].Lifespan.Upper <= upper && buffers[q].Offset is null;
                if (inside)
                {
                    _members.Add(q);
                    continue;
                }
                _anchored.Add(q);
                if (buffers[q].Offset is not null) continue;
                wider = Math.Min(wider, buffers[q].Lifespan.Lower);
                widerUpper = Math.Max(widerUpper, buffers[q].Lifespan.Upper);
            }
            _members.Add(k);
            var verdict = _packing.RepackAround(pool, _anchored, _members, nodes);
            Debug.Assert(verdict != PackVerdict.Placed || _packing.PoolOf[k] == pool, "a placed member is in the pool");
            if (verdict == PackVerdict.Placed) return true;
            if (wider == lower && widerUpper == upper) return false; // nothing left to set free
            (lower, upper) = (wider, widerUpper);
        }
        return false;
    }
}
