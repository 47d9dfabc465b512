namespace MiniMalloc.Benchmarks;

/// <summary>Finds the repository root (the folder holding MiniMalloc.Build.sln) and the shared data beside it.</summary>
internal static class RepositoryLocator
{
    /// <summary>The repository root above the current directory or the harness binary, or null.</summary>
    public static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln"))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>../shared/benchmarks/challenging relative to the repository root, when it exists.</summary>
    public static string? DefaultBenchmarkFolder()
    {
        if (FindRoot() is not { } root) return null;
        string folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "benchmarks", "challenging"));
        return Directory.Exists(folder) ? folder : null;
    }
}
