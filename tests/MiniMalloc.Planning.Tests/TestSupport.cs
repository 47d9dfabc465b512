using System.Text;

namespace MiniMalloc.Planning.Tests;

/// <summary>Helpers shared by the tests: temporary folders, fixtures, marked JSON.</summary>
internal static class TestSupport
{
    /// <summary>The folder holding the copied fixtures.</summary>
    public static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Fixture(string name) => Path.Combine(FixturesDirectory, name);

    /// <summary>The repository root (the folder holding MiniMalloc.Build.sln), or null.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The text without its '§' marker, and the marker's line and column (see <see cref="LifetimesErrorCases.Unmark"/>).</summary>
    public static (string Json, int Line, int Column) Mark(string marked) => LifetimesErrorCases.Unmark(marked);

    public static LifetimesReadResult Read(string json, LifetimesReaderOptions? options = null) =>
        LifetimesReader.Read("model.json", Encoding.UTF8.GetBytes(json), options);
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mmb-planning-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder does not fail a test.
        }
    }
}
