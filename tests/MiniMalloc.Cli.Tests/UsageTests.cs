namespace MiniMalloc.Cli.Tests;

public class UsageTests
{
    [Fact]
    public void Help_lists_every_flag_in_the_reference_spelling_and_exits_0()
    {
        var result = CliHarness.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string flag in new[]
        {
            "--input", "--output", "--capacity", "--timeout", "--validate", "--minimize-capacity", "--canonical_only",
            "--section_inference", "--dynamic_ordering", "--check_dominance", "--unallocated_floor", "--static_preordering",
            "--dynamic_decomposition", "--monotonic_floor", "--hatless_pruning", "--preordering-heuristics", "--threads", "--header",
            "--prefix", "--report",
        })
        {
            Assert.Contains(flag, result.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("Exit codes", result.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { [], "--input=FILE is required" },
        { ["--input=x.csv", "--capacity=abc"], "--capacity must be an integer number of bytes, not 'abc'" },
        { ["--input=x.csv", "--capacity=12", "--timeout=soon"], "--timeout must be a duration such as 10s" },
        { ["--input=x.csv", "--capacity=12", "--canonical_only=maybe"], "--canonical_only takes true or false" },
        { ["--input=x.csv", "--capacity=12", "--preordering-heuristics=WAT,XQ"], "preordering heuristic 'XQ' has the letter 'X'" },
        { ["--input=x.csv", "--capacity=12", "--prefix=K"], "--prefix is only used with --header=FILE" },
        { ["--input=x.csv", "--capacity=12", "--threads=-1"], "--threads must be a whole number from 0 (one per core) to 256, not '-1'" },
        { ["--input=x.csv", "--capacity=12", "--threads=many"], "--threads must be a whole number from 0 (one per core) to 256, not 'many'" },
        { ["--input=x.csv", "--capacity=12", "--bogus=1"], "--bogus=1" },
        { ["--input=x.csv", "--capacity=12", "stray"], "stray" },
        { ["--input=x.csv", "--capacity=12", "--capacity=13"], "--capacity" },
        { ["--input=x.csv", "--capacity=99999999999999999"], "--capacity 99999999999999999 is too large" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_exit_2_with_a_message(string[] args, string fragment)
    {
        var result = CliHarness.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(fragment, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("minimalloc: error", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.SummaryLines);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--capacity=0")]
    [InlineData("--capacity=-5")]
    public void A_capacity_is_required_unless_minimizing(string capacityFlag)
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Problems.Tiny);
        string output = folder.File("out.csv");
        string[] args = [$"--input={input}", $"--output={output}", capacityFlag];
        var result = CliHarness.Run([.. args.Where(a => a.Length > 0)]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MMB1001: --capacity", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Flags_take_the_reference_spellings_the_dashed_ones_and_separate_values()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Problems.Tiny);
        string output = folder.File("out.csv");
        var result = CliHarness.Run(
            "--input", input, $"--output={output}", "--capacity", "10", "--timeout=30s", "--validate=true",
            "--canonical_only=false", "--section-inference=0", "--dynamic_ordering=no", "--check-dominance=false",
            "--unallocated_floor=f", "--static-preordering=false", "--dynamic_decomposition=false", "--monotonic-floor=false",
            "--hatless_pruning=false", "--preordering_heuristics=TWA");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith(", PASS", result.Summary, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }
}
