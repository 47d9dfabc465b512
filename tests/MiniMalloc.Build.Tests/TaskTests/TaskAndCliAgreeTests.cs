using System.Text;
using MiniMalloc.Build.Tests.Infrastructure;
using MiniMalloc.Cli;
using MiniMalloc.Cli.Tests;
using MiniMalloc.Planning;
using MiniMalloc.Planning.Tests;

namespace MiniMalloc.Build.Tests.TaskTests;

/// <summary>
/// The two fronts answer alike: the MSBuild task (on a recording engine) and the <c>minimalloc</c> command (in
/// process) read the same file with the same settings and must report the same diagnostics (code, file, line,
/// column, text) and write byte-identical headers and reports. Every bad-input case of the suite goes through both.
/// </summary>
public sealed class TaskAndCliAgreeTests : IDisposable
{
    private readonly TaskRunner _run = new();

    public void Dispose() => _run.Dispose();

    public static TheoryData<string, string, string, string> JsonCases => LifetimesErrorCases.All;

    public static TheoryData<string, string, int, string, string> CsvCases => CsvErrorCases.All;

    [Theory]
    [MemberData(nameof(JsonCases))]
    public void A_bad_lifetimes_file_gets_the_same_diagnostics_from_both(string name, string marked, string code, string path)
    {
        var (json, line, column) = LifetimesErrorCases.Unmark(marked);
        string input = _run.Folder.Write("model.json", json);

        var (task, cli) = RunBoth(input);

        Assert.Contains(task, d => d.StartsWith($"{input}({line},{column}): error {code}: {path}: ", StringComparison.Ordinal));
        Assert.True(task.SequenceEqual(cli), $"{name}: the fronts disagree\n{Describe(task, cli)}");
        Assert.Equal(ExitCodes.BadInput, _lastExitCode);
    }

