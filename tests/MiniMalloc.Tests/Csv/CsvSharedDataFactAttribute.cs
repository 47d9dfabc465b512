namespace MiniMalloc.Tests.Csv;

/// <summary>A fact that needs ../shared beside the repository; skipped with the reason when it is absent.</summary>
public sealed class CsvSharedDataFactAttribute : FactAttribute
{
    public CsvSharedDataFactAttribute()
    {
        if (SharedFolder is null) Skip = "../shared (beside the repository root holding MiniMalloc.Build.sln) is absent";
    }

    /// <summary>The shared folder, found by walking up from the test binaries to the solution, or null.</summary>
    public static string? SharedFolder { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln")))
            {
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
}
