namespace MiniMalloc.Cli.Tests;

/// <summary>All eleven challenging benchmarks of the paper solved and validated through the CLI (about 30 s in all).</summary>
public class BenchmarkTests
{
    [SharedDataTheory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    [InlineData("E")]
    [InlineData("F")]
    [InlineData("G")]
    [InlineData("H")]
    [InlineData("I")]
    [InlineData("J")]
    [InlineData("K")]
    public void Challenging_benchmark_is_solved_and_validated(string name)
    {
        string input = SharedData.Path("benchmarks", "challenging", $"{name}.1048576.csv");
        using var folder = new TempFolder();
        string output = folder.File($"{name}.out.csv");
        var result = CliHarness.Run($"--input={input}", "--capacity=1048576", $"--output={output}", "--validate");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith(", PASS", result.Summary, StringComparison.Ordinal);
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
