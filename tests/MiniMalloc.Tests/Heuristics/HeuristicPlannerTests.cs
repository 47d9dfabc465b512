using MiniMalloc.Generators;
using MiniMalloc.Tests.Property;

namespace MiniMalloc.Tests.Heuristics;

public class HeuristicPlannerTests
{
    private static readonly HeuristicOptions Quick = new() { MaxIterations = 300 };

    /// <summary>
    /// Random problems with everything the placement must honour: alignments, gaps with and without windows
    /// (windows anywhere in the buffer), and fixed buffers that do not clash with each other.
    /// </summary>
    internal static Problem RandomProblem(int seed, int count = 40)
    {
        var random = new Random(seed);
        var buffers = new List<Buffer>();
        for (int i = 0; i < count; i++)
        {
            long lower = random.Next(0, 30);
            long upper = lower + random.Next(1, 12);
            long size = random.Next(1, 100);
            var buffer = new Buffer($"b{i}", lower, upper, size) { Alignment = 1L << random.Next(0, 4) };
            if (upper - lower >= 3 && random.Next(3) == 0)
            {
                Window? window = random.Next(3) switch
                {
                    0 => null,
                    1 => new Window(0, random.Next(1, (int)size + 1)),
                    _ => new Window(size / 3, size / 3 + random.Next(1, (int)(size - size / 3) + 1)),
                };
                long gapLower = lower + 1 + random.Next(0, (int)(upper - lower - 2));
                buffer = buffer with { Gaps = [new Gap(new Lifespan(gapLower, random.Next((int)gapLower + 1, (int)upper + 1)), window)] };
            }
            buffers.Add(buffer);
        }
        // Two fixed buffers, apart in space, so that a valid plan exists.
        buffers.Add(new Buffer("fixed-low", 5, 20, 64) { Offset = 128, Alignment = 64 });
        buffers.Add(new Buffer("fixed-high", 10, 25, 32) { Offset = 256, Alignment = 32 });
        return new Problem(buffers, 0);
    }

    private static void AssertValid(Problem problem, Solution plan)
    {
        var verdict = Validator.Validate(problem.WithCapacity(plan.Height), plan);
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public void Plans_are_valid_and_never_above_any_starting_plan_with_gaps_windows_alignment_and_fixed_offsets()
    {
        int improved = 0;
        for (int seed = 0; seed < 60; seed++)
        {
            var problem = RandomProblem(seed);
            var result = HeuristicPlanner.Plan(problem, Quick with { Seed = (ulong)seed });

            AssertValid(problem, result.Solution);
            Assert.Equal(128, result.Solution.Offsets[^2]);
            Assert.Equal(256, result.Solution.Offsets[^1]);
            Assert.True(result.Solution.Height <= result.StartHeight, $"seed {seed}: {result.Solution.Height} above its start {result.StartHeight}");
            Assert.True(result.StartHeight <= BestFitDecreasing.Solve(problem).Height);
            Assert.True(result.StartHeight <= SweepAllocator.Solve(problem).Height);
            Assert.True(result.Solution.Height >= result.LowerBound);
            if (result.Solution.Height < result.StartHeight) improved++;
        }
        Assert.True(improved > 0, "the local search never improved on its start");
    }

    [Fact]
    public void Reaches_the_brute_force_optimum_on_small_problems()
    {
        int compared = 0, searched = 0;
        for (int seed = 0; compared < 150 && seed < 1000; seed++)
        {
            var problem = SmallProblemGenerator.Generate(seed);
            // Orders reach every plan when windows start at byte 0 (see OrderDecoder); windows elsewhere may hide
            // the optimum below them.
            if (problem.Buffers.Any(b => b.Gaps.Any(g => g.Window is { Lower: > 0 }))) continue;
            (long Height, long[] Offsets)? optimum;
            try
            {
                optimum = new BruteForceSolver(problem).Minimize();
            }
            catch (TimeoutException)
            {
                continue;
            }
            if (optimum is not { } known) continue; // fixed buffers that clash: nothing fits
            compared++;

            var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { TargetHeight = known.Height, MaxIterations = 20_000 });

            AssertValid(problem, result.Solution);
            Assert.True(result.Solution.Height == known.Height,
                $"seed {seed}: height {result.Solution.Height}, optimum {known.Height}, start {result.StartHeight}, {result.Iterations} moves");
            Assert.Equal(HeuristicStopReason.TargetReached, result.StopReason);
            if (result.StartHeight > known.Height) searched++;
        }
        Assert.True(compared >= 100, $"only {compared} problems compared");
        // Not just starting plans that happen to be optimal: the search had to close a gap on some.
        Assert.True(searched >= 10, $"only {searched} problems needed the local search");
    }

