namespace MiniMalloc.Cli.Tests;

/// <summary>Issue 2: bad input exits 2 with a message naming file, line and problem, and writes no output.</summary>
public class BadInputTests
{
    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        // name, content, capacity, "(line,col)" expected, message fragment (with its code)
        { "missing column", "id,lower,size\na,0,4\n", 12, "(1,1)", "error MMB2003: missing required column 'upper'" },
        { "non-integer", "id,lower,upper,size\na,0,4,4\nb,zero,4,4\n", 12, "(3,3)", "error MMB2002: lower 'zero' is not an integer" },
        { "upper <= lower", "id,lower,upper,size\na,0,4,4\nb,4,4,4\n", 12, "(3,5)", "error MMB2007: upper 4 is not greater than lower 4" },
        { "negative size", "id,lower,upper,size\na,0,4,-4\n", 12, "(2,7)", "error MMB2008: size -4 must be positive" },
        { "duplicate id", "id,lower,upper,size\na,0,4,4\nb,0,4,4\na,4,8,4\n", 12, "(4,1)", "error MMB2009: duplicate id 'a': already used on line 2" },
        { "size > capacity", "id,lower,upper,size\na,0,4,4\nbig,0,4,13\n", 12, "(3,9)", "error MMB2013: size 13 of buffer 'big' exceeds the capacity 12" },
        { "empty file", "", 12, "(1,1)", "error MMB2023: the file is empty" },
        { "gap outside lifespan", "id,lower,upper,size,gaps\na,0,4,4,3-9\n", 12, "(2,9)", "error MMB2010: gap '3-9' lies outside" },
        { "wrong field count", "id,lower,upper,size\na,0,4\n", 12, "(2,5)", "error MMB2023: expected 4 fields" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exits_2_naming_file_line_and_problem_and_writes_nothing(string name, string content, int capacity, string position, string fragment)
    {
        using var folder = new TempFolder();
        string input = folder.Write("bad.csv", content);
        string output = folder.File("out.csv");
        string header = folder.File("out.h");
        var result = CliHarness.Run($"--input={input}", $"--capacity={capacity}", $"--output={output}", $"--header={header}");
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
        var result = CliHarness.Run($"--input={input}", "--capacity=12");
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
        var result = CliHarness.Run($"--input={input}", "--capacity=12", $"--output={output}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("previous content\n", File.ReadAllText(output));
    }

    [Fact]
    public void A_missing_input_file_exits_2()
    {
        using var folder = new TempFolder();
        string input = folder.File("nowhere.csv");
        var result = CliHarness.Run($"--input={input}", "--capacity=12", $"--output={folder.File("out.csv")}");
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
        var result = CliHarness.Run($"--input={input}", "--capacity=12");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not valid UTF-8", result.Stderr, StringComparison.Ordinal);
    }
}
