using MiniMalloc.Planning;

namespace MiniMalloc.Cli.Tests;

/// <summary>The CLI speaks the build's formats too: lifetimes JSON in, the C header and the HTML report out.</summary>
public class HeaderReportAndJsonTests
{
    /// <summary>How these tests run the tool; the native build's subclass runs them against that program.</summary>
    internal virtual CliProgram Tool => CliProgram.Default;

    private const string Lifetimes = """
        {
          "version": 1,
          "name": "kws_cnn",
          "capacity": 262144,
          "alignment": 16,
          "buffers": [
            { "id": "input",     "start": 0, "end": 2, "size": 4000 },
            { "id": "conv1/out", "start": 1, "end": 4, "size": 16000, "alignment": 64 },
            { "id": "scratch",   "start": 2, "end": 9, "size": 2048,
              "gaps": [ { "start": 3, "end": 5 }, { "start": 6, "end": 7, "window": [0, 512] } ] },
            { "id": "dma_in",    "start": 0, "end": 9, "size": 1024, "offset": 0 }
          ]
        }
        """;

    private const string PoolLifetimes = """
        {
          "version": 2,
          "name": "kws_pools",
          "pools": [ { "name": "sram", "capacity": 20000, "alignment": 64 }, { "name": "dram", "capacity": 1048576, "alignment": 64 } ],
          "buffers": [
            { "id": "input",     "start": 0, "end": 2, "size": 4000 },
            { "id": "conv1/out", "start": 1, "end": 4, "size": 16000, "alignment": 64 },
            { "id": "conv2/out", "start": 3, "end": 6, "size": 12000, "weight": 24000 },
            { "id": "dma_in",    "start": 0, "end": 9, "size": 1024, "pools": ["sram"], "offset": 0 }
          ]
        }
        """;

