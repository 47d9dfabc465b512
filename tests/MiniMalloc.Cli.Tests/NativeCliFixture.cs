using System.Diagnostics;
using System.Text;

namespace MiniMalloc.Cli.Tests;

/// <summary>
/// The native build of the tool, made once per test run exactly as the README says
/// (<c>dotnet publish src/MiniMalloc.Cli -c Release -o DIR</c>) into a temporary folder, for the tests that run
/// against it (<see cref="NativeCliCollection"/>). Publishing compiles ahead of time with clang (about a minute).
/// </summary>
public sealed class NativeCliFixture : IDisposable
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(6);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "minimalloc-cli-tests", "native-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<(ProcessCli? Program, string Log)> _published;

    public NativeCliFixture() => _published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The published program; fails the calling test with the publish log when there is none.</summary>
    internal CliProgram Program
    {
        get
        {
            var (program, log) = _published.Value;
            Assert.True(program is not null, log);
            return program!;
        }
    }

    private (ProcessCli?, string) Publish()
    {
        string root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "publish", Path.Combine("src", "MiniMalloc.Cli"), "-c", "Release", "-o", _folder, "-nologo" }) start.ArgumentList.Add(arg);
        // A user's build: none of the MSBuild variables that `dotnet test` passes down, no node left running.
        foreach (string name in start.Environment.Keys.Where(n => n.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";

        var log = new StringBuilder($"$ dotnet {string.Join(' ', start.ArgumentList)}\n");
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(PublishLimit))
        {
            process.Kill(entireProcessTree: true);
            return (null, $"publishing took more than {PublishLimit}:\n{log}");
        }
        process.WaitForExit();
        string program = Path.Combine(_folder, OperatingSystem.IsWindows() ? "minimalloc.exe" : "minimalloc");
        lock (log)
        {
            if (process.ExitCode != 0) return (null, $"publishing failed (exit {process.ExitCode}):\n{log}");
            if (!File.Exists(program)) return (null, $"publishing made no {program}:\n{log}");
            // A native program stands alone: a framework-dependent one would have its managed assembly beside it.
            if (File.Exists(Path.Combine(_folder, "minimalloc.dll"))) return (null, $"{program} is not native: minimalloc.dll lies beside it\n{log}");
        }
        return (new ProcessCli(program), log.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no MiniMalloc.Build.sln above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the run.
        }
    }
}

/// <summary>The tests that share one native build: they run one after the other, after one publish.</summary>
[CollectionDefinition(Name)]
public sealed class NativeCliCollection : ICollectionFixture<NativeCliFixture>
{
    public const string Name = "native minimalloc";
}
