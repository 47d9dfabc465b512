using System.Diagnostics;
using System.Text;

namespace MiniMalloc.Cli.Tests;

/// <summary>
/// Runs the dotnet CLI in the repository root as a user would: none of the MSBuild variables that `dotnet test`
/// passes down, no MSBuild node left running, plain console output.
/// </summary>
internal static class DotNetCommand
{
    /// <summary>The folder holding MiniMalloc.Build.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The exit code (null when it ran out of time) and everything it printed, command line first.</summary>
    public static (int? ExitCode, string Log) Run(IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
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
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (log) return (null, log.ToString());
        }
        process.WaitForExit();
        lock (log) return (process.ExitCode, log.ToString());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no MiniMalloc.Build.sln above {AppContext.BaseDirectory}");
    }
}
