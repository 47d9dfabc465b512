using MiniMalloc.Heuristics;

namespace MiniMalloc.Search;

/// <summary>
/// One minimization: the bound and the best plan so far, and the rounds of probes that improve them.
/// </summary>
/// <remarks>
/// Every round gives each probe four times the nodes of the round before. It probes the lower bound (a plan there
/// is optimal; a proof that nothing fits raises the bound): first thing in the first round, where most instances are
/// decided, and last thing in later ones, where the bound has already resisted and a better plan is the better use
/// of nodes. Then, while there is no plan, the largest height allowed, then a descent from the best plan, one height
/// step at a time. The subset bounds run once, on their share of the budget, when the rest is spent.
/// Just below a height that fits a plan is usually found quickly, while heights near a loose bound can stay
/// undecided for minutes, and which heights fit quickly is erratic: on benchmark J, TWA finds a plan of 1,035,264
/// bytes in 2,429 nodes and one of 1,029,120 in 12,324, but none at the five heights between them within 30,000
/// nodes, nor does any of 13 other heuristics. So the descent goes on past undecided heights and only a run of
/// them ends the round. A proof that nothing fits at a height ends the descent: feasibility is monotone in the
/// capacity.
/// </remarks>
internal sealed class MinimizationRun
{
    private const int BudgetGrowth = 4;

    private readonly Problem _problem;
    private readonly MinimizeOptions _settings;
    private readonly ProbeRunner _probes;
    private readonly long _granularity;
    private readonly long _ceiling;
    private long _lower;
    private LowerBoundProof _proof = LowerBoundProof.MaxLive;
    private Solution? _best;
    private string? _bestHeuristic;
    private readonly IReadOnlyList<string> _descentHeuristics;
    private int _round;
    private long _nodes;
    private readonly long _firstProbeNodes;

    // The problem's capacity is the largest height allowed.
    public MinimizationRun(Problem problem, SolverOptions options, MinimizeOptions settings, StopCondition stop)
    {
        // Minimize what the search can prove things about: windows reserve from byte 0 (see SearchableProblem).
        // Every plan found is also valid for the problem as given.
        _problem = SearchableProblem.WindowsFromZero(problem);
        _settings = settings;
        // By default a probe can place every buffer (one node each) and the budget affords a few such probes: both
        // grow with the problem, or a large problem would never get past its first plan.
        int buffers = _problem.Buffers.Count;
        _probes = new ProbeRunner(options, stop, settings.NodeBudgetFor(buffers));
        _granularity = HeightGranularity.Of(_problem);
        _ceiling = HeightGranularity.RoundDown(problem.Capacity, _granularity);
        _lower = HeightGranularity.RoundUp(CapacityMinimizer.LowerBound(_problem), _granularity);
        _nodes = settings.ProbeNodesFor(buffers);
        _firstProbeNodes = _nodes;
        _descentHeuristics = [settings.Heuristics[0]];
    }

    public MinimizeResult Run()
    {
        TakeInitialPlan();
        // The subset bounds get their share last: an instance decided at its bound never needs them.
        _probes.Limit = _probes.Budget - Math.Min(_settings.SubsetBoundNodes, _probes.Budget);
        RunRounds();
        if (!Finished && _settings.SubsetBoundNodes > 0)
        {
            _probes.Limit = _probes.Budget;
            RaiseBySubsets();
        }
        // Whatever the subset bounds left over goes back to the rounds.
        _probes.Limit = _probes.Budget;
        RunRounds();
        return Result();
    }

    // Each round: the bound (in the first round before anything else, since most instances are decided there; in
    // later ones after the descent), the ceiling while there is no plan, and the descent.
    private void RunRounds()
    {
        for (; !Finished && !_probes.Exhausted; _round++, _nodes = Grow(_nodes))
        {
            if (_round == 0) ProbeLowerBound(_nodes);
            if (_best is null && !Finished && _ceiling > _lower) ProbeCeiling(_nodes);
            if (_best is not null && !Finished) Descend(_nodes);
            if (_round > 0 && !Finished) ProbeLowerBound(_nodes);
        }
    }

    // Optimal (or nothing fits): no height is left between the bound and the best plan (or the ceiling).
    private bool Finished => _lower > (_best is { } b ? b.Height - _granularity : _ceiling);

    private static long Grow(long nodes) => nodes > long.MaxValue / BudgetGrowth ? long.MaxValue : nodes * BudgetGrowth;