    [Theory]
    [MemberData(nameof(CsvCases))]
    public void A_bad_csv_file_gets_the_same_diagnostics_from_both(string name, string content, int capacity, string position, string fragment)
    {
        string input = _run.Folder.Write("bad.csv", content);

        var (task, cli) = RunBoth(input, capacity: capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains(task, d => d.StartsWith($"{input}{position}: {fragment}", StringComparison.Ordinal));
        Assert.True(task.SequenceEqual(cli), $"{name}: the fronts disagree\n{Describe(task, cli)}");
        Assert.Equal(ExitCodes.BadInput, _lastExitCode);
    }

    public static TheoryData<string, string, string?, string> OtherBadInputs => new()
    {
        // name, file name, content (null: no file; "\u00ff..." bytes are written as Latin-1), capacity, code expected
        { "not UTF-8", "latin1.csv", "id,lower,upper,size\na,0,4,4\nb\u00e9,0,4,4\n", "12" },
        { "ids that make one C identifier", "ids.csv", "id,lower,upper,size\na.b,0,3,100\na-b,1,4,200\n", "1000" },
        { "id without a letter or digit", "ids.csv", "id,lower,upper,size\n*,0,3,100\n", "1000" },
        { "a missing file", "absent.csv", null, "12" },
        { "a capacity of zero bytes", "tiny.csv", "id,lower,upper,size\na,0,4,4\n", "0" },
        { "a capacity of zero bytes in a lifetimes file's plan", "zero.json", """{ "version": 1, "buffers": [ { "id": "a", "start": 0, "end": 1, "size": 4 } ] }""", "0" },
        { "no capacity while minimizing is off", "nocap.json", """{ "version": 1, "buffers": [ { "id": "a", "start": 0, "end": 1, "size": 4 } ] }""", "" },
        { "alignments without a common multiple", "odd.csv", "id,lower,upper,size,alignment\na,0,1,1,1000003\nb,0,1,1,1000033\n", "100000000000" },
    };

    [Theory]
    [MemberData(nameof(OtherBadInputs))]
    public void Other_bad_inputs_get_the_same_diagnostics_from_both(string name, string fileName, string? content, string capacity)
    {
        string input = _run.Folder.Combine(fileName);
        if (content is not null) File.WriteAllBytes(input, name == "not UTF-8" ? Encoding.Latin1.GetBytes(content) : Encoding.UTF8.GetBytes(content));

        var (task, cli) = RunBoth(input, capacity: capacity.Length > 0 ? capacity : null, minimize: "false");

        Assert.NotEmpty(task);
        Assert.True(task.SequenceEqual(cli), $"{name}: the fronts disagree\n{Describe(task, cli)}");
        Assert.Equal(ExitCodes.BadInput, _lastExitCode);
    }

    [Theory]
    [InlineData("Capacity", "--capacity", "abc")]
    [InlineData("Capacity", "--capacity", "-5")]
    [InlineData("Capacity", "--capacity", "256K")]
    [InlineData("Capacity", "--capacity", "9007199254740993")]
    [InlineData("Timeout", "--timeout", "soon")]
    [InlineData("Timeout", "--timeout", "-1")]
    [InlineData("Timeout", "--timeout", "10 s")]
    [InlineData("MinimizeNodes", "--node-budget", "lots")]
    [InlineData("MinimizeNodes", "--node-budget", "-1")]
    [InlineData("MinimizeNodes", "--node-budget", "9007199254740993")]
    [InlineData("SearchNodes", "--search-nodes", "lots")]
    [InlineData("SearchNodes", "--search-nodes", "-1")]
    [InlineData("Pools", "--pool", "sram")]
    [InlineData("Pools", "--pool", "sram:abc")]
    [InlineData("Pools", "--pool", "sram:1024:48")]
    [InlineData("Pools", "--pool", "sram:1024:64:1000")]
    [InlineData("Pools", "--pool", "--:1024")]
    public void A_bad_setting_gets_the_same_code_and_text_from_both_but_for_the_settings_name(string metadata, string flag, string value)
    {
        string input = _run.WriteModel(LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: 262144));

        Assert.False(_run.Task(_run.Item(input, null, (metadata, value))).Execute());
        var taskError = Assert.Single(_run.Engine.Errors);
        var cli = RunCli([$"--input={input}", $"{flag}={value}"]);

        string taskName = $"{metadata} metadata of MiniMallocPlan '{input}'";
        Assert.Contains(taskName, taskError.Message, StringComparison.Ordinal);
        string expected = $"minimalloc: error {taskError.Code}: {taskError.Message.Replace(taskName, flag + " option", StringComparison.Ordinal)}";
        Assert.Contains(expected, cli.Stderr.Split('\n'));
        Assert.Equal(ExitCodes.BadInput, cli.ExitCode);
    }

