using MiniMalloc.Generators;
using static MiniMalloc.Heuristics.HeuristicTestProblems;

namespace MiniMalloc.Heuristics;

/// <summary>The exact search's first descent in O(n log² n), against the search itself and brute force.</summary>
public class SkylineDescentTests
{
    [Theory]
    [InlineData(1UL, 300, 20, "TWA")]
    [InlineData(2UL, 100, 60, "TWA")]
    [InlineData(3UL, 400, 5, "TWA")]
    [InlineData(4UL, 50, 200, "TAW")]
    public void Places_every_buffer_as_the_exact_searchs_first_attempt_does(ulong seed, int span, int maxLife, string heuristic)
    {
        // With room enough, the search's first attempt never backtracks: its plan is the canonical descent itself
        // (without dynamic decomposition, whose sub-problems rank their buffers by their own live totals).
        // The search takes no empty buffers, and it breaks the preorder's ties by its own numbering of the buffers:
        // distinct sizes leave no ties (equal totals and widths then differ in area).
        var buffers = RandomProblem(600, seed, span, maxLife).Buffers.Select((b, i) => b with { Size = b.Size + 1_000 * (i + 1) }).ToArray();
        var problem = new Problem(buffers, buffers.Sum(b => b.Size));
        var searched = new Solver(new SolverOptions { PreorderingHeuristics = [heuristic], DynamicDecomposition = false }).Solve(problem);
        Assert.Equal(SolveStatus.Solved, searched.Status);
        Assert.Equal(0, searched.Statistics.Backtracks);
        var preorder = heuristic == "TWA" ? SkylinePreorder.TotalWidthArea : SkylinePreorder.TotalAreaWidth;
        var descended = SkylineDescent.Solve(problem, preorder)!;
        Assert.Equal(searched.Solution!.Height, descended.Height);
        for (int b = 0; b < problem.Buffers.Count; b++)
        {
            if (problem.Buffers[b].Size > 0) Assert.Equal(searched.Solution.Offsets[b], descended.Offsets[b]);
        }
    }

    [Theory]
    [InlineData(5UL, 1L)]
    [InlineData(6UL, 64L)]
    [InlineData(7UL, 8L)]
    public void Plans_are_valid_aligned_and_the_same_on_every_run(ulong seed, long maxAlignment)
    {
        var problem = RandomProblem(2_000, seed, 500, 80, maxAlignment);
        foreach (var preorder in new[] { SkylinePreorder.TotalWidthArea, SkylinePreorder.TotalAreaWidth })
        {
            var plan = SkylineDescent.Solve(problem, preorder)!;
            Assert.False(Overlaps(problem, plan.Offsets));
            Assert.True(Validator.Validate(problem, plan).IsValid);
            Assert.All(Enumerable.Range(0, problem.Buffers.Count), i => Assert.Equal(0, plan.Offsets[i] % problem.Buffers[i].Alignment));
            Assert.True(plan.Height >= LiveProfile.Of(problem).Peak);
            Assert.Equal(plan.Offsets, SkylineDescent.Solve(problem, preorder)!.Offsets);
        }
    }

    [Fact]
    public void Fixed_buffers_are_left_to_the_other_allocators() =>
        Assert.Null(SkylineDescent.Solve(new Problem([new Buffer("a", 0, 1, 4) { Offset = 0 }, new Buffer("b", 0, 2, 4)], 8)));

    [Fact]
    public void An_empty_problem_has_an_empty_plan() => Assert.Equal(0, SkylineDescent.Solve(new Problem([], 0))!.Height);

