using MiniMalloc.Tests;

namespace MiniMalloc.Planning.Tests;

/// <summary>
/// The default work budgets: the exact search stops at a node budget (the same plan on every machine, and cached),
/// a plan the time limit cut short never enters the cache, and large problems get a heuristic plan first (anytime),
/// which the summary names.
/// </summary>
public class PlannerBudgetTests
{
    // Far beyond what any of these runs need: only a work budget can stop them early.
    private static readonly TimeLimit Generous = TimeLimit.Of(TimeSpan.FromHours(1));

    private static PlanRequest Request(TempDirectory temp, Problem problem, string name = "problem.csv")
    {
        string path = temp.File(name);
        File.WriteAllText(path, CsvProblemWriter.Write(problem));
        return new PlanRequest
        {
            InputPath = path,
            HeaderPath = temp.File("plan.h"),
            Capacity = Capacity.Of(problem.Capacity),
            MinimizeCapacity = false,
            Timeout = Generous,
        };
    }

    // The packing puzzle at a capacity best-fit decreasing meets: a search is needed to reach the optimum below it.
    private static Problem Puzzle()
    {
        var problem = CsvProblemReader.Parse(PerfectPacking.Csv(), capacity: PerfectPacking.Height);
        return problem.WithCapacity(BestFitDecreasing.Solve(problem).Height);
    }

