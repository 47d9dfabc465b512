using MiniMalloc.Search;
using MiniMalloc.Tests.Property;

namespace MiniMalloc.Tests.Search;

/// <summary>
/// The two ways a sub-problem keeps its dynamic ordering (a sorted arena per node with scanned section bounds, or
/// a tree and a segment tree updated per change; see <see cref="OrderingChoice"/>), alone or nested in one another,
/// are the same search: the same nodes, the same backtracks, the same plan, under every technique combination that
/// has dynamic ordering.
/// </summary>
public class OrderingRepresentationTests
{
    private const int DynamicOrderingBit = 1 << 2;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Both_representations_visit_the_same_nodes(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 4; round++)
        {
            var problem = RandomProblem(random);
            int mask = random.Next(TechniqueCombination.Count) | DynamicOrderingBit;
            IReadOnlyList<string> heuristics = round % 2 == 0 ? ["TWA"] : SolverOptions.DefaultPreorderingHeuristics;
            var options = TechniqueCombination.Options(mask, heuristics, timeout: null);
            var arena = Solve(problem, options with { IncrementalThreshold = int.MaxValue });
            string context = $"seed {seed}, round {round}, {TechniqueCombination.Describe(mask)}";
            Assert.True(arena.Statistics.Nodes > problem.Buffers.Count / 2, $"{context}: the search ran ({arena.Statistics.Nodes} nodes)");
            foreach (int threshold in new[] { 0, SolverOptions.MixedRepresentations })
            {
                var other = Solve(problem, options with { IncrementalThreshold = threshold });
                string where = $"{context}, threshold {threshold}";
                Assert.True(arena.Status == other.Status, $"{where}: {arena.Status} against {other.Status}");
                Assert.True(arena.Statistics.Nodes == other.Statistics.Nodes, $"{where}: {arena.Statistics.Nodes} nodes against {other.Statistics.Nodes}");
                Assert.True(arena.Statistics.Backtracks == other.Statistics.Backtracks, $"{where}: backtracks differ");
                Assert.Equal(arena.Solution?.Offsets, other.Solution?.Offsets);
            }
        }
    }

    // A node cap keeps every search short and stops both representations at the same node.
    private static SolveResult Solve(Problem problem, SolverOptions options)
        => new Solver(options).Solve(problem, new StopCondition(null, default).WithNodeLimit(8_192));

    // Twenty to forty buffers over thirty steps, with alignments and gaps (some with windows), at a capacity a few
    // bytes above the live-size bound: tight enough that the search backtracks and decomposes.
    private static Problem RandomProblem(Random random)
    {
        int count = random.Next(20, 41);
        var buffers = new List<Buffer>(count);
        for (int i = 0; i < count; i++)
        {
            int lower = random.Next(0, 28);
            int upper = random.Next(lower + 1, Math.Min(30, lower + 12) + 1);
            long size = random.Next(1, 33);
            var buffer = new Buffer($"b{i}", lower, upper, size) { Alignment = random.Next(4) == 0 ? 4 : 1 };
            if (upper - lower >= 3 && random.Next(5) == 0)
            {
                Window? window = random.Next(2) == 0 ? null : new Window(0, Math.Max(1, size / 2));
                buffer = buffer with { Gaps = [new Gap(new Lifespan(lower + 1, upper - 1), window)] };
            }
            buffers.Add(buffer);
        }
        var problem = new Problem(buffers, 0);
        return problem.WithCapacity(LiveProfile.Of(problem).Peak + random.Next(0, 8));
    }
}
