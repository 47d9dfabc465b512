using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The cost bound's integer search towards a plan (<see cref="PoolIntegerBound"/>, per layer, with the layer's LP
/// prices computed once), and the kept sets it finds on the way, which the planner's kept-set search places.
/// </summary>
internal sealed partial class PoolCostBound
{
    /// <summary>
    /// The bound on the whole problem (<see cref="PoolBoundStrength.Strongest"/>) raised, layer by layer, by the integer
    /// keep-or-spill search (<see cref="PoolIntegerBound"/>) towards the plan <paramref name="planPoolOf"/>: at most
    /// the plan's cost, and equal to it when in no layer a kept set that fits leaves less weight than the plan does.
    /// A layer whose search reaches <paramref name="nodeLimit"/>, or whose LP is over its work limit (no prices to
    /// search with), keeps its bound. <paramref name="nodes"/>: the nodes the searches used.
    /// </summary>
    public long IntegerBound(int[] planPoolOf, long nodeLimit, out long nodes)
    {
        nodes = 0;
        _keptSets.Clear();
        Work = 0;
        LpCut = false;
        int n = planPoolOf.Length;
        var none = new int[n];
        Array.Fill(none, -1);
        long bound = BaseCost(none);
        var search = new PoolIntegerBound(this, nodeLimit);
        _roots ??= new (long, long[]?, bool[], long[]?)[_layerCost.Length];
        for (int j = 0; j < _layerCost.Length; j++)
        {
            // The layer's root bound and the LP's prices do not depend on the plan: computed once, for every plan.
            if (_roots[j].Included is null)
            {
                long rootLeaving = LeavingUnit(j, LayerLeaving(j, none, PoolBoundStrength.Strongest));
                var rootRoom = LpWorkEstimate <= _lp.WorkLimit ? LayerRoom(j, none) : null;
                var rootIncluded = Included(j, none);
                var rootPrices = rootRoom is null ? null : _lp.ScaledPrices(rootRoom, rootIncluded, _problem.Weights);
                _roots[j] = (rootLeaving, rootRoom, rootIncluded, rootPrices);
            }
            var (leaving, room, included, prices) = _roots[j];
            Debug.Assert(leaving < long.MaxValue, "with nothing assigned every layer can be emptied");
            long target = 0;
            for (int k = 0; k < n; k++)
            {
                if (_candidate[j][k] && (_layerPools[j] & (1UL << planPoolOf[k])) == 0) target += _problem.Weights[k];
            }
            if (leaving < target && room is not null && prices is not null)
            {
                if (search.Leaving(room, included, _problem.Weights, prices, target, Guide(j, planPoolOf), CountLimits(j)) is { } exact)
                {
                    leaving = Math.Max(leaving, exact);
                }
                nodes += search.Nodes;
                foreach (var (left, kept) in search.Found) _keptSets.Add((j, left, kept));
            }
            bound += _layerCost[j] * leaving;
        }
        return bound;
    }

    /// <summary>
    /// Replaces <see cref="KeptSets"/> by the kept sets of layer <paramref name="j"/> that keep none of
    /// <paramref name="excluded"/> (buffers the plan <paramref name="planPoolOf"/> leaves out of the layer) and leave
    /// less than the plan: the integer search over the other candidates, towards the plan, after
    /// <see cref="IntegerBound"/> computed the layer's prices. A heuristic's question: it claims no bound.
    /// </summary>
    public void KeptSetsAvoiding(int j, int[] planPoolOf, bool[] excluded, long nodeLimit)
    {
        _keptSets.Clear();
        if (_roots is null || _roots[j] is not { Room: { } room, Prices: { } prices, Included: { } included }) return;
        var others = new bool[included.Length];
        long target = 0, left = 0;
        for (int k = 0; k < included.Length; k++)
        {
            bool outside = (_layerPools[j] & (1UL << planPoolOf[k])) == 0;
            Debug.Assert(!excluded[k] || outside, "an excluded buffer is one the plan leaves out");
            others[k] = included[k] && !excluded[k];
            if (_candidate[j][k] && outside) target += _problem.Weights[k];
            if (included[k] && excluded[k]) left += _problem.Weights[k];
        }
        var search = new PoolIntegerBound(this, nodeLimit);
        search.Leaving(room, others, _problem.Weights, prices, target - left, Guide(j, planPoolOf), CountLimits(j));
        foreach (var (leaving, kept) in search.Found) _keptSets.Add((j, leaving + left, kept));
    }

    // Per layer, for IntegerBound: the root bound, the room and candidates, and the LP's prices (null when not run).
    private (long Leaving, long[]? Room, bool[] Included, long[]? Prices)[]? _roots;

    /// <summary>
    /// The kept sets the last <see cref="IntegerBound"/> found, per layer, each leaving less weight than the plan it
    /// searched towards (<see cref="PoolIntegerBound.Found"/>): the layer's pools hold their live bytes at every step.
    /// </summary>
    public IReadOnlyList<(int Layer, long Leaving, bool[] Kept)> KeptSets => _keptSets;

    private readonly List<(int Layer, long Leaving, bool[] Kept)> _keptSets = [];

    // Per buffer, whether the plan keeps it within layer j (the integer search's branch order), when guided.
    private bool[] Guide(int j, int[] planPoolOf) => [.. planPoolOf.Select(p => (_layerPools[j] & (1UL << p)) != 0)];
}