    // Buffers one after the other, none overlapping in time: the sweep places them all at 0, the lower bound.
    private static Problem Sequential(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => new Buffer($"b{i}", i, i + 1, 1 + (i * 7919 % 1000)))], 2000);

    // A training step: activation i lives from forward step i to backward step 2·layers − i (nested, all live at
    // the turn), beside a workspace read by the next operator; capacity 25 % over the live bytes.
    private static Problem Training(int layers)
    {
        var buffers = new List<Buffer>();
        for (int i = 0; i < layers; i++)
        {
            buffers.Add(new Buffer($"a{i}", i, 2L * layers - i + 1, 64 + (i * 7919 % 4096)));
            buffers.Add(new Buffer($"w{i}", i, i + 2, 64 + (i * 104729 % 4096)));
        }
        long bound = LiveProfile.Of(buffers).Peak;
        return new Problem(buffers, bound + bound / 4);
    }

    // Lifespans of every length interleaved (one buffer a step, each live for an exponentially distributed number
    // of steps), sizes spread over two orders of magnitude: no heuristic packs them at their live bytes.
    private static Problem RandomLifespans(int count, int meanLife)
    {
        var random = new Random(7);
        var buffers = new Buffer[count];
        for (int i = 0; i < count; i++)
        {
            long life = 1 + (long)(-Math.Log(1 - random.NextDouble()) * meanLife);
            buffers[i] = new Buffer($"r{i}", i, i + life, 64 + random.Next(8192));
        }
        long bound = LiveProfile.Of(buffers).Peak;
        return new Problem(buffers, bound + bound / 4);
    }

    [Fact]
    public void The_default_search_budget_scales_with_the_problem_and_stays_above_the_published_benchmarks()
    {
        Assert.Equal(PlanBudget.MinSearchNodes, PlanBudget.SearchNodes(454));
        Assert.True(PlanBudget.MinSearchNodes > 155_000, "the published benchmarks take up to 154,625 nodes and must not be cut");
        Assert.Equal(20L * 500_000, PlanBudget.SearchNodes(500_000));
        Assert.Equal(PlanBudget.DefaultTimeout, new PlanRequest { InputPath = "x.csv" }.Timeout);
    }

    [SharedBenchmarkTheory]
    [InlineData("A", 114659)]
    [InlineData("B", 101625)]
    [InlineData("E", 153368)]
    public void The_default_work_budget_leaves_the_published_benchmarks_their_reference_search(string name, long backtracks)
    {
        // The three that take the most work: a smaller budget would cut them short of the reference's backtracks.
        var problem = SharedBenchmarks.Load($"challenging/{name}.1048576.csv", 1048576);
        var result = new Solver(new SolverOptions { NodeBudget = PlanBudget.SearchNodes(problem.Buffers.Count), WorkBudget = PlanBudget.SearchWork }).Solve(problem);

        Assert.Equal(SolveStatus.Solved, result.Status);
        Assert.Equal(backtracks, result.Statistics.Backtracks);
        Assert.True(PlanBudget.AnytimeSearchWork < PlanBudget.SearchWork);
    }

    [Fact]
    public void By_default_the_work_budget_stops_a_search_whose_nodes_are_dear_long_before_its_node_budget()
    {
        // Long, varied lifespans at a capacity of exactly their live bytes: no heuristic plan fits, the exact search
        // cannot decide, and each of its nodes raises hundreds of buffers. Planned anytime (over 5,000 buffers), so
        // the anytime plan is also the fallback's: the heuristic planner's starts would repeat it.
        using var temp = new TempDirectory();
        var random = RandomLifespans(8_000, 300);
        var problem = random.WithCapacity(LiveProfile.Of(random).Peak);
        Assert.True(PlanBudget.Affordable(problem), "the exact search must run");
        Assert.False(PlanBudget.LocalSearchAffordable(PlanBudget.Work(problem)), "the fallback must not run the heuristic planner");
        var request = Request(temp, problem);

        var first = Planner.Run(request);
        var second = Planner.Run(request);

        Assert.Equal(PlanStatus.TimedOut, first.Status);
        var error = Assert.Single(first.Diagnostics, d => d.IsError);
        Assert.Contains("the solver stopped at its budget", error.Message, StringComparison.Ordinal);
        Assert.Contains("the best heuristic plan found by the sweep, the first descent and first fit needs", error.Message, StringComparison.Ordinal);
        Assert.InRange(first.Search!.Statistics.Nodes, 1, PlanBudget.SearchNodes(problem.Buffers.Count) / 2);
        Assert.Equal(first.Search.Statistics.Nodes, second.Search!.Statistics.Nodes);
        Assert.Equal(first.Search.BestHeight, second.Search.BestHeight);
        Assert.False(first.Search.UndecidedByClock); // the budget, not the clock: the CLI says "undecided", not "timed out"
    }

    [Fact]
    public void A_search_stopped_by_its_node_budget_gives_the_same_plan_every_time_and_is_cached()
    {
        using var temp = new TempDirectory();
        string cache = temp.File("cache");
        var request = Request(temp, Puzzle()) with { SearchNodes = NodeBudget.Of(0), CacheDirectory = cache };

        var first = Planner.Run(request);
        string header = File.ReadAllText(temp.File("plan.h"));
        File.Delete(temp.File("plan.h"));
        var uncached = Planner.Run(request with { CacheDirectory = null });
        string again = File.ReadAllText(temp.File("plan.h"));
        var second = Planner.Run(request);

        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        Assert.Equal(PlanOrigin.Fallback, first.Search!.Origin);
        Assert.Contains("by heuristic fallback, exact search stopped at budget", first.SummaryLine, StringComparison.Ordinal);
        var warning = Assert.Single(first.Diagnostics, d => d.Code == DiagnosticCodes.FallbackPlanUsed);
        Assert.Contains("the exact search stopped at its budget after ", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Diagnostics, d => d.Code == DiagnosticCodes.PlanNotCached);
        Assert.Equal(header, again);
        Assert.False(uncached.Summary!.CacheHit);
        Assert.True(second.Summary!.CacheHit);
        Assert.Single(Directory.GetFiles(cache));
    }

    [Fact]
    public void Each_search_budget_has_its_own_cache_entry()
    {
        using var temp = new TempDirectory();
        string cache = temp.File("cache");
        var request = Request(temp, Puzzle()) with { CacheDirectory = cache };

        var none = Planner.Run(request with { SearchNodes = NodeBudget.Of(0) });
        var many = Planner.Run(request with { SearchNodes = NodeBudget.Of(1_000_000) });
        var noneAgain = Planner.Run(request with { SearchNodes = NodeBudget.Of(0) });

        Assert.False(many.Summary!.CacheHit);
        Assert.Equal(PlanOrigin.ExactSearch, many.Search!.Origin);
        Assert.True(noneAgain.Summary!.CacheHit);
        Assert.Equal(none.Summary!.Peak, noneAgain.Summary.Peak);
        Assert.Equal(2, Directory.GetFiles(cache).Length);
    }

    [Fact]
    public void With_enough_nodes_the_same_problem_is_planned_by_the_exact_search()
    {
        using var temp = new TempDirectory();
        var outcome = Planner.Run(Request(temp, Puzzle()) with { SearchNodes = NodeBudget.Of(1_000_000) });

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Equal(PlanOrigin.ExactSearch, outcome.Search!.Origin);
        Assert.InRange(outcome.Search.Statistics.Nodes, 1, 1_000_000);
        Assert.Contains(", by exact search", outcome.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_the_time_limit_cut_short_is_not_cached()
    {
        using var temp = new TempDirectory();
        string cache = temp.File("cache");
        var request = Request(temp, Puzzle()) with { Timeout = TimeLimit.Of(TimeSpan.Zero), CacheDirectory = cache };

        var first = Planner.Run(request);
        var second = Planner.Run(request);

        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        Assert.Contains("exact search stopped at the time limit", first.SummaryLine, StringComparison.Ordinal);
        var info = Assert.Single(first.Diagnostics, d => d.Code == DiagnosticCodes.PlanNotCached);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.False(Directory.Exists(cache) && Directory.GetFiles(cache).Length > 0, "a plan cut short by the clock was stored in the cache");
        Assert.False(second.Summary!.CacheHit);
    }

    [Fact]
    public void Large_problems_get_a_heuristic_plan_first_and_the_summary_says_so()
    {
        using var temp = new TempDirectory();
        var problem = Sequential(400);
        var anytime = Planner.Run(Request(temp, problem) with { AnytimeThreshold = 100 });
        var exact = Planner.Run(Request(temp, problem));

        Assert.True(anytime.Succeeded, string.Join("\n", anytime.Diagnostics));
        Assert.Equal(PlanOrigin.Heuristic, anytime.Search!.Origin);
        Assert.True(anytime.Search.ProvenOptimal);
        Assert.Equal(0, anytime.Search.Statistics.Nodes);
        Assert.Contains(", optimal, by heuristic plan", anytime.SummaryLine, StringComparison.Ordinal);
        // The run's time is reported even though no exact search ran (the CLI's summary line prints it).
        Assert.True(anytime.Search.Elapsed > TimeSpan.Zero);
        Assert.Equal(anytime.Summary!.Elapsed, anytime.Search.Elapsed);

        // Below the threshold the same problem takes the exact search, as the published benchmarks do.
        Assert.True(exact.Succeeded, string.Join("\n", exact.Diagnostics));
        Assert.Equal(PlanOrigin.ExactSearch, exact.Search!.Origin);
        Assert.True(exact.Search.Statistics.Nodes > 0);
        Assert.Contains(", optimal, by exact search", exact.SummaryLine, StringComparison.Ordinal);
        Assert.InRange(exact.Search.Statistics.Elapsed, TimeSpan.Zero, exact.Search.Elapsed);
    }

    [Fact]
    public void Problems_over_the_work_budget_are_planned_without_the_exact_search_in_bounded_work()
    {
        using var temp = new TempDirectory();
        var problem = Training(2_500);
        Assert.False(PlanBudget.Affordable(problem), "the training step must be over the work budget");
        Assert.True(PlanBudget.Anytime(problem, PlanBudget.AnytimeThreshold), "over the work budget is large, whatever the count");

        var outcome = Planner.Run(Request(temp, problem));

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Equal(PlanOrigin.Heuristic, outcome.Search!.Origin);
        Assert.Equal(0, outcome.Search.Statistics.Nodes);
        Assert.InRange(outcome.Search.Height!.Value, outcome.Search.LowerBound, problem.Capacity);
        if (!outcome.Search.ProvenOptimal) Assert.Contains("by heuristic plan, exact search not run (over its work budget)", outcome.SummaryLine, StringComparison.Ordinal);
    }

    // A decoder pass: layer i's cache lives from its step to the end, beside two short intermediates; capacity 25 %
    // over the live bytes. The sweep's best fit in step order leaves holes under the caches.
    private static Problem Decoder(int layers)
    {
        var buffers = new List<Buffer>();
        for (int i = 0; i < layers; i++)
        {
            buffers.Add(new Buffer($"k{i}", 3L * i, 3L * layers + 1, 64 + (i * 7919 % 4096)));
            buffers.Add(new Buffer($"t{i}", 3L * i, 3L * i + 2, 64 + (i * 104729L % 8192)));
            buffers.Add(new Buffer($"u{i}", 3L * i + 1, 3L * i + 3, 64 + (i * 15485863L % 8192)));
        }
        long bound = LiveProfile.Of(buffers).Peak;
        return new Problem(buffers, bound + bound / 4);
    }

    [Fact]
    public void Over_the_work_budget_first_fit_reaches_the_lower_bound_where_the_sweep_leaves_a_gap()
    {
        using var temp = new TempDirectory();
        var problem = Decoder(3_000);
        long bound = LiveProfile.Of(problem).Peak;
        Assert.False(PlanBudget.Affordable(problem), "the decoder pass must be over the work budget");
        Assert.True(HoleSweep.Solve(problem)!.Height > bound, "the sweep alone stays above the bound here");

        var outcome = Planner.Run(Request(temp, problem));

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Equal(PlanOrigin.Heuristic, outcome.Search!.Origin);
        Assert.Equal(0, outcome.Search.Statistics.Nodes);
        Assert.Equal(bound, outcome.Search.Height);
        Assert.True(outcome.Search.ProvenOptimal);
        Assert.Contains(", optimal, by heuristic plan", outcome.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_fitting_plan_a_problem_over_the_work_budget_is_undecided_with_its_bound_never_infeasible()
    {
        using var temp = new TempDirectory();
        var random = RandomLifespans(6_000, 2_000);
        var problem = random.WithCapacity(LiveProfile.Of(random).Peak);
        Assert.False(PlanBudget.Affordable(problem), "the random lifespans must be over the work budget");
        var outcome = Planner.Run(Request(temp, problem));

        // Every heuristic plan of these lifespans is above their live bytes, and no exact search may run.
        Assert.False(outcome.Succeeded);
        Assert.Equal(PlanStatus.TimedOut, outcome.Status);
        Assert.InRange(outcome.Search!.BestHeight!.Value, problem.Capacity + 1, 2 * problem.Capacity);
        var error = Assert.Single(outcome.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.TimedOut, error.Code);
        Assert.Contains("was not run (6000 buffers, up to ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the live bytes peak at {problem.Capacity}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Anytime_plans_are_the_same_on_every_run(int threads)
    {
        using var temp = new TempDirectory();
        var problem = Training(300);
        var request = Request(temp, problem) with { AnytimeThreshold = 100, Solver = new SolverOptions { Parallelism = threads } };
        var first = Planner.Run(request);
        string header = File.ReadAllText(temp.File("plan.h"));
        File.Delete(temp.File("plan.h"));
        var second = Planner.Run(request);

        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        Assert.Equal(header, File.ReadAllText(temp.File("plan.h")));
        Assert.Equal(first.Search!.Method, second.Search!.Method);
    }
}
