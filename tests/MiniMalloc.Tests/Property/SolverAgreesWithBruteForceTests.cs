using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace MiniMalloc.Tests.Property;

/// <summary>
/// The solver against an independent exact method: thousands of random small problems, each solved under several
/// of the 512 technique combinations (with one preordering heuristic and with the default list), must agree with
/// the brute force on feasibility at the optimum and one below it, on the minimized height, and every solution
/// must pass the validator.
/// </summary>
/// <remarks>
/// Sampling: problem p is checked under runs 12p .. 12p + 11, and run r uses combination r mod 512 with a single
/// heuristic when (r / 512) is even and the default list when it is odd (see <see cref="PropertyRun"/>). Each
/// shard of 256 problems therefore covers all 512 combinations three times with a single heuristic and three
/// times with the default list; all 8 shards (2048 problems, 24576 runs) cover every combination 48 times, each
/// time on a different problem. The shards are split over two test classes so that xunit runs them on two cores.
/// Seeds are fixed, so a failure reproduces; its message carries the problem as CSV, shrunk to the smallest
/// version that still fails.
/// </remarks>
public class SolverAgreesWithBruteForceTests(ITestOutputHelper output)
{
    private const int BaseSeed = 20_231_103;
    private const int ProblemsPerShard = 256;
    internal const int ShardCount = 8;
    private const int RunsPerProblem = 12;
    private const int MaxFailuresKept = 20;

    public static TheoryData<int> FirstShards => [.. Enumerable.Range(0, ShardCount / 2)];

    [Theory]
    [MemberData(nameof(FirstShards))]
    public void Every_technique_combination_agrees_with_brute_force(int shard) => CheckShard(shard, output);

    /// <summary>Checks the problems of one shard under their runs; fails with a report of every disagreement kind.</summary>
    internal static void CheckShard(int shard, ITestOutputHelper output)
    {
        var failures = new List<(int Problem, Problem Instance, long Optimum, PropertyRun Run, string Failure)>();
        int checkedProblems = 0, skipped = 0, runs = 0;
        var bruteTime = new Stopwatch();
        var solverTime = new Stopwatch();
        for (int p = shard * ProblemsPerShard; p < (shard + 1) * ProblemsPerShard && failures.Count < MaxFailuresKept; p++)
        {
            var problem = SmallProblemGenerator.Generate(BaseSeed + p);
            bruteTime.Start();
            var brute = new BruteForceSolver(SearchContract.Of(problem));
            (long Height, long[] Offsets)? best;
            try
            {
                best = brute.Minimize();
            }
            catch (TimeoutException)
            {
                best = null; // too much work for the brute force (one problem in a few hundred)
            }
            bruteTime.Stop();
            if (best is null)
            {
                skipped++; // that, or fixed buffers that clash, or taller than the brute force models
                continue;
            }
            checkedProblems++;
            solverTime.Start();
            for (int r = 0; r < RunsPerProblem; r++)
            {
                var run = PropertyRun.For(p * RunsPerProblem + r);
                runs++;
                if (BruteForceComparison.Disagreement(problem, best.Value.Height, brute, run) is { } failure)
                {
                    failures.Add((p, problem, best.Value.Height, run, failure));
                }
            }
            solverTime.Stop();
        }
        output.WriteLine($"shard {shard}: {checkedProblems} problems ({skipped} skipped), {runs} runs; brute force {bruteTime.Elapsed.TotalSeconds:F1} s, solver {solverTime.Elapsed.TotalSeconds:F1} s");
        if (failures.Count == 0)
        {
            Assert.True(checkedProblems > ProblemsPerShard * 9 / 10, $"only {checkedProblems} of {ProblemsPerShard} problems were usable");
            return;
        }

        var report = new StringBuilder();
        report.Append($"{failures.Count}{(failures.Count >= MaxFailuresKept ? "+" : "")} of {runs} runs disagree with the brute force (seed = {BaseSeed} + problem number).\n");
        foreach (var f in failures.Take(5)) report.Append($"- problem {f.Problem}, {f.Run}: {f.Failure}\n");
        // One shrunk reproduction per kind of failure (wrong answers first), each from the smallest problem of that kind.
        foreach (var group in failures.GroupBy(f => ProblemShrinker.Kind(f.Failure)).OrderBy(g => g.Key == "wrong answer" ? 0 : 1).Take(3))
        {
            var smallest = group.OrderBy(f => f.Instance.Buffers.Count).First();
            var (shrunk, optimum, failureText) = ProblemShrinker.Shrink(smallest.Instance, smallest.Optimum, smallest.Failure, smallest.Run);
            report.Append($"\nSmallest reproduction of a {group.Key} (problem {smallest.Problem} shrunk), {smallest.Run}, brute-force optimum {optimum}:\n{failureText}\n");
            report.Append(ProblemCsv.Format(shrunk));
        }
        Assert.Fail(report.ToString());
    }
}
