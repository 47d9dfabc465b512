using MiniMalloc.Generators;

namespace MiniMalloc.Tests.Pools;

/// <summary>
/// The pool planner's work budget (<see cref="PoolPlannerOptions.WorkBudget"/>): it ends the planning on a large
/// problem where the node budget alone would not, deterministically, with a valid plan never worse than greedy; the
/// LP bound's flow stops at its own work limit with a sound, weaker bound; and the settings resolve as documented.
/// </summary>
public sealed class PoolPlannerWorkBudgetTests
{
    // A generated network of 3,000 buffers with a fast pool of half its peak: far from done within the budgets below.
    private static readonly Lazy<PoolProblem> Network = new(() =>
    {
        var problem = NetworkProblemGenerator.Generate(3_000, seed: 1, slack: 1.0);
        long peak = LiveProfile.Of(problem).Peak;
        long total = problem.Buffers.Sum(b => b.Size + b.Alignment);
        return PoolProblem.WithDefaults([new Pool("fast", peak / 2, 1, 0), new Pool("slow", total, 1, 1)], problem.Buffers);
    });

    [Fact]
    public void A_large_problem_stops_at_its_work_budget_with_a_valid_plan_no_worse_than_greedy_and_the_same_plan_twice()
    {
        var problem = Network.Value;
        var greedy = PoolGreedy.Solve(problem)!;
        const long budget = 30_000_000;
        var options = new PoolPlannerOptions { WorkBudget = budget };
        var first = PoolPlanner.Solve(problem, options);
        var second = PoolPlanner.Solve(problem, options);

        Assert.Equal(PoolStopReason.BudgetExhausted, first.StopReason);
        Assert.False(first.ProvenOptimal);
        Assert.True(first.Work >= budget, $"stopped after {first.Work} units, before its budget of {budget}");
        // The node budget (the default, 2,000,000) did not end it: the work budget did.
        Assert.True(first.Nodes < new PoolPlannerOptions().NodeBudgetFor(problem.Buffers.Count), $"{first.Nodes} nodes");
        var solution = first.Solution!;
        Assert.Empty(PoolValidator.Validate(problem, solution));
        Assert.True(solution.Cost <= greedy.Cost, $"{solution.Cost} above the greedy {greedy.Cost}");
        Assert.True(first.CostLowerBound <= solution.Cost);

        Assert.Equal(solution.PoolOf, second.Solution!.PoolOf);
        Assert.Equal(solution.Offsets, second.Solution.Offsets);
        Assert.Equal(first.CostLowerBound, second.CostLowerBound);
        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Work, second.Work);
    }

    [Fact]
    public void A_larger_work_budget_goes_further_and_never_ends_costlier()
    {
        var problem = Network.Value;
        var small = PoolPlanner.Solve(problem, new PoolPlannerOptions { WorkBudget = 10_000_000 });
        var large = PoolPlanner.Solve(problem, new PoolPlannerOptions { WorkBudget = 40_000_000 });
        Assert.True(large.Work > small.Work, $"{large.Work} units against {small.Work}");
        Assert.True(large.Nodes > small.Nodes, $"{large.Nodes} nodes against {small.Nodes}");
        Assert.True(large.Solution!.Cost <= PoolGreedy.Solve(problem)!.Cost);
        Assert.Empty(PoolValidator.Validate(problem, large.Solution));
    }

    [Fact]
    public void With_no_work_left_the_plan_is_the_greedy_one_or_better()
    {
        var problem = Network.Value;
        var result = PoolPlanner.Solve(problem, new PoolPlannerOptions { WorkBudget = 0 });
        Assert.Equal(PoolStopReason.BudgetExhausted, result.StopReason);
        Assert.True(result.Solution!.Cost <= PoolGreedy.Solve(problem)!.Cost);
        Assert.Equal(0, result.Nodes);
        Assert.Empty(PoolValidator.Validate(problem, result.Solution));
    }

    [Fact]
    public void Above_its_work_limit_the_lp_is_not_run_and_the_strong_bound_stands()
    {
        var folded = FoldedPoolProblem.Fold(Network.Value);
        var whole = new PoolCostBound(folded) { LpWorkLimit = long.MaxValue };
        long full = whole.Compute(PoolBoundStrength.Lp);
        Assert.False(whole.LpCut);
        Assert.True(whole.Work > 100_000, $"the whole flow took {whole.Work} units");
        Assert.True(whole.LpWorkEstimate >= whole.Work / 2, $"estimate {whole.LpWorkEstimate}, work {whole.Work}");

        var skipped = new PoolCostBound(folded) { LpWorkLimit = whole.LpWorkEstimate - 1 };
        Assert.Equal(0, skipped.Compute(PoolBoundStrength.Lp) - MinCostSum(folded, skipped));
        Assert.True(skipped.LpCut);
        Assert.True(skipped.Work < whole.Work / 100, $"{skipped.Work} units against {whole.Work}");
        long strong = skipped.Compute(PoolBoundStrength.Strong);
        Assert.Equal(strong, skipped.Compute(PoolBoundStrength.Strongest));
        // On this problem the whole LP is the stronger bound: what skipping it gives up.
        Assert.True(full > strong, $"LP {full}, strong {strong}");
    }

    // What every buffer pays at least in its cheapest pool: the bound with every layer's leaving weight at zero.
    private static long MinCostSum(FoldedPoolProblem folded, PoolCostBound bound)
    {
        long sum = 0;
        for (int k = 0; k < folded.Buffers.Count; k++) sum += folded.Weights[k] * bound.MinCost(k);
        return sum;
    }

    [Fact]
    public void A_node_budget_set_is_the_whole_budget_and_the_default_brings_a_work_budget()
    {
        Assert.Equal(PoolPlannerOptions.DefaultWorkBudget, new PoolPlannerOptions().WorkBudgetFor(PoolPlannerOptions.LargeProblemBuffers));
        Assert.Equal(PoolPlannerOptions.LargeWorkBudget + 100_000 * PoolPlannerOptions.LargeWorkPerBuffer, new PoolPlannerOptions().WorkBudgetFor(100_000));
        Assert.True(new PoolPlannerOptions().WorkBudgetFor(PoolPlannerOptions.LargeProblemBuffers + 1) < PoolPlannerOptions.DefaultWorkBudget);
        Assert.Null(new PoolPlannerOptions { NodeBudget = 5_000 }.WorkBudgetFor(100_000));
        Assert.Equal(7, new PoolPlannerOptions { NodeBudget = 5_000, WorkBudget = 7 }.WorkBudgetFor(10));
        Assert.Equal(7, new PoolPlannerOptions { WorkBudget = 7 }.WorkBudgetFor(10));
        Assert.Contains("work budget -1 may not be negative", new PoolPlannerOptions { WorkBudget = -1 }.Validate(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PoolPlanner.Solve(Network.Value, new PoolPlannerOptions { WorkBudget = -1 }));
    }
}