    public static TheoryData<string, string, string, string[]> Plans => new()
    {
        // name, file name, content, task metadata (name=value) and CLI flags alike
        { "lifetimes file", "kws.lifetimes.json", LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: 262144), [] },
        { "lifetimes file, minimized", "kws.lifetimes.json", LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: null), ["MinimizeCapacity=true"] },
        { "lifetimes file, other capacity and prefix", "kws.lifetimes.json", LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: 262144), ["Capacity=131072", "SymbolPrefix=npu"] },
        { "CSV file", "tiny.csv", "id,lower,upper,size\na,0,4,4\nb,2,6,4\nc,4,8,4\nd,0,8,2\n", ["Capacity=10"] },
        { "puzzle minimized without search nodes", "puzzle.csv", PerfectPacking.Csv(), ["MinimizeCapacity=true", "MinimizeNodes=0"] },
        { "puzzle minimized with search nodes", "puzzle.csv", PerfectPacking.Csv(), ["MinimizeCapacity=true", "MinimizeNodes=100000"] },
        { "puzzle fitted with search nodes", "puzzle.csv", PerfectPacking.Csv(), ["Capacity=64", "SearchNodes=100000"] },
        { "pool file", "kws.lifetimes.json", LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter), [] },
        { "pool file, heights minimized", "kws.lifetimes.json", LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter), ["MinimizeCapacity=true"] },
        { "pool file, first pool's capacity set", "kws.lifetimes.json", LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter), ["Capacity=16384"] },
        { "pool file, pools set for the plan", "kws.lifetimes.json", LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter), ["Pools=sram:32768:64;dram:65536:64:3"] },
        { "one-arena file, pools set for the plan", "kws.lifetimes.json", LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: null).Replace(", \"offset\": 0", ""), ["Pools=tcm:8192:64;sram:20000:64;dram:1048576"] },
        { "CSV file with a pools column", "pools.csv", "id,lower,upper,size,pools\na,0,4,400,sram\nb,2,6,400,sram dram\nc,4,8,400,\nd,0,8,200,dram\n", ["Pools=sram:800;dram:4096"] },
    };

    public static TheoryData<string, string, string, string[], string> PoolConflicts => new()
    {
        // name, file name, content, settings, code expected from both
        { "capacity beside pools set", "kws.lifetimes.json", LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter), ["Capacity=4096", "Pools=sram:32768"], DiagnosticCodes.PoolSettingConflict },
        { "pool named twice", "kws.lifetimes.json", LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter), ["Pools=sram:32768;sram:4096"], DiagnosticCodes.DuplicatePoolSetting },
        { "a buffer's pool missing from the pools set", "kws.lifetimes.json", LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter), ["Pools=dram:1048576"], DiagnosticCodes.UnknownPool },
        { "CSV pools column without pools", "pools.csv", "id,lower,upper,size,pools\na,0,4,400,sram\n", ["Capacity=1000"], DiagnosticCodes.PoolSettingConflict },
        { "buffers that cannot share their only pool", "tight.csv", "id,lower,upper,size,pools\na,0,4,600,sram\nb,2,6,600,sram\n", ["Pools=sram:1024;dram:4096"], DiagnosticCodes.PoolsInfeasible },
    };

    [Theory]
    [MemberData(nameof(PoolConflicts))]
    public void Pool_settings_that_mean_nothing_get_the_same_code_from_both(string name, string fileName, string content, string[] settings, string code)
    {
        string input = _run.Folder.Write(fileName, content);
        var metadata = settings.Select(s => s.Split('=')).Select(p => (p[0], p[1])).ToArray();
        Assert.False(_run.Task(_run.Item(input, _run.Folder.Combine("task.h"), metadata)).Execute(), $"{name}: the task succeeded");
        var taskCodes = _run.Engine.Events.Where(e => e.Kind == "error").Select(e => e.Code).ToList();
        var cli = RunCli([$"--input={input}", $"--header={_run.Folder.Combine("cli.h")}", .. Flags(settings)]);
        Assert.Contains(code, taskCodes);
        Assert.Contains($"error {code}:", cli.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(ExitCodes.Solved, cli.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void A_plan_gives_byte_identical_headers_and_reports_from_both(string name, string fileName, string content, string[] settings)
    {
        string input = _run.Folder.Write(fileName, content);
        string taskHeader = _run.Folder.Combine("task", "plan.h"), taskReport = _run.Folder.Combine("task", "plan.html");
        string cliHeader = _run.Folder.Combine("cli", "plan.h"), cliReport = _run.Folder.Combine("cli", "plan.html");

        var metadata = settings.Select(s => s.Split('=')).Select(p => (p[0], p[1])).Append(("ReportFile", taskReport)).ToArray();
        var task = _run.Task(_run.Item(input, taskHeader, metadata));
        Assert.True(task.Execute(), $"{name}: {_run.Engine.Describe()}");
        var cli = RunCli([$"--input={input}", $"--header={cliHeader}", $"--report={cliReport}", .. Flags(settings)]);
        Assert.True(cli.ExitCode == ExitCodes.Solved, $"{name}: {cli}");

        Assert.Equal(File.ReadAllBytes(taskHeader), File.ReadAllBytes(cliHeader));
        Assert.Equal(File.ReadAllBytes(taskReport), File.ReadAllBytes(cliReport));
        var taskWarnings = _run.Engine.Events.Where(e => e.Kind == "warning").Select(e => $"{e.Code}: {e.Message}");
        var cliWarnings = cli.Stderr.Split('\n').Where(l => l.Contains(": warning MMB", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(": warning ", StringComparison.Ordinal) + ": warning ".Length)..]);
        Assert.Equal(taskWarnings, cliWarnings);
    }

    [Fact]
    public void Nothing_fits_gives_the_same_explanation_and_report_from_both()
    {
        string input = _run.WriteModel(LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: 20000));
        string taskReport = _run.Folder.Combine("task.html"), cliReport = _run.Folder.Combine("cli.html");

        var (task, cli) = RunBoth(input, reports: (taskReport, cliReport));

        Assert.Contains(task, d => d.Contains($"error {DiagnosticCodes.Infeasible}: the {LifetimesModels.KeywordSpotter.Count} buffers do not fit in the capacity of 20000 bytes", StringComparison.Ordinal));
        Assert.True(task.SequenceEqual(cli), Describe(task, cli));
        Assert.Equal(ExitCodes.NoSolution, _lastExitCode);
        Assert.Equal(File.ReadAllBytes(taskReport), File.ReadAllBytes(cliReport));
    }

    // ---- running both fronts ---------------------------------------------------------------------------------

    private int _lastExitCode = -1;

    /// <summary>
    /// Runs the task and the CLI on <paramref name="input"/> with a header each (so that both make the checks a
    /// header needs) and returns their errors and warnings in the canonical <c>file(line,col): error CODE: text</c> form.
    /// </summary>
    private (List<string> Task, List<string> Cli) RunBoth(string input, string? capacity = null, string? minimize = null, (string Task, string Cli)? reports = null)
    {
        var metadata = new List<(string, string)>();
        var flags = new List<string> { $"--input={input}", $"--header={_run.Folder.Combine("cli.h")}" };
        if (capacity is not null)
        {
            metadata.Add(("Capacity", capacity));
            flags.Add($"--capacity={capacity}");
        }
        if (minimize is not null) metadata.Add(("MinimizeCapacity", minimize));
        if (reports is { } r)
        {
            metadata.Add(("ReportFile", r.Task));
            flags.Add($"--report={r.Cli}");
        }
        Assert.False(_run.Task(_run.Item(input, _run.Folder.Combine("task.h"), [.. metadata])).Execute(), "the task succeeded");
        var task = _run.Engine.Events
            .Where(e => e.Kind is "error" or "warning")
            .Select(e => new Diagnostic(e.Code!, e.Kind == "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, e.Message, e.File, e.Line, e.Column).ToString())
            .ToList();
        var cli = RunCli(flags);
        _lastExitCode = cli.ExitCode;
        var cliDiagnostics = cli.Stderr.Split('\n').Where(l => l.Contains(": error MMB", StringComparison.Ordinal) || l.Contains(": warning MMB", StringComparison.Ordinal)).ToList();
        return (task, cliDiagnostics);
    }

    private static IEnumerable<string> Flags(string[] settings) => settings.Select(s => s.Split('=')).SelectMany(p => p[0] switch
    {
        "Capacity" => [$"--capacity={p[1]}"],
        "SymbolPrefix" => [$"--prefix={p[1]}"],
        "MinimizeCapacity" => [$"--minimize-capacity={p[1]}"],
        "MinimizeNodes" => [$"--node-budget={p[1]}"],
        "SearchNodes" => [$"--search-nodes={p[1]}"],
        // The task's Pools metadata lists the pools separated by semicolons; the CLI repeats --pool.
        "Pools" => p[1].Split(';').Select(pool => $"--pool={pool}").ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), p[0], "no CLI flag for this setting"),
    });

    private static (int ExitCode, string Stdout, string Stderr) RunCli(IEnumerable<string> args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = MiniMalloc.Cli.Cli.Run([.. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Describe(List<string> task, List<string> cli) =>
        "--- task\n" + string.Join("\n", task) + "\n--- cli\n" + string.Join("\n", cli);
}
