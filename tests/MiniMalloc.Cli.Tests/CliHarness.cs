namespace MiniMalloc.Cli.Tests;

/// <summary>Runs the tool as <see cref="CliProgram.Default"/> does: in this process, or the program MINIMALLOC_CLI names.</summary>
internal static class CliHarness
{
    public static CliResult Run(params string[] args) => CliProgram.Default.Run(args);
}

/// <summary>An exit code and what the run printed.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The lines of standard error that are summary lines.</summary>
    public IReadOnlyList<string> SummaryLines =>
        [.. Stderr.Split('\n').Where(l => l.StartsWith("minimalloc: ", StringComparison.Ordinal) && l.Contains(" buffer", StringComparison.Ordinal) && l.Contains("lower bound", StringComparison.Ordinal))];

    /// <summary>The only summary line (fails when there is not exactly one).</summary>
    public string Summary => Assert.Single(SummaryLines);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "minimalloc-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, string content)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}

/// <summary>Finds ../shared beside the repository root (the folder holding MiniMalloc.Build.sln).</summary>
internal static class SharedData
{
    public static string? Folder { get; } = Find();

    public const string Absent = "../shared (beside the repository root holding MiniMalloc.Build.sln) is absent";

    public static string Path(params string[] parts) => System.IO.Path.Combine([Folder!, .. parts]);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MiniMalloc.Build.sln")))
            {
                string shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs ../shared; skipped with the reason when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Folder is null) Skip = SharedData.Absent;
    }
}

/// <summary>A theory that needs ../shared; skipped with the reason when it is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Folder is null) Skip = SharedData.Absent;
    }
}
