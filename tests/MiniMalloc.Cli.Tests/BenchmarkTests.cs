namespace MiniMalloc.Cli.Tests;

/// <summary>All eleven challenging benchmarks of the paper solved and validated through the CLI, with the reference's backtracks (about 30 s in all).</summary>
public class BenchmarkTests
{
    // The reference's backtracks at default settings: the planner's default budgets and its anytime path (for large
    // problems only) must leave the exact search on these exactly the reference's.
    [SharedDataTheory]
    [InlineData("A", 114659)]
    [InlineData("B", 101625)]
    [InlineData("C", 29605)]
    [InlineData("D", 10457)]
    [InlineData("E", 153368)]
    [InlineData("F", 50659)]
    [InlineData("G", 4581)]
    [InlineData("H", 4826)]
    [InlineData("I", 13006)]
    [InlineData("J", 1193)]
    [InlineData("K", 7648)]
    public void Challenging_benchmark_is_solved_and_validated(string name, long referenceBacktracks)
    {
        string input = SharedData.Path("benchmarks", "challenging", $"{name}.1048576.csv");
        using var folder = new TempFolder();
        string output = folder.File($"{name}.out.csv");
        var result = CliHarness.Run($"--input={input}", "--capacity=1048576", $"--output={output}", "--validate");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith(", PASS", result.Summary, StringComparison.Ordinal);
        Assert.Contains($", backtracks {referenceBacktracks},", result.Summary, StringComparison.Ordinal);
        SolveTests.AssertValidPlan(File.ReadAllText(input), File.ReadAllText(output), capacity: 1048576);
    }

    /// <summary>C needs fourteen attempts of the round robin: two threads share them and return the same plan.</summary>
    [SharedDataTheory]
    [InlineData("2")]
    [InlineData("0")]
    public void More_threads_give_the_same_plan(string threads)
    {
        string input = SharedData.Path("benchmarks", "challenging", "C.1048576.csv");
        using var folder = new TempFolder();
        string one = folder.File("one.csv"), more = folder.File("more.csv");
        var sequential = CliHarness.Run($"--input={input}", "--capacity=1048576", $"--output={one}");
        var parallel = CliHarness.Run($"--input={input}", "--capacity=1048576", $"--output={more}", $"--threads={threads}", "--validate");
        Assert.True(sequential.ExitCode == 0, sequential.ToString());
        Assert.True(parallel.ExitCode == 0, parallel.ToString());
        Assert.EndsWith(", PASS", parallel.Summary, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(more));
    }
}
