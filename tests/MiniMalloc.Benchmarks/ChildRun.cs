using System.Diagnostics;
using System.Globalization;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// Runs the harness again in a child process, so that a measurement's peak working set is its own, under a hard
/// heap limit, and returns the one line of its output that carries the result.
/// </summary>
internal static class ChildRun
{
    /// <summary>
    /// The text after <paramref name="resultPrefix"/> on the child's result line, or null and why there is none (out
    /// of memory, or the exit code).
    /// </summary>
    public static (string? Result, string Failure) Run(IEnumerable<string> args, string resultPrefix, long memoryLimitMegabytes)
    {
        string processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the harness executable");
        var start = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet") start.ArgumentList.Add(typeof(ChildRun).Assembly.Location);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        // A hard heap limit turns a runaway run into an OutOfMemoryException in the child instead of swapping out the
        // (shared) machine.
        start.Environment["DOTNET_GCHeapHardLimit"] = (memoryLimitMegabytes * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        var errors = child.StandardError.ReadToEndAsync();
        string text = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string? line = text.Split('\n').FirstOrDefault(l => l.StartsWith(resultPrefix, StringComparison.Ordinal));
        if (child.ExitCode == 0 && line is not null) return (line[resultPrefix.Length..].Trim(), "");
        string why = errors.Result.Contains("OutOfMemoryException", StringComparison.Ordinal) || errors.Result.Contains("Out of memory", StringComparison.Ordinal)
            ? $"out of memory (heap limit {memoryLimitMegabytes} MB)"
            : $"child process failed (exit code {child.ExitCode})";
        return (null, why);
    }
}
