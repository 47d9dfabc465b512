using MiniMalloc.Planning.Tests;

namespace MiniMalloc.Cli.Tests;

public class SolveTests
{
    /// <summary>How these tests run the tool; the native build's subclass runs them against that program.</summary>
    internal virtual CliProgram Tool => CliProgram.Default;

    [Fact]
    public void Solves_writes_the_input_with_an_offset_column_and_prints_one_summary_line()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string output = folder.File("tiny.out.csv");
        var result = Tool.Run($"--input={input}", "--capacity=10", $"--output={output}", "--validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("minimalloc: 4 buffers, height 10, capacity 10, lower bound 10, time ", result.Summary, StringComparison.Ordinal);
        Assert.Matches(@", nodes \d+, backtracks \d+(, heuristic [ACLOTUWZ]+)?, PASS$", result.Summary);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));

        string csv = File.ReadAllText(output);
        Assert.StartsWith("id,lower,upper,size,offset\na,0,4,4,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", csv, StringComparison.Ordinal);
        AssertValidPlan(Problems.Tiny, csv, capacity: 10);
    }

    [Fact]
    public void Without_an_output_file_the_csv_goes_to_standard_output()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        var result = Tool.Run($"--input={input}", "--capacity=10");
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertValidPlan(Problems.Tiny, result.Stdout, capacity: 10);
        Assert.Equal([Path.GetFileName(input)], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Output_dash_prints_the_csv_even_when_a_header_is_written()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string header = folder.File("tiny.h");
        var result = Tool.Run($"--input={input}", "--capacity=10", "--output=-", $"--header={header}");
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertValidPlan(Problems.Tiny, result.Stdout, capacity: 10);
        Assert.True(File.Exists(header));
    }

    [Fact]
    public void Crlf_input_gives_the_same_output_as_lf_input()
    {
        using var folder = new TempFolder();
        string lf = folder.Write("lf.csv", Problems.Tiny);
        string crlf = folder.Write("crlf.csv", Problems.Tiny.Replace("\n", "\r\n", StringComparison.Ordinal));
        var first = Tool.Run($"--input={lf}", "--capacity=10");
        var second = Tool.Run($"--input={crlf}", "--capacity=10");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Inclusive_end_columns_are_written_back_as_half_open_lower_and_upper_as_the_reference_does()
    {
        using var folder = new TempFolder();
        string input = folder.Write("old.csv", "buffer_id,start,end,size\nx,0,1,4\ny,2,3,4\n");
        var result = Tool.Run($"--input={input}", "--capacity=4");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("id,lower,upper,size,offset\nx,0,2,4,0\ny,2,4,4,0\n", result.Stdout);
    }

    [Fact]
    public void No_solution_within_the_capacity_exits_1_explains_why_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string output = folder.Write("tiny.out.csv", "previous\n");
        var result = Tool.Run($"--input={input}", $"--capacity={Problems.TinyPeak - 1}", $"--output={output}");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{input}: error MMB3001: the 4 buffers do not fit in the capacity of 9 bytes", result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("minimalloc: 4 buffers, no solution, capacity 9, lower bound 10,", result.Summary, StringComparison.Ordinal);
        Assert.Equal("previous\n", File.ReadAllText(output));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Minimizing_without_a_capacity_finds_the_proven_optimal_height()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        var result = Tool.Run($"--input={input}", "--minimize-capacity", "--validate");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("minimalloc: 4 buffers, height 10 (proven optimal), capacity unlimited, lower bound 10,", result.Summary, StringComparison.Ordinal);
        Assert.EndsWith(", PASS", result.Summary, StringComparison.Ordinal);
        AssertValidPlan(Problems.Tiny, result.Stdout, capacity: 10);
    }

    [Fact]
    public void The_search_node_budget_stops_the_exact_search_the_same_way_every_time()
    {
        using var folder = new TempFolder();
        string input = folder.Write("puzzle.csv", PerfectPacking.Csv());

        var first = Tool.Run($"--input={input}", "--capacity=70", "--search-nodes=0", "--timeout=1h", "--validate");
        var second = Tool.Run($"--input={input}", "--capacity=70", "--search-nodes=0", "--timeout=1h", "--validate");

        // No node to search: the heuristic fallback plans it (exit code 5), the same plan both times.
        Assert.True(first.ExitCode == 5, first.ToString());
        Assert.True(first.Stderr.Contains("warning MMB3003: the exact search stopped at its budget after ", StringComparison.Ordinal), first.ToString());
        Assert.StartsWith("minimalloc: 30 buffers, height ", first.Summary, StringComparison.Ordinal);
        Assert.Contains(" (heuristic fallback, exact search stopped at budget), capacity 70,", first.Summary, StringComparison.Ordinal);
        Assert.EndsWith(", PASS", first.Summary, StringComparison.Ordinal);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void The_node_budget_bounds_the_minimizer_where_a_longer_timeout_does_not()
    {
        using var folder = new TempFolder();
        string input = folder.Write("puzzle.csv", PerfectPacking.Csv());

        var none = Tool.Run($"--input={input}", "--minimize-capacity", "--node-budget=0", "--timeout=1h");
        var some = Tool.Run($"--input={input}", "--minimize-capacity", "--node-budget=100000", "--timeout=1h", "--validate");

        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("warning MMB3006: minimizing stopped at its search limit", none.Stderr, StringComparison.Ordinal);
        Assert.Contains("(not proven optimal)", none.Summary, StringComparison.Ordinal);
        Assert.Contains(", nodes 0,", none.Summary, StringComparison.Ordinal);
        Assert.True(some.ExitCode == 0, some.ToString());
        Assert.StartsWith($"minimalloc: 30 buffers, height {PerfectPacking.Height} (proven optimal),", some.Summary, StringComparison.Ordinal);
        Assert.EndsWith(", PASS", some.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimizing_within_a_capacity_too_small_exits_1()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        var result = Tool.Run($"--input={input}", "--minimize-capacity", "--capacity=9");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no solution", result.Summary, StringComparison.Ordinal);
    }

    // The plain search, every technique off: on the slotted problem it runs far beyond a tenth of a second or 50 nodes.
    private static readonly string[] EveryTechniqueOff =
    [
        "--canonical_only=false", "--section_inference=false", "--dynamic_ordering=false", "--check_dominance=false",
        "--unallocated_floor=false", "--static_preordering=false", "--dynamic_decomposition=false",
        "--monotonic_floor=false", "--hatless_pruning=false",
    ];

    [Fact]
    public void A_timed_out_solve_exits_3_says_so_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("slotted.csv", Problems.Slotted(out long capacity));
        string output = folder.File("slotted.out.csv");
        // Every technique off and a time limit of a tenth of a second: the plain search cannot settle it, and no
        // heuristic plan fits, so there is nothing to fall back on.
        var result = Tool.Run([$"--input={input}", $"--capacity={capacity}", $"--output={output}", "--timeout=100ms", .. EveryTechniqueOff]);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("error MMB3002: the solver timed out after 0.1 s", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("infeasible", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("timed out (best plan ", result.Summary, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_solve_stopped_undecided_at_its_node_budget_exits_3_and_says_undecided_with_the_best_plan()
    {
        using var folder = new TempFolder();
        string input = folder.Write("slotted.csv", Problems.Slotted(out long capacity));
        string output = folder.File("slotted.out.csv");
        // As above, but a budget of nodes rather than the clock stops the search: the same answer on every machine.
        var result = Tool.Run([$"--input={input}", $"--capacity={capacity}", $"--output={output}", "--search-nodes=50", .. EveryTechniqueOff]);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Matches(@"error MMB3002: the solver stopped at its budget after \d+ search nodes", result.Stderr);
        Assert.Matches(@"undecided at the search's budget \(best plan \d+, \d+\.\d\d % above the bound\), capacity ", result.Summary);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void After_a_timeout_a_heuristic_plan_that_fits_is_written_with_a_warning_and_exit_code_5()
    {
        using var folder = new TempFolder();
        string csv = Problems.Roomy(out long capacity);
        string input = folder.Write("roomy.csv", csv);
        string output = folder.File("roomy.out.csv");
        string header = folder.File("roomy.h");

        var result = Tool.Run($"--input={input}", $"--capacity={capacity}", $"--output={output}", $"--header={header}", "--timeout=0", "--validate");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains($"{input}: warning MMB3003: the exact search timed out after 0 s; using a heuristic plan", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"^minimalloc: 700 buffers, height \d+ \(heuristic plan after a timeout\), capacity 1099511627776, lower bound \d+, .*, PASS$", result.Summary);
        AssertValidPlan(csv, File.ReadAllText(output), capacity);
        Assert.True(File.Exists(header));
    }

    [Fact]
    public void A_heuristic_plan_after_a_timeout_goes_to_standard_output_too_and_still_exits_5()
    {
        using var folder = new TempFolder();
        string csv = Problems.Roomy(out long capacity);
        string input = folder.Write("roomy.csv", csv);

        var result = Tool.Run($"--input={input}", $"--capacity={capacity}", "--timeout=0");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("warning MMB3003", result.Stderr, StringComparison.Ordinal);
        AssertValidPlan(csv, result.Stdout, capacity);
    }

    [FifoFact]
    public void A_run_interrupted_by_ctrl_c_exits_3_and_writes_nothing()
    {
        using var folder = new TempFolder();
        // Every technique off, no time limit and the largest node budget: the search would run for ever, so only
        // the interruption ends it (with the default budget a loaded machine could deliver the signal after the
        // budget ran out, and the run would end with a heuristic plan instead).
        string input = Fifo.Create(folder.File("slotted.csv"));
        string output = folder.File("slotted.out.csv");
        var result = Tool.RunInterrupted(input, Problems.Slotted(out long capacity),
            [$"--input={input}", $"--capacity={capacity}", $"--output={output}", "--timeout=inf", "--search-nodes=9007199254740992", .. EveryTechniqueOff]);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("error MMB3004: cancelled", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void An_existing_output_is_replaced_atomically_and_no_temporary_file_is_left()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string output = folder.Write("out.csv", "old\n");
        var result = Tool.Run($"--input={input}", "--capacity=10", $"--output={output}");
        Assert.Equal(0, result.ExitCode);
        AssertValidPlan(Problems.Tiny, File.ReadAllText(output), capacity: 10);
        Assert.Equal(["out.csv", "tiny.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void An_output_that_cannot_be_written_exits_2()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string blocker = folder.Write("file", "x");
        var result = Tool.Run($"--input={input}", "--capacity=10", $"--output={Path.Combine(blocker, "out.csv")}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MMB4010: cannot write the CSV output", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_is_deterministic()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        Assert.Equal(Tool.Run($"--input={input}", "--capacity=10").Stdout, Tool.Run($"--input={input}", "--capacity=10").Stdout);
    }

    [SharedDataFact]
    public void The_reference_example_fits_in_12_and_not_in_11()
    {
        string input = SharedData.Path("benchmarks", "examples", "input.12.csv");
        using var folder = new TempFolder();
        string output = folder.File("out.csv");

        var fits = Tool.Run($"--input={input}", "--capacity=12", $"--output={output}", "--validate");
        Assert.True(fits.ExitCode == 0, fits.ToString());
        Assert.StartsWith("minimalloc: 5 buffers, height 12, capacity 12, lower bound 12,", fits.Summary, StringComparison.Ordinal);
        Assert.EndsWith(", PASS", fits.Summary, StringComparison.Ordinal);
        AssertValidPlan(File.ReadAllText(input), File.ReadAllText(output), capacity: 12);

        File.Delete(output);
        var tooSmall = Tool.Run($"--input={input}", "--capacity=11", $"--output={output}");
        Assert.True(tooSmall.ExitCode == 1, tooSmall.ToString());
        Assert.Contains("no solution, capacity 11", tooSmall.Summary, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>The output is the input plus an offset column, and those offsets are a valid plan of the input.</summary>
    internal static void AssertValidPlan(string inputCsv, string outputCsv, long capacity)
    {
        var problem = CsvProblemReader.Parse(inputCsv, "input", capacity);
        var planned = CsvProblemReader.Parse(outputCsv, "output", capacity);
        Assert.Equal(problem.Buffers.Count, planned.Buffers.Count);
        var offsets = new long[problem.Buffers.Count];
        for (int i = 0; i < offsets.Length; i++)
        {
            Assert.Equal(problem.Buffers[i] with { Offset = planned.Buffers[i].Offset }, planned.Buffers[i] with { Gaps = problem.Buffers[i].Gaps });
            offsets[i] = planned.Buffers[i].Offset ?? throw new Xunit.Sdk.XunitException($"buffer {i} has no offset");
        }
        var verdict = Validator.Validate(problem, Solution.FromOffsets(problem, offsets));
        Assert.True(verdict.IsValid, verdict.Message);
    }
}