    [Fact]
    public void Local_search_lowers_a_network_plan_to_its_lower_bound()
    {
        var problem = NetworkProblemGenerator.Generate(1_000, seed: 1);

        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 5_000 });

        AssertValid(problem, result.Solution);
        Assert.True(result.Solution.Height < result.StartHeight, $"no improvement on {result.StartHeight}");
        Assert.Equal(LiveProfile.Of(problem).Peak, result.Solution.Height);
        Assert.Equal(HeuristicStopReason.TargetReached, result.StopReason);
        Assert.True(result.Improvements > 0);
    }

    [Fact]
    public void Same_problem_seed_and_iteration_budget_give_the_same_plan()
    {
        var problem = RandomProblem(seed: 4, count: 120);
        var options = new HeuristicOptions { MaxIterations = 2_000, Seed = 9 };

        var first = HeuristicPlanner.Plan(problem, options);
        var second = HeuristicPlanner.Plan(problem, options);

        Assert.Equal(first.Solution.Offsets, second.Solution.Offsets);
        Assert.Equal((first.Iterations, first.Improvements, first.StopReason), (second.Iterations, second.Improvements, second.StopReason));
    }

    [Fact]
    public void The_target_only_decides_when_to_stop()
    {
        // The moves depend on the seed alone: stopping at a target is stopping the same walk earlier.
        var problem = RandomProblem(seed: 7, count: 150);
        var full = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 3_000 });
        Assert.True(full.Solution.Height < full.StartHeight, "the test needs an instance the search improves");

        var targeted = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 3_000, TargetHeight = full.Solution.Height });

        Assert.Equal(HeuristicStopReason.TargetReached, targeted.StopReason);
        Assert.Equal(full.Solution.Height, targeted.Solution.Height);
        Assert.True(targeted.Iterations <= full.Iterations);
    }

    [Fact]
    public void A_zero_iteration_budget_returns_the_best_starting_plan()
    {
        var problem = RandomProblem(seed: 2);

        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 0, TargetHeight = 0 });

        Assert.Equal(0, result.Iterations);
        Assert.Equal(HeuristicStopReason.IterationBudget, result.StopReason);
        Assert.Equal(result.StartHeight, result.Solution.Height);
        AssertValid(problem, result.Solution);
    }

    [Fact]
    public void A_cancelled_token_stops_before_the_first_move_with_the_starting_plan()
    {
        var problem = RandomProblem(seed: 3);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = null, TargetHeight = 0 }, cts.Token);

        Assert.Equal(HeuristicStopReason.Cancelled, result.StopReason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(result.StartHeight, result.Solution.Height);
        AssertValid(problem, result.Solution);
    }

    [Fact]
    public void Cancellation_during_the_search_is_honoured()
    {
        // No iteration or time budget and an unreachable target: only the token can stop this search.
        var problem = RandomProblem(seed: 5, count: 200);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = null, TargetHeight = 0 }, cts.Token);

        Assert.Equal(HeuristicStopReason.Cancelled, result.StopReason);
        Assert.True(result.Solution.Height <= result.StartHeight);
        AssertValid(problem, result.Solution);
    }

    [Fact]
    public void A_time_budget_stops_the_search()
    {
        var problem = RandomProblem(seed: 6, count: 200);

        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = null, TargetHeight = 0, TimeBudget = TimeSpan.FromMilliseconds(100) });

        Assert.Equal(HeuristicStopReason.TimeBudget, result.StopReason);
        AssertValid(problem, result.Solution);
    }

    [Fact]
    public void A_work_budget_stops_the_search_at_the_same_plan_every_time_before_its_guaranteed_moves()
    {
        var problem = RandomProblem(seed: 6, count: 200);
        var options = new HeuristicOptions { MaxIterations = null, TargetHeight = 0, MaxWork = 200_000, MinIterations = 1_000_000 };

        var first = HeuristicPlanner.Plan(problem, options);
        var second = HeuristicPlanner.Plan(problem, options);
        var more = HeuristicPlanner.Plan(problem, options with { MaxWork = 2_000_000 });

        Assert.Equal(HeuristicStopReason.WorkBudget, first.StopReason);
        Assert.InRange(first.Iterations, 1, 999_999);
        Assert.Equal(first.Iterations, second.Iterations);
        Assert.Equal(first.Solution.Offsets, second.Solution.Offsets);
        Assert.True(more.Iterations > first.Iterations, $"{more.Iterations} moves with ten times the work, {first.Iterations} without");
        Assert.True(more.Solution.Height <= first.Solution.Height);
        AssertValid(problem, first.Solution);
        Assert.NotNull((options with { MaxWork = -1 }).Validate());
    }

    [Fact]
    public void Guaranteed_moves_are_made_even_when_the_time_budget_is_spent()
    {
        var problem = RandomProblem(seed: 6, count: 200);
        var options = new HeuristicOptions { MaxIterations = null, TargetHeight = 0, TimeBudget = TimeSpan.Zero, MinIterations = 500 };

        var result = HeuristicPlanner.Plan(problem, options);
        var counted = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 500, TargetHeight = 0 });

        Assert.Equal(HeuristicStopReason.TimeBudget, result.StopReason);
        Assert.Equal(500, result.Iterations);
        Assert.Equal(counted.Solution.Offsets, result.Solution.Offsets);
        Assert.NotNull((options with { MinIterations = -1 }).Validate());
    }

    [Fact]
    public void Reaching_the_target_with_a_starting_plan_needs_no_moves()
    {
        var problem = Examples.ReadmeExample(12);

        var result = HeuristicPlanner.Plan(problem);

        Assert.Equal(HeuristicStopReason.TargetReached, result.StopReason);
        Assert.Equal(12, result.Solution.Height);
        Assert.Equal(12, result.LowerBound);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void Empty_and_fixed_only_problems_are_planned()
    {
        var empty = HeuristicPlanner.Plan(new Problem([], 0));
        Assert.Equal(0, empty.Solution.Height);
        Assert.Empty(empty.Solution.Offsets);

        var problem = new Problem(
        [
            new Buffer("a", 0, 4, 8) { Offset = 8 },
            new Buffer("b", 2, 6, 8) { Offset = 0 },
            new Buffer("c", 5, 9, 4),
        ], 0);
        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { TargetHeight = 0 });
        Assert.Equal(HeuristicStopReason.NoMoves, result.StopReason);
        Assert.Equal([8L, 0L, 8L], result.Solution.Offsets);
        AssertValid(problem, result.Solution);
    }

    [Fact]
    public void Malformed_problems_and_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => HeuristicPlanner.Plan(new Problem([new Buffer("a", 3, 3, 8)], 0)));
        Assert.Throws<ArgumentException>(() => HeuristicPlanner.Plan(Examples.ReadmeExample(12), new HeuristicOptions { MaxIterations = -1 }));
        Assert.Throws<ArgumentException>(() => HeuristicPlanner.Plan(Examples.ReadmeExample(12), new HeuristicOptions { TimeBudget = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Large_network_plans_stay_valid_and_improve()
    {
        var problem = NetworkProblemGenerator.Generate(20_000, seed: 3);

        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 500 });

        Assert.True(Validator.Validate(problem.WithCapacity(result.Solution.Height), result.Solution).IsValid);
        Assert.True(result.Solution.Height < result.StartHeight, $"no improvement on {result.StartHeight} in {result.Iterations} moves");
    }

    [SharedBenchmarkFact]
    public void Challenging_F_is_planned_below_best_fit_decreasing_and_the_sweep()
    {
        var problem = SharedBenchmarks.Load("challenging/F.1048576.csv", 1048576);

        var result = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 5_000 });

        AssertValid(problem, result.Solution);
        Assert.True(result.Solution.Height < Math.Min(BestFitDecreasing.Solve(problem).Height, SweepAllocator.Solve(problem).Height));
        Assert.True(result.Solution.Height >= 1048576);
    }
}
