namespace MiniMalloc.Cli.Tests;

/// <summary>Issue 2: all eleven challenging benchmarks solved and validated through the CLI (about 30 s in all).</summary>
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
}
