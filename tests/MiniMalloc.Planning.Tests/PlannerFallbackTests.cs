using System.Text;

namespace MiniMalloc.Planning.Tests;

/// <summary>
/// The pipeline when the exact search runs out of time: the heuristic fallback and the local search's plan where
/// they fit (with a warning), a coded error where nothing fits, and the shares of the time limit the fallback and the
/// infeasibility explanation get.
/// </summary>
public class PlannerFallbackTests
{
    [Fact]
    public void A_timed_out_search_uses_a_heuristic_plan_that_fits_with_a_warning()
    {
        using var temp = new TempDirectory();
        string input = temp.File("many.json");
        File.WriteAllText(input, Many(capacity: 1L << 40));

        var outcome = Planner.Run(PlannerTests.Request(temp, input) with { MinimizeCapacity = false, Timeout = TimeLimit.Of(TimeSpan.Zero) });

        PlannerTests.AssertSucceeded(outcome);
        var warning = Assert.Single(outcome.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal(DiagnosticCodes.FallbackPlanUsed, warning.Code);
        Assert.Contains("the exact search timed out after 0 s", warning.Message);
        Assert.Contains($"a heuristic plan (best-fit decreasing improved by local search) of height {outcome.Summary!.Peak} (lower bound {outcome.Summary.LowerBound})", warning.Message);
        Assert.True(outcome.Summary!.FallbackUsed);
        Assert.Contains("heuristic fallback", outcome.SummaryLine);
    }

    /// <summary>
    /// Buffers of random lifespans over a short schedule (so that many live together and the starting plans
    /// leave room for the local search), as a lifetimes file; ids b0, b1, ….
    /// </summary>
    private static string Crowded(int count, int seed, long capacity = 0, long alignment = 0, int minSize = 16, int maxSize = 1024)
    {
        var json = new StringBuilder("{ \"version\": 1");
        if (capacity > 0) json.Append($", \"capacity\": {capacity}");
        json.Append(", \"buffers\": [\n");
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int start = random.Next(0, 40);
            json.Append($"  {{ \"id\": \"b{i}\", \"start\": {start}, \"end\": {start + random.Next(1, 12)}, \"size\": {random.Next(minSize, maxSize + 1)}");
            if (alignment > 0) json.Append($", \"alignment\": {alignment}");
            json.Append(i + 1 < count ? " },\n" : " }\n");
        }
        return json.Append("] }\n").ToString();
    }