    // The heuristic plans the problem as searched (windows from byte 0), like every probe: the bound is proven for
    // that reading, and a plan that used a hole below a window could undercut it. By default the lowest of the
    // cheap constructive plans, not best fit alone: on some real models with in-place outputs first fit by size
    // reaches the lower bound where best fit stays 9 % above it and the probes need twice the default budget to
    // descend that far; the few decodings cost far less than one probe.
    private void TakeInitialPlan()
    {
        var plan = _settings.InitialPlan is { } initial ? initial(_problem, _probes.Stop.Token) : StartingPlans.Best(_problem);
        if (plan is null || plan.Offsets.Count != _problem.Buffers.Count || plan.Height > _problem.Capacity) return;
        if (!Validator.Validate(_problem.WithCapacity(plan.Height), plan).IsValid) return;
        _best = plan;
    }

    // At the bound: a plan there is optimal; a proof that nothing fits raises the bound, and the new one is tried.
    private void ProbeLowerBound(long nodes)
    {
        while (!Finished && !_probes.Exhausted)
        {
            var result = _probes.Probe(_problem, _lower, _settings.Heuristics, nodes);
            if (result.Status == SolveStatus.Solved) Improve(result);
            else if (result.Status == SolveStatus.Infeasible) RaiseBound(_lower, LowerBoundProof.Search);
            else return;
        }
    }

    private void RaiseBySubsets()
    {
        long top = _best is { } b ? b.Height - _granularity : _ceiling;
        long raised = SubsetBound.Raise(_problem, _lower, _granularity, top, _probes, _settings.Heuristics,
            _firstProbeNodes, _settings.SubsetBoundNodes);
        if (raised <= _lower) return;
        _lower = raised;
        _proof = LowerBoundProof.Subset;
    }

    // Without any plan yet, the largest height allowed: usually easy, and then an upper bound to descend from.
    private void ProbeCeiling(long nodes)
    {
        var result = _probes.Probe(_problem, _ceiling, _settings.Heuristics, nodes);
        if (result.Status == SolveStatus.Solved) Improve(result);
        else if (result.Status == SolveStatus.Infeasible) RaiseBound(_ceiling, LowerBoundProof.Search);
    }

    private void Descend(long nodes)
    {
        int failures = 0;
        long height = Below(_best!.Height);
        while (height >= _lower && failures < _settings.FailuresPerRound && !_probes.Exhausted)
        {
            var result = _probes.Probe(_problem, height, _descentHeuristics, nodes);
            if (result.Status == SolveStatus.Solved)
            {
                Improve(result);
                failures = 0;
                height = Below(_best.Height);
            }
            else if (result.Status == SolveStatus.Infeasible)
            {
                RaiseBound(height, LowerBoundProof.Search);
                return;
            }
            else
            {
                failures++;
                height = Below(height);
            }
        }
    }

    // The next height to try below one that fits or stayed undecided: about 1/1024 of the height, or 1/32 of the gap
    // to the bound when that is more, but never more than half the gap, and at least one granularity step.
    private long Below(long height)
    {
        long gap = height - _lower;
        long step = Math.Max(height / 1024, gap / 32);
        step = Math.Min(step, gap / 2);
        step = Math.Max(_granularity, HeightGranularity.RoundDown(step, _granularity));
        return height - step;
    }

    private void Improve(SolveResult result)
    {
        var plan = result.Solution!;
        if (_best is not null && plan.Height >= _best.Height) return;
        _best = plan;
        _bestHeuristic = result.Statistics.Heuristic;
    }

    // Nothing of height at most `height` fits (an exact search said so), so the bound is the next height step.
    private void RaiseBound(long height, LowerBoundProof proof)
    {
        long raised = HeightGranularity.RoundUp(height + 1, _granularity);
        if (raised <= _lower) return;
        _lower = raised;
        _proof = proof;
    }

    private MinimizeResult Result()
    {
        var stop = _probes.Stop;
        long bound = _lower;
        var proof = _proof;
        SolveStatus status;
        if (_best is not null)
        {
            status = SolveStatus.Solved;
            // The plan itself bounds the optimum from above; a bound above it would be a bug, never a claim to make.
            bound = Math.Min(bound, _best.Height);
        }
        else if (_lower > _ceiling)
        {
            status = SolveStatus.Infeasible;
            bound = Math.Max(bound, _problem.Capacity + 1);
        }
        else
        {
            // Undecided: out of nodes or time, or cancelled. Never reported as infeasible.
            stop.ShouldStop();
            status = stop.Reason == SolveStatus.Cancelled ? SolveStatus.Cancelled : SolveStatus.TimedOut;
        }
        var statistics = new SolveStatistics
        {
            Nodes = _probes.Nodes,
            Backtracks = _probes.Backtracks,
            Elapsed = stop.Elapsed,
            Heuristic = _bestHeuristic,
        };
        return new MinimizeResult { Status = status, Solution = _best, LowerBound = bound, LowerBoundProof = proof, Statistics = statistics };
    }
}
