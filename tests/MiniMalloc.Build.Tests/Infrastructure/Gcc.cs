namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>The C compiler the end-to-end tests compile headers with (CI installs it; tests skip without it).</summary>
public static class Gcc
{
    private static readonly Lazy<string?> Location = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "gcc"))
            .FirstOrDefault(File.Exists));

    public static bool IsAvailable => Location.Value is not null;

    public const string MissingReason = "gcc is not on PATH (CI installs it: .ci/run); the end-to-end tests compile the generated header with it.";

    /// <summary>Compiles <paramref name="source"/> (warnings are errors) and runs the program; returns the run's result.</summary>
    public static ProcessResult CompileAndRun(string source, string includeDirectory, string workingDirectory)
    {
        var exe = Path.Combine(workingDirectory, Path.GetFileNameWithoutExtension(source) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var compile = ProcessRunner.Run(Location.Value!,
            ["-std=c99", "-Wall", "-Wextra", "-Werror", "-I", includeDirectory, "-o", exe, source],
            workingDirectory);
        if (!compile.Succeeded) return compile;
        return ProcessRunner.Run(exe, [], workingDirectory);
    }
}
