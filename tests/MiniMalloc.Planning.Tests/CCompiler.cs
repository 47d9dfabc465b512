using System.Diagnostics;

namespace MiniMalloc.Planning.Tests;

/// <summary>Runs gcc and g++ (and the programs they build) for the header tests.</summary>
internal static class CCompiler
{
    public static string? Gcc { get; } = Find("gcc");

    public static string? Gxx { get; } = Find("g++");

    /// <summary>Why compiler tests are skipped, or null when both compilers are on the PATH.</summary>
    public static string? SkipReason => Gcc is null || Gxx is null ? "gcc and g++ are needed on the PATH to compile generated headers" : null;

    public static (int ExitCode, string Output) Run(string program, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Compiles (and links) <paramref name="arguments"/>; fails the test with the compiler's output on an error.</summary>
    public static void Compile(string compiler, string arguments, string workingDirectory)
    {
        var (exitCode, output) = Run(compiler, arguments, workingDirectory);
        Assert.True(exitCode == 0, $"{Path.GetFileName(compiler)} {arguments} failed ({exitCode}):\n{output}");
    }

    private static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A fact skipped (with the reason) when gcc or g++ is missing.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute()
    {
        if (CCompiler.SkipReason is { } reason) Skip = reason;
    }
}
