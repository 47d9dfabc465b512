using System.IO.Compression;
using System.Text.Json;

namespace MiniMalloc.Cli.Tests;

/// <summary>
/// The portable form stays a .NET tool: `dotnet pack src/MiniMalloc.Cli` (the README's install command) makes a tool
/// package of IL that any .NET 10 runtime runs, though the project publishes natively.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Packing_makes_a_portable_tool_for_any_dotnet_10_runtime_that_plans()
    {
        string feed = _folder.File("feed");
        var (exitCode, log) = DotNetCommand.Run(["pack", Path.Combine("src", "MiniMalloc.Cli"), "-o", feed, "-nologo"], TimeSpan.FromMinutes(6));
        Assert.True(exitCode == 0, log);

        string package = Assert.Single(Directory.GetFiles(feed, "MiniMalloc.Cli.*.nupkg"));
        string tool = _folder.File("tool");
        ZipFile.ExtractToDirectory(package, tool);
        string settings = File.ReadAllText(Path.Combine(tool, "tools", "net10.0", "any", "DotnetToolSettings.xml"));
        Assert.Contains("Command Name=\"minimalloc\" EntryPoint=\"minimalloc.dll\" Runner=\"dotnet\"", settings, StringComparison.Ordinal);

        // Publishing natively needs this SDK's latest runtime patch; the tool must not: it asks for 10.0.0 and rolls forward.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(tool, "tools", "net10.0", "any", "minimalloc.runtimeconfig.json")));
        var framework = config.RootElement.GetProperty("runtimeOptions").GetProperty("framework");
        Assert.Equal("Microsoft.NETCore.App", framework.GetProperty("name").GetString());
        Assert.Equal("10.0.0", framework.GetProperty("version").GetString());

        string input = _folder.Write("tiny.csv", Problems.Tiny);
        // The dotnet host that runs these tests runs the tool, as `dotnet tool install` would.
        string host = Environment.ProcessPath!;
        var run = new ProcessCli(host, Path.Combine(tool, "tools", "net10.0", "any", "minimalloc.dll")).Run($"--input={input}", "--capacity=10", "--validate");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith(", PASS", run.Summary, StringComparison.Ordinal);
        SolveTests.AssertValidPlan(Problems.Tiny, run.Stdout, capacity: 10);
    }

    public void Dispose() => _folder.Dispose();
}
