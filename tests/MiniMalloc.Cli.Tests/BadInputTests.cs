namespace MiniMalloc.Cli.Tests;

/// <summary>Bad input exits 2 with a message naming file, line and problem, and writes no output.</summary>
public class BadInputTests
{
    /// <summary>How these tests run the tool; the native build's subclass runs them against that program.</summary>
    internal virtual CliProgram Tool => CliProgram.Default;

    public static TheoryData<string, string, int, string, string> Cases => CsvErrorCases.All;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exits_2_naming_file_line_and_problem_and_writes_nothing(string name, string content, int capacity, string position, string fragment)
    {
        using var folder = new TempFolder();
        string input = folder.Write("bad.csv", content);
        string output = folder.File("out.csv");
        string header = folder.File("out.h");
        var result = Tool.Run($"--input={input}", $"--capacity={capacity}", $"--output={output}", $"--header={header}");
        Assert.True(result.ExitCode == 2, $"{name}: {result}");
        Assert.Contains($"{input}{position}: {fragment}", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output), name);
        Assert.False(File.Exists(header), name);
        Assert.Equal(["bad.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        Assert.Empty(result.SummaryLines);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Every_error_in_the_file_is_reported_at_once()
    {
        using var folder = new TempFolder();
        string input = folder.Write("bad.csv", "id,lower,upper,size\na,0,x,4\nb,0,4,-1\nb,0,4,1\n");
        var result = Tool.Run($"--input={input}", "--capacity=12");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}(2,5): error MMB2002: upper 'x'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}(3,7): error MMB2008: size -1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}(4,1): error MMB2009: duplicate id 'b'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_output_is_left_as_it_was()
    {
        using var folder = new TempFolder();
        string input = folder.Write("bad.csv", "id,lower,upper,size\na,0,4,-4\n");
        string output = folder.Write("out.csv", "previous content\n");
        var result = Tool.Run($"--input={input}", "--capacity=12", $"--output={output}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("previous content\n", File.ReadAllText(output));
    }

    [Fact]
    public void A_missing_input_file_exits_2()
    {
        using var folder = new TempFolder();
        string input = folder.File("nowhere.csv");
        var result = Tool.Run($"--input={input}", "--capacity=12", $"--output={folder.File("out.csv")}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}: error MMB4001: cannot read the input", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Invalid_utf8_exits_2()
    {
        using var folder = new TempFolder();
        string input = folder.File("bin.csv");
        File.WriteAllBytes(input, [0x69, 0x64, 0xFF, 0xFE, 0x0A]);
        var result = Tool.Run($"--input={input}", "--capacity=12");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not valid UTF-8", result.Stderr, StringComparison.Ordinal);
    }

    private const string PoolFile = """
        {
          "version": 2,
          "name": "edge",
          "pools": [
            { "name": "sram", "capacity": 1024 },
            { "name": "dram", "capacity": 65536 }
          ],
          "buffers": [
            { "id": "a", "start": 0, "end": 2, "size": 400 },
            { "id": "sram_arena", "start": 1, "end": 3, "size": 800 }
          ]
        }
        """;

    [Fact]
    public void A_pool_name_that_collides_with_a_buffer_macro_exits_2_at_the_id_before_any_search()
    {
        using var folder = new TempFolder();
        string input = folder.Write("edge.json", PoolFile);
        string header = folder.File("edge.h");
        var result = Tool.Run($"--input={input}", $"--header={header}");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{input}(10,13): error MMB2047: $.buffers[1].id: buffer \"sram_arena\" and pool \"sram\"", result.Stderr, StringComparison.Ordinal);
        // Refused as input: no search, so no summary line (before, the plan was searched for and summed up first).
        Assert.Empty(result.SummaryLines);
        Assert.False(File.Exists(header));
    }

    [Fact]
    public void A_capacity_of_0_for_a_pool_file_exits_2_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("edge.json", PoolFile);
        string output = folder.File("out.csv");
        var result = Tool.Run($"--input={input}", "--capacity=0", $"--output={output}");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{input}: error MMB1001: the capacity set for this plan is the first pool's (\"sram\")", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--pool=fast ram:1024", "error MMB1010: The --pool option has an unusable name: pool name \"fast ram\" has white space in it")]
    [InlineData("--pool=sram:1024:16:1:2", "error MMB1010: The --pool option is 'sram:1024:16:1:2'")]
    public void A_pool_option_that_is_not_one_pool_exits_2(string option, string fragment)
    {
        using var folder = new TempFolder();
        string input = folder.Write("p.csv", "id,lower,upper,size\na,0,2,100\n");
        var result = Tool.Run($"--input={input}", option);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(fragment, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_pool_plans_csv_reads_back_with_the_same_pools_as_the_same_plan()
    {
        // The plan's CSV has a pool column but no pools column (every buffer may go everywhere); before, the pool
        // column was then not read, and every fixed offset had two pools (exit 2, MMB2044).
        using var folder = new TempFolder();
        string input = folder.Write("p.csv", "id,lower,upper,size\na,0,2,400\nb,1,3,800\nc,2,4,300\n");
        string plan = folder.File("plan.csv");
        Assert.Equal(0, Tool.Run($"--input={input}", "--pool=sram:1024:16", "--pool=dram:65536", $"--output={plan}").ExitCode);
        var again = Tool.Run($"--input={plan}", "--pool=sram:1024:16", "--pool=dram:65536");
        Assert.True(again.ExitCode == 0, again.ToString());
        static IEnumerable<string> Placement(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row => string.Join(',', row.Split(',')[..6]));
        Assert.Equal(Placement(File.ReadAllText(plan)), Placement(again.Stdout));
    }
}
