using MiniMalloc.Search;
using MiniMalloc.Tests.Property;

namespace MiniMalloc.Tests.Search;

/// <summary>
/// A decomposition's large piece searched as a narrowed view of its sub-problem (<see cref="NarrowedViews"/>) is the
/// same search as a new piece: the same nodes, backtracks and plan, with either ordering representation or both
/// nested, under every technique combination with decomposition. The problems nest lifetimes (as a training graph's
/// activations do) beside short buffers, so that placements keep splitting off small pieces from a large one.
/// </summary>
public class NarrowedViewTests
{
    private const int DynamicDecompositionBit = 1 << 6;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Views_visit_the_same_nodes_as_new_pieces(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 4; round++)
        {
            var problem = NestedProblem(random);
            int mask = round == 0 ? TechniqueCombination.Count - 1 : random.Next(TechniqueCombination.Count) | DynamicDecompositionBit;
            IReadOnlyList<string> heuristics = round % 2 == 0 ? ["WAT"] : SolverOptions.DefaultPreorderingHeuristics;
            var options = TechniqueCombination.Options(mask, heuristics, timeout: null);
            foreach (int threshold in new[] { int.MaxValue, 0, SolverOptions.MixedRepresentations })
            {
                var pieces = Solve(problem, options with { IncrementalThreshold = threshold, NarrowedViewThreshold = int.MaxValue });
                var views = Solve(problem, options with { IncrementalThreshold = threshold, NarrowedViewThreshold = 0 });
                string where = $"seed {seed}, round {round}, {TechniqueCombination.Describe(mask)}, threshold {threshold}";
                Assert.True(pieces.Statistics.Nodes > problem.Buffers.Count / 2, $"{where}: the search ran ({pieces.Statistics.Nodes} nodes)");
                Assert.True(pieces.Status == views.Status, $"{where}: {pieces.Status} against {views.Status}");
                Assert.True(pieces.Statistics.Nodes == views.Statistics.Nodes, $"{where}: {pieces.Statistics.Nodes} nodes against {views.Statistics.Nodes}");
                Assert.True(pieces.Statistics.Backtracks == views.Statistics.Backtracks, $"{where}: backtracks differ");
                Assert.Equal(pieces.Solution?.Offsets, views.Solution?.Offsets);
            }
        }
    }

    [Fact]
    public void A_nested_training_graph_is_planned_at_its_live_size_bound_the_same_way()
    {
        var random = new Random(42);
        var problem = NestedProblem(random, forward: 300, temps: 300, tight: false);
        var pieces = new Solver(new SolverOptions { NarrowedViewThreshold = int.MaxValue }).Solve(problem);
        var views = new Solver(new SolverOptions { NarrowedViewThreshold = 0 }).Solve(problem);
        Assert.Equal(SolveStatus.Solved, views.Status);
        Assert.Equal(pieces.Statistics.Nodes, views.Statistics.Nodes);
        Assert.Equal(pieces.Solution!.Offsets, views.Solution!.Offsets);
        Assert.Equal(LiveProfile.Of(problem).Peak, views.Solution.Height);
    }

    // Seeds whose search finds a view (sharing its sub-problem's tree) and then fails in a later piece of the same
    // split, so that the node below tries its next candidate on a tree that was left unsorted while the found view
    // unwound (OrderingTree.Suspend) and must be rebuilt first (found by counting rebuilds over 30,000 seeds).
    [Theory]
    [InlineData(626)]
    [InlineData(869)]
    [InlineData(1670)]
    [InlineData(2055)]
    [InlineData(2089)]
    public void A_tree_left_unsorted_by_a_found_view_is_rebuilt_when_a_later_piece_fails(int seed)
    {
        var random = new Random(seed);
        int forward = random.Next(6, 16), temps = random.Next(6, 24);
        int turn = 2 * forward;
        var buffers = new List<Buffer>();
        for (int i = 0; i < forward; i++) buffers.Add(new Buffer($"f{i}", i, turn - i, 4 * random.Next(1, 5)));
        for (int j = 0; j < temps; j++)
        {
            int lower = seed % 2 == 0 ? random.Next(forward, turn - 1) : random.Next(0, turn - 1);
            int upper = Math.Min(turn, lower + random.Next(1, 4));
            buffers.Add(new Buffer($"t{j}", lower, upper, random.Next(1, 9)) { Alignment = random.Next(3) == 0 ? 4 : 1 });
        }
        var problem = new Problem(buffers, 0);
        problem = problem.WithCapacity(LiveProfile.Of(problem).Peak + random.Next(0, 6));
        int mask = seed % 3 == 0 ? TechniqueCombination.Count - 1 : random.Next(TechniqueCombination.Count) | DynamicDecompositionBit | (1 << 2);
        var options = TechniqueCombination.Options(mask, ["WAT"], timeout: null);

        var arena = Solve(problem, options with { IncrementalThreshold = int.MaxValue, NarrowedViewThreshold = int.MaxValue });
        var views = Solve(problem, options with { IncrementalThreshold = 0, NarrowedViewThreshold = 0 });
        string where = $"seed {seed}, {TechniqueCombination.Describe(mask)}";
        Assert.True(arena.Statistics.Backtracks > 0, $"{where}: the search backtracked");
        Assert.True(arena.Status == views.Status, $"{where}: {arena.Status} against {views.Status}");
        Assert.True(arena.Statistics.Nodes == views.Statistics.Nodes, $"{where}: {arena.Statistics.Nodes} nodes against {views.Statistics.Nodes}");
        Assert.True(arena.Statistics.Backtracks == views.Statistics.Backtracks, $"{where}: backtracks differ");
        Assert.Equal(arena.Solution?.Offsets, views.Solution?.Offsets);
    }

    private static SolveResult Solve(Problem problem, SolverOptions options)
        => new Solver(options).Solve(problem, new StopCondition(null, default).WithNodeLimit(8_192));

    // Forward buffers i live [i, 2f - i) (nested, all live at the turn), with sizes from a few values (so that ties
    // leave the order to the section totals), and short temporaries anywhere, some with gaps and alignments; tight:
    // a capacity a few bytes above the live-size bound, so that the search backtracks; else 25 % above it.
    private static Problem NestedProblem(Random random, int forward = 0, int temps = 0, bool tight = true)
    {
        if (forward == 0) forward = random.Next(8, 20);
        if (temps == 0) temps = random.Next(8, 20);
        int turn = 2 * forward;
        var buffers = new List<Buffer>(forward + temps);
        for (int i = 0; i < forward; i++) buffers.Add(new Buffer($"f{i}", i, turn - i, 4 * random.Next(1, 5)));
        for (int j = 0; j < temps; j++)
        {
            int lower = random.Next(0, turn - 1);
            int upper = Math.Min(turn, lower + random.Next(1, 4));
            var buffer = new Buffer($"t{j}", lower, upper, random.Next(1, 9)) { Alignment = random.Next(5) == 0 ? 4 : 1 };
            if (upper - lower >= 3 && random.Next(4) == 0)
            {
                buffer = buffer with { Gaps = [new Gap(new Lifespan(lower + 1, upper - 1), random.Next(2) == 0 ? null : new Window(0, 1))] };
            }
            buffers.Add(buffer);
        }
        var problem = new Problem(buffers, 0);
        long peak = LiveProfile.Of(problem).Peak;
        return problem.WithCapacity(tight ? peak + random.Next(0, 6) : peak + peak / 4);
    }
}
