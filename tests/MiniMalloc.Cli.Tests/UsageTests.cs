namespace MiniMalloc.Cli.Tests;

public class UsageTests
{
    /// <summary>How these tests run the tool; the native build's subclass runs them against that program.</summary>
    internal virtual CliProgram Tool => CliProgram.Default;

    [Fact]
    public void Help_lists_every_flag_in_the_reference_spelling_and_exits_0()
    {
        var result = Tool.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string flag in new[]
        {
            "--input", "--output", "--capacity", "--timeout", "--validate", "--minimize-capacity", "--canonical_only",
            "--section_inference", "--dynamic_ordering", "--check_dominance", "--unallocated_floor", "--static_preordering",
            "--dynamic_decomposition", "--monotonic_floor", "--hatless_pruning", "--preordering-heuristics", "--threads", "--header",
            "--prefix", "--report", "--node-budget", "--search-nodes",
        })
        {
            Assert.Contains(flag, result.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("Exit codes", result.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { [], "--input=FILE is required" },
        { ["--input=x.csv", "--capacity=abc"], "error MMB1001: The --capacity option is 'abc'; expected an integer number of bytes in [0, 2^53]." },
        { ["--input=x.csv", "--capacity=12", "--timeout=soon"], "error MMB1004: The --timeout option is 'soon'; expected a duration" },
        { ["--input=x.csv", "--capacity=12", "--canonical_only=maybe"], "--canonical_only takes true or false" },
        { ["--input=x.csv", "--capacity=12", "--preordering-heuristics=WAT,XQ"], "preordering heuristic 'XQ' has the letter 'X'" },
        { ["--input=x.csv", "--capacity=12", "--prefix=K"], "--prefix is only used with --header=FILE" },
        { ["--input=x.csv", "--capacity=12", "--threads=-1"], "--threads must be a whole number from 0 (one per core) to 256, not '-1'" },
        { ["--input=x.csv", "--capacity=12", "--threads=many"], "--threads must be a whole number from 0 (one per core) to 256, not 'many'" },
        { ["--input=x.csv", "--capacity=12", "--bogus=1"], "--bogus=1" },
        { ["--input=x.csv", "--capacity=12", "stray"], "stray" },
        { ["--input=x.csv", "--capacity=12", "--capacity=13"], "--capacity" },
        { ["--input=x.csv", "--capacity=99999999999999999"], "error MMB1001: The --capacity option is '99999999999999999'" },
        { ["--input=x.csv", "--capacity=-5"], "error MMB1001: The --capacity option is '-5'" },
        { ["--input=x.csv", "--minimize-capacity", "--node-budget=lots"], "error MMB1008: The --node-budget option is 'lots'; expected a whole number of search nodes in [0, 2^53]." },
        { ["--input=x.csv", "--minimize-capacity", "--node-budget=-1"], "error MMB1008: The --node-budget option is '-1'" },
        { ["--input=x.csv", "--capacity=12", "--search-nodes=lots"], "error MMB1008: The --search-nodes option is 'lots'; expected a whole number of search nodes in [0, 2^53]." },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_exit_2_with_a_message(string[] args, string fragment)
    {
        var result = Tool.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(fragment, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("minimalloc: error", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.SummaryLines);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_capacity_is_required_unless_minimizing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Problems.Tiny);
        string output = folder.File("out.csv");
        var result = Tool.Run($"--input={input}", $"--output={output}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}: error MMB1001: no capacity is set and the input file gives none: set a capacity, or minimize the height", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--capacity=0")]
    [InlineData("--capacity=0", "--minimize-capacity")]
    public void A_capacity_of_0_means_zero_bytes_as_in_the_reference_so_no_buffer_fits(params string[] flags)
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Problems.Tiny);
        string output = folder.File("out.csv");
        var result = Tool.Run([$"--input={input}", $"--output={output}", .. flags]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{input}: error MMB2013: none of the 4 buffers fits in a capacity of 0 bytes", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        // Without buffers there is nothing to place: the empty plan fits in zero bytes.
        string empty = folder.Write("empty.csv", "id,lower,upper,size\n");
        var solved = Tool.Run([$"--input={empty}", .. flags]);
        Assert.True(solved.ExitCode == 0, solved.ToString());
        Assert.Equal("id,lower,upper,size,offset\n", solved.Stdout);
        Assert.Contains(", capacity 0, ", solved.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_take_the_reference_spellings_the_dashed_ones_and_separate_values()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Problems.Tiny);
        string output = folder.File("out.csv");
        var result = Tool.Run(
            "--input", input, $"--output={output}", "--capacity", "10", "--timeout=30s", "--validate=true",
            "--canonical_only=false", "--section-inference=0", "--dynamic_ordering=no", "--check-dominance=false",
            "--unallocated_floor=f", "--static-preordering=false", "--dynamic_decomposition=false", "--monotonic-floor=false",
            "--hatless_pruning=false", "--preordering_heuristics=TWA");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith(", PASS", result.Summary, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }
}