    [Fact]
    public void Packs_long_lived_buffers_lower_than_first_fit_where_they_fragment_it()
    {
        // A network whose long-lived buffers (a tenth, each live for about 2,000 steps, a thousand at once) come and
        // go all the time: first fit by decreasing size class leaves small long-lived buffers no hole that lasts
        // their whole lifespan, and they pile up on top.
        var problem = ShapeProblemGenerator.Generate(new ShapeParameters
        {
            Shape = ProblemShape.Network, Buffers = 20_000, LiveSet = 200, LongLivedShare = 0.1, Seed = 3, Slack = 1.1,
        });
        long bound = LiveProfile.Of(problem).Peak;
        var firstFit = FirstFitDecreasing.Solve(problem, FirstFitOrder.SizeClass, long.MaxValue)!;
        var descended = SkylineDescent.Solve(problem)!;
        Assert.True(Validator.Validate(problem, descended).IsValid);
        Assert.True(descended.Height < firstFit.Height, $"descent {descended.Height}, first fit {firstFit.Height}, bound {bound}");
    }

    [Theory]
    [InlineData(8UL, 700)]
    [InlineData(9UL, 40)] // dozens of buffers start at each step
    public void Contained_buffers_finds_the_best_ranked_buffer_within_a_range_as_a_scan_does(ulong seed, int ranges)
    {
        var random = new SplitMix64(seed);
        int n = 3_000;
        var first = new int[n];
        var end = new int[n];
        var rank = new int[n];
        for (int b = 0; b < n; b++)
        {
            first[b] = random.Below(ranges);
            end[b] = Math.Min(ranges, first[b] + 1 + random.Below(random.Below(4) == 0 ? 300 : 10));
        }
        var byRank = Enumerable.Range(0, n).OrderBy(_ => random.Below(int.MaxValue)).ToArray();
        for (int r = 0; r < n; r++) rank[byRank[r]] = r;
        var members = Enumerable.Range(0, n).Where(b => b % 17 != 0).ToList();
        var listed = members.ToHashSet();
        var index = new ContainedBuffers(ranges, first, end, rank, members);
        for (int round = 0; round < 4_000; round++)
        {
            int lower = random.Below(ranges), upper = lower + 1 + random.Below(ranges - lower);
            int expected = listed.Where(b => first[b] >= lower && end[b] <= upper).Select(b => rank[b]).DefaultIfEmpty(int.MaxValue).Min();
            Assert.Equal(expected, index.BestWithin(lower, upper));
            if (expected != int.MaxValue && random.Below(2) == 0)
            {
                index.Remove(byRank[expected]);
                listed.Remove(byRank[expected]);
            }
            else if (listed.Count > 0 && random.Below(4) == 0)
            {
                // Any listed buffer, not only a best one: its rank is then not every minimum above it.
                int any = members[random.Below(members.Count)];
                if (listed.Remove(any)) index.Remove(any);
            }
            Assert.Equal(listed.Count, index.Count);
        }
    }

    [Fact]
    public void Contained_buffers_removes_buffers_from_lists_longer_than_its_table_of_places_counts()
    {
        // The root's list holds every buffer: over 65,536 of them, so their places there are known only modulo 2^16.
        var random = new SplitMix64(10);
        int n = 70_000, ranges = 64;
        var first = new int[n];
        var end = new int[n];
        var rank = new int[n];
        for (int b = 0; b < n; b++)
        {
            first[b] = random.Below(ranges);
            end[b] = Math.Min(ranges, first[b] + 1 + random.Below(8));
        }
        var byRank = Enumerable.Range(0, n).OrderBy(_ => random.Below(int.MaxValue)).ToArray();
        for (int r = 0; r < n; r++) rank[byRank[r]] = r;
        var members = Enumerable.Range(0, n).ToList();
        var listed = new bool[n];
        Array.Fill(listed, true);
        var index = new ContainedBuffers(ranges, first, end, rank, members);
        for (int round = 0; round < 300; round++)
        {
            for (int k = 0; k < 100; k++)
            {
                int any = random.Below(n);
                if (!listed[any]) continue;
                listed[any] = false;
                index.Remove(any);
            }
            int lower = random.Below(ranges), upper = lower + 1 + random.Below(ranges - lower);
            int expected = int.MaxValue;
            for (int b = 0; b < n; b++)
            {
                if (listed[b] && first[b] >= lower && end[b] <= upper) expected = Math.Min(expected, rank[b]);
            }
            Assert.Equal(expected, index.BestWithin(lower, upper));
        }
    }
}
