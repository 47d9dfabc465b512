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
}
