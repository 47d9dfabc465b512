namespace MiniMalloc.Tests;

/// <summary>A fact that reads ../shared/benchmarks; skipped, saying why, on a clone without ../shared.</summary>
public sealed class SharedBenchmarkFactAttribute : FactAttribute
{
    public SharedBenchmarkFactAttribute()
    {
        if (SharedBenchmarks.Folder is null) Skip = "../shared/benchmarks (beside the repository root) is absent on this machine";
    }
}

/// <summary>Loads the published benchmark CSVs (id,lower,upper,size) from ../shared without copying them.</summary>
public static class SharedBenchmarks
{
    public static string? Folder { get; } = Find();

    public static Problem Load(string relativePath, long capacity)
    {
        string path = Path.Combine(Folder ?? throw new InvalidOperationException("no ../shared"), relativePath);
        var buffers = new List<Buffer>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            buffers.Add(new Buffer(f[0], long.Parse(f[1]), long.Parse(f[2]), long.Parse(f[3])));
        }
        return new Problem(buffers, capacity);
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln")))
            {
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "benchmarks"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
}

/// <summary>A theory that reads ../shared/benchmarks; skipped, saying why, on a clone without ../shared.</summary>
public sealed class SharedBenchmarkTheoryAttribute : TheoryAttribute
{
    public SharedBenchmarkTheoryAttribute()
    {
        if (SharedBenchmarks.Folder is null) Skip = "../shared/benchmarks (beside the repository root) is absent on this machine";
    }
}