    /// <summary>The offsets the header gives buffers b0, b1, … of a file without a name or prefix (macros PREFIX_Bi_OFFSET).</summary>
    private static long[] HeaderOffsets(string headerPath, int count)
    {
        var offsets = new long[count];
        var found = new bool[count];
        foreach (var line in File.ReadLines(headerPath))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"^#define [A-Z0-9_]+_B(\d+)_OFFSET (\d+)u$");
            if (!match.Success) continue;
            int index = int.Parse(match.Groups[1].Value);
            offsets[index] = long.Parse(match.Groups[2].Value);
            found[index] = true;
        }
        Assert.All(found, Assert.True);
        return offsets;
    }

    [Fact]
    public void A_timed_out_search_gets_a_local_search_plan_when_only_that_fits_the_capacity()
    {
        using var temp = new TempDirectory();
        string input = temp.File("crowded.json");
        File.WriteAllText(input, Crowded(count: 150, seed: 3));
        var problem = LifetimesReader.Read(input).Problem!;
        long lowerBound = LiveProfile.Of(problem).Peak;
        // The capacity is what the local search reaches within the moves the fallback always makes: below every
        // starting plan, so the fallback only fits when the local search runs (moves depend on the seed alone, not
        // on time, and those moves are made however slow the machine is).
        var start = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = 0 });
        var improved = HeuristicPlanner.Plan(problem, new HeuristicOptions { MaxIterations = HeuristicFallback.MinMoves });
        long capacity = improved.Solution.Height;
        Assert.True(capacity < start.Solution.Height, $"the local search does not improve on {start.Solution.Height} here; the test needs another instance");
        Assert.True(capacity > lowerBound, "the local search reaches the lower bound; the test needs a capacity above it");

        // A zero timeout stops the exact search before it decides; the fallback then gets its minimum share.
        var outcome = Planner.Run(PlannerTests.Request(temp, input) with { Capacity = Capacity.Of(capacity), MinimizeCapacity = false, Timeout = TimeLimit.Of(TimeSpan.Zero) });

        PlannerTests.AssertSucceeded(outcome);
        var warning = Assert.Single(outcome.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal(DiagnosticCodes.FallbackPlanUsed, warning.Code);
        var summary = outcome.Summary!;
        Assert.True(summary.FallbackUsed);
        Assert.True(summary.HeaderWritten);
        Assert.InRange(summary.Peak, lowerBound, capacity);
        Assert.Equal(
            $"the exact search timed out after 0 s; using a heuristic plan (best-fit decreasing improved by local search) of height {summary.Peak} (lower bound {lowerBound}) that fits the capacity of {capacity} bytes",
            warning.Message);
        // What was written is a valid plan within the capacity, checked independently of the planner.
        var written = Solution.FromOffsets(problem, HeaderOffsets(outcome.HeaderPath!, problem.Buffers.Count));
        Assert.Equal(summary.Peak, written.Height);
        var verdict = Validator.Validate(problem.WithCapacity(capacity), written);
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public void A_timed_out_search_without_a_fitting_fallback_says_it_timed_out()
    {
        using var temp = new TempDirectory();
        string input = temp.File("slotted.json");
        // Every buffer is aligned to 1024 and larger than 512 bytes, so each takes a slot of 1024 bytes of its own
        // while it lives: no plan is lower than 1024 x (the most buffers live at once - 1) + the smallest size,
        // far above the live bytes. At a capacity equal to the live bytes nothing fits, yet only a search can
        // tell, and a zero timeout stops it first.
        File.WriteAllText(input, Crowded(count: 150, seed: 5, alignment: 1024, minSize: 600, maxSize: 1024));
        var problem = LifetimesReader.Read(input).Problem!;
        var profile = LiveProfile.Of(problem);
        int mostLive = 0;
        foreach (long step in profile.Steps) mostLive = Math.Max(mostLive, problem.Buffers.Count(b => b.Lifespan.Contains(step)));
        long capacity = profile.Peak;
        Assert.True(1024L * (mostLive - 1) + 600 > capacity, "this capacity might fit; the test needs another instance");

        var outcome = Planner.Run(PlannerTests.Request(temp, input) with { Capacity = Capacity.Of(capacity), MinimizeCapacity = false, Timeout = TimeLimit.Of(TimeSpan.Zero) });

        var error = PlannerTests.AssertError(outcome, DiagnosticCodes.TimedOut);
        Assert.Contains("the solver timed out after 0 s before deciding", error.Message);
        Assert.Contains("not a proof", error.Message);
        Assert.Contains("the best heuristic plan found with 0.1 s of local search needs ", error.Message);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Code == DiagnosticCodes.Infeasible);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Code == DiagnosticCodes.FallbackPlanUsed);
        Assert.False(File.Exists(temp.File("plan.h")), "a header was written");
    }

    [Theory]
    [InlineData(null, 2000)]
    [InlineData(0, 100)]
    [InlineData(200, 100)]
    [InlineData(1000, 250)]
    [InlineData(60000, 2000)]
    public void The_fallback_gets_a_quarter_of_the_timeout_between_a_tenth_of_a_second_and_two_seconds(int? timeoutMilliseconds, int expectedMilliseconds)
    {
        var timeout = timeoutMilliseconds is { } ms ? TimeLimit.Of(TimeSpan.FromMilliseconds(ms)) : TimeLimit.None;
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), HeuristicFallback.Budget(timeout));
    }

    [Theory]
    [InlineData(null, 10_000)]
    [InlineData(0, 0)]
    [InlineData(3_000, 3_000)]
    [InlineData(60_000, 10_000)]
    public void The_infeasibility_explanation_gets_the_time_limit_but_at_most_ten_seconds(int? timeoutMilliseconds, int expectedMilliseconds)
    {
        var timeout = timeoutMilliseconds is { } ms ? TimeLimit.Of(TimeSpan.FromMilliseconds(ms)) : TimeLimit.None;
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), InfeasibilityMessage.Budget(timeout));
    }

    /// <summary>A problem needing more search nodes than the solver runs between time checks (512).</summary>
    private static string Many(long capacity, int count = 700)
    {
        var json = new StringBuilder($"{{ \"version\": 1, \"capacity\": {capacity}, \"buffers\": [\n");
        var random = new Random(7);
        for (int i = 0; i < count; i++)
        {
            int start = random.Next(0, 200);
            json.Append($"  {{ \"id\": \"b{i}\", \"start\": {start}, \"end\": {start + random.Next(1, 30)}, \"size\": {random.Next(1, 64) * 16} }}");
            json.Append(i + 1 < count ? ",\n" : "\n");
        }
        return json.Append("] }\n").ToString();
    }
}