    [Fact]
    public void A_version_2_file_writes_the_csv_with_a_pool_column_and_a_summary_line_with_cost_bound_and_heights()
    {
        using var folder = new TempFolder();
        string input = folder.Write("kws.json", PoolLifetimes);

        var result = Tool.Run($"--input={input}", "--validate");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,lower,upper,size,", rows[0], StringComparison.Ordinal);
        Assert.Contains(",offset,pool", rows[0], StringComparison.Ordinal);
        Assert.Equal(5, rows.Length);
        int poolColumn = rows[0].Split(',').ToList().IndexOf("pool");
        var pools = rows.Skip(1).Select(r => r.Split(',')[poolColumn]).ToList();
        Assert.All(pools, p => Assert.Contains(p, new[] { "sram", "dram" }));
        Assert.Equal("sram", pools[3]);
        // 21,024 bytes are live at step 1 in a 20,000-byte SRAM: something spilled to DRAM, which costs.
        Assert.Contains("dram", pools);
        string line = result.Summary;
        Assert.Matches(@"^minimalloc: 4 buffers, cost [1-9]\d* \(lower bound \d+(, optimal)?\), pools sram \d+/20000, dram \d+/1048576, time ", line);
        Assert.EndsWith(", PASS", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_options_make_a_csv_a_pool_problem_and_a_bad_one_is_a_coded_usage_error()
    {
        using var folder = new TempFolder();
        string input = folder.Write("p.csv", "id,lower,upper,size,pools\na,0,4,600,sram\nb,2,6,600,sram dram\nc,0,6,100,\n");

        var result = Tool.Run($"--input={input}", "--pool=sram:1024", "--pool=dram:4096:16:3");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("id,lower,upper,size,offset,pool,pools\n", result.Stdout, StringComparison.Ordinal);
        // a and b are live together and do not both fit in sram: b, which may, goes to dram.
        Assert.Contains("\nb,2,6,600,0,dram,sram dram\n", result.Stdout, StringComparison.Ordinal);

        var bad = Tool.Run($"--input={input}", "--pool=sram:lots");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error MMB1010: The --pool option gives pool \"sram\" the capacity 'lots'", bad.Stderr, StringComparison.Ordinal);

        var twice = Tool.Run($"--input={input}", "--pool=sram:1024", "--pool=sram:2048");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("error MMB1011:", twice.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_is_byte_for_byte_the_one_the_build_task_writes_for_csv()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string cliHeader = folder.File("cli.h"), taskHeader = folder.File("task.h");

        var result = Tool.Run($"--input={input}", "--capacity=10", $"--header={cliHeader}");
        var outcome = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = taskHeader, Capacity = Capacity.Of(10), MinimizeCapacity = false });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Equal(File.ReadAllBytes(taskHeader), File.ReadAllBytes(cliHeader));
        Assert.Contains("#define TINY_ARENA_SIZE", File.ReadAllText(cliHeader), StringComparison.Ordinal);
        // With only a header asked for, no CSV is printed.
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Reads_lifetimes_json_and_writes_the_same_header_as_the_build_task()
    {
        using var folder = new TempFolder();
        string input = folder.Write("kws.lifetimes.json", Lifetimes);
        string cliHeader = folder.File("cli.h"), taskHeader = folder.File("task.h"), csv = folder.File("out.csv");

        var result = Tool.Run($"--input={input}", $"--header={cliHeader}", $"--output={csv}", "--prefix=kws", "--validate");
        var outcome = Planner.Run(new PlanRequest { InputPath = input, HeaderPath = taskHeader, SymbolPrefix = "kws", MinimizeCapacity = false });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("minimalloc: 4 buffers, height ", result.Summary, StringComparison.Ordinal);
        Assert.Contains(", capacity 262144,", result.Summary, StringComparison.Ordinal);
        Assert.EndsWith(", PASS", result.Summary, StringComparison.Ordinal);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Equal(File.ReadAllBytes(taskHeader), File.ReadAllBytes(cliHeader));
        Assert.Contains("#define KWS_CONV1_OUT_OFFSET", File.ReadAllText(cliHeader), StringComparison.Ordinal);

        // The CSV output carries the lifetimes file's alignments, gaps and windows.
        var planned = CsvProblemReader.Parse(File.ReadAllText(csv));
        Assert.Equal(["input", "conv1/out", "scratch", "dma_in"], planned.Buffers.Select(b => b.Id));
        Assert.Equal(0, planned.Buffers[3].Offset);
        Assert.Equal(64, planned.Buffers[1].Alignment);
        Assert.Equal(new Window(0, 512), planned.Buffers[2].Gaps[1].Window);
    }

    [Fact]
    public void Bad_lifetimes_json_exits_2_with_line_column_and_json_path_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("bad.json", Lifetimes.Replace("\"end\": 4", "\"end\": 1", StringComparison.Ordinal));
        string header = folder.File("out.h"), csv = folder.File("out.csv");
        var result = Tool.Run($"--input={input}", $"--header={header}", $"--output={csv}");
        Assert.Equal(2, result.ExitCode);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(input)}\(8,\d+\): error MMB2007: \$\.buffers\[1\]\.end: end 1 must be greater than start 1", result.Stderr);
        Assert.False(File.Exists(header));
        Assert.False(File.Exists(csv));
        Assert.Empty(result.SummaryLines);
    }

    [Fact]
    public void A_lifetimes_file_without_capacity_needs_one_unless_minimizing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("nocap.json", Lifetimes.Replace("\"capacity\": 262144,", "", StringComparison.Ordinal));

        var refused = Tool.Run($"--input={input}");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error MMB1001: no capacity is set and the input file gives none", refused.Stderr, StringComparison.Ordinal);

        var minimized = Tool.Run($"--input={input}", "--minimize-capacity", "--validate");
        Assert.True(minimized.ExitCode == 0, minimized.ToString());
        Assert.Contains("(proven optimal), capacity unlimited", minimized.Summary, StringComparison.Ordinal);

        var withFlag = Tool.Run($"--input={input}", "--capacity=100000");
        Assert.True(withFlag.ExitCode == 0, withFlag.ToString());
        Assert.Contains(", capacity 100000,", withFlag.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_without_letters_or_digits_exits_2_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string header = folder.File("out.h"), csv = folder.File("out.csv");
        var result = Tool.Run($"--input={input}", "--capacity=10", $"--header={header}", $"--output={csv}", "--prefix=!!!");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MMB1003", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(header));
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public void The_report_draws_the_plan()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string report = folder.File("plan.html");
        var result = Tool.Run($"--input={input}", "--capacity=10", $"--report={report}");
        Assert.True(result.ExitCode == 0, result.ToString());
        string html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        foreach (var id in new[] { "a", "b", "c", "d" }) Assert.Contains($"<title>{id}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void With_minimize_capacity_the_report_is_written_too()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string report = folder.File("plan.html");
        var result = Tool.Run($"--input={input}", "--minimize-capacity", $"--report={report}");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("<svg", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void When_nothing_fits_the_report_still_shows_why_and_the_exit_code_is_1()
    {
        using var folder = new TempFolder();
        string input = folder.Write("tiny.csv", Problems.Tiny);
        string report = folder.File("plan.html"), csv = folder.File("out.csv");
        var result = Tool.Run($"--input={input}", "--capacity=9", $"--report={report}", $"--output={csv}");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("<svg", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
    }
}
