using MiniMalloc.Onnx.Cli;
using MiniMalloc.Planning;
using static MiniMalloc.Onnx.Tests.ModelBuilder;

namespace MiniMalloc.Onnx.Tests;

/// <summary>minimalloc-onnx as a user runs it: flags, exit codes, what is written (and what is not), output text.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ModelBuilder Model() => new ModelBuilder().Input("x", Float, "batch", 4).Output("y", Float)
        .Node("Relu", ["x"], ["a"], "relu").Node("Neg", ["a"], ["y"], "neg/1");

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = OnnxCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Writes_a_lifetimes_file_that_the_planner_reads_and_a_schedule_header()
    {
        string model = Model().Save(_folder.Path, "tiny-net.v2.onnx");
        string output = _folder.File("out.lifetimes.json");
        string schedule = _folder.File("tiny_schedule.h");
        var (exit, stdout, stderr) = Run($"--input={model}", $"--output={output}", "--shape=x=3,4", $"--schedule-header={schedule}");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("minimalloc-onnx: tiny-net.v2.onnx: 2 nodes (0 on weights only), 2 steps, 3 buffers (1 sharing another's bytes), 144 bytes in all, max live 96 bytes at step 0", stdout);
        Assert.EndsWith("(written)" + Environment.NewLine, stdout);
        Assert.Equal("""
            {
              "version": 1,
              "name": "tiny_net_v2",
              "buffers": [
                { "id": "x", "start": 0, "end": 1, "size": 48 },
                { "id": "a", "start": 0, "end": 2, "size": 48 },
                { "id": "y", "start": 1, "end": 2, "size": 48, "alias": { "of": "a", "offset": 0 } }
              ]
            }

            """.ReplaceLineEndings("\n"), File.ReadAllText(output));
        var read = LifetimesReader.Read(output);
        Assert.True(read.Succeeded && read.Diagnostics.Count == 0, string.Join("\n", read.Diagnostics));
        string header = File.ReadAllText(schedule);
        Assert.Contains("#define TINY_NET_V2_STEP_COUNT 2", header);
        Assert.Contains("X(1, \"neg/1\", \"Neg\")", header);
        Assert.Contains("#define TINY_NET_V2_SCHEDULE_GAPS(X)", header);
        Assert.Contains("X(\"y\", \"a\", 0, \"in-place\")", header); // Neg writes y over a, which dies there
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("views", 0)]
    [InlineData("in-place", 1)]
    [InlineData("all", 1)]
    public void Views_chooses_which_values_share_bytes(string views, int aliases)
    {
        string model = Model().Save(_folder.Path);
        string output = _folder.File("m.lifetimes.json");
        var (exit, stdout, _) = Run($"--input={model}", $"--output={output}", "--shape=x=1,4", $"--views={views}");
        Assert.Equal(0, exit);
        Assert.Contains($"3 buffers ({aliases} sharing another's bytes)", stdout);
        Assert.Equal(aliases, File.ReadAllText(output).Split("\"alias\"").Length - 1);
    }

    [Fact]
    public void An_unchanged_output_is_left_alone()
    {
        string model = Model().Save(_folder.Path);
        string output = _folder.File("m.lifetimes.json");
        Assert.Equal(0, Run($"--input={model}", $"--output={output}", "--shape=x=1,4").Exit);
        byte[] first = File.ReadAllBytes(output);
        var time = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, time);
        var (exit, stdout, _) = Run($"--input={model}", $"--output={output}", "--shape=x=1,4");
        Assert.Equal(0, exit);
        Assert.Contains("(unchanged)", stdout);
        Assert.Equal(time, File.GetLastWriteTimeUtc(output));
        Assert.Equal(first, File.ReadAllBytes(output));
    }

    [Fact]
    public void Bad_input_exits_2_with_a_coded_diagnostic_naming_file_and_value_and_writes_nothing()
    {
        string model = Model().Save(_folder.Path);
        string output = _folder.File("never.lifetimes.json");
        var (exit, stdout, stderr) = Run($"--input={model}", $"--output={output}");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"{model}: error MMB5201: graph input \"x\" [batch,4]: dimension 0 is symbolic (\"batch\")", stderr);
        Assert.False(File.Exists(output));

        (exit, _, stderr) = Run($"--input={model}", $"--output={output}", "--shape=x=1,5");
        Assert.Equal(2, exit);
        Assert.Contains("error MMB5202: --shape=x=1,5 contradicts the model, where input \"x\" has the shape [batch,4]", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_name_that_cannot_prefix_the_schedule_header_is_refused_before_anything_is_written()
    {
        string model = Model().Save(_folder.Path);
        string output = _folder.File("m.lifetimes.json");
        var (exit, _, stderr) = Run($"--input={model}", $"--output={output}", "--shape=x=1,4", "--name=my model", $"--schedule-header={_folder.File("s.h")}");
        Assert.Equal(2, exit);
        Assert.Contains("error MMB5303: the name \"my model\" cannot prefix the schedule header's macros", stderr);
        Assert.False(File.Exists(output));
        Assert.Equal(0, Run($"--input={model}", $"--output={output}", "--shape=x=1,4", "--name=my model").Exit);
        Assert.Contains("\"name\": \"my model\"", File.ReadAllText(output));
    }

    [Theory]
    [InlineData(new[] { "--output=x.json" }, "--input=MODEL.onnx is required")]
    [InlineData(new[] { "--input=m.onnx" }, "--output=FILE is required")]
    [InlineData(new[] { "--input=m.onnx", "--output=o.json", "--shape=x" }, "--shape \"x\" is not NAME=D1,D2,...")]
    [InlineData(new[] { "--input=m.onnx", "--output=o.json", "--shape=x=1,two" }, "\"two\" is not a dimension")]
    [InlineData(new[] { "--input=m.onnx", "--output=o.json", "--frobnicate" }, "--frobnicate")]
    [InlineData(new[] { "--input=m.onnx", "--output=o.json", "--views=some" }, "--views=some: expected all, in-place, views or none")]
    [InlineData(new[] { "--input=m.onnx", "--output=o.json", "--views=All" }, "--views=All: expected all, in-place, views or none")]
    [InlineData(new[] { "--input=m.onnx", "--output=o.json", "--views=none", "--views=all" }, "Option '--views' expects a single argument")]
    public void Usage_errors_exit_2_with_code_MMB5301(string[] args, string message)
    {
        var (exit, _, stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("minimalloc-onnx: error MMB5301: ", stderr);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var (exit, stdout, _) = Run("--help");
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--input", "--output", "--shape", "--name", "--views", "--schedule-header" }) Assert.Contains(option, stdout);
    }
}
