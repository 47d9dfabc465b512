using System.Globalization;
using MiniMalloc.Build.Tests.Infrastructure;

namespace MiniMalloc.Build.Tests.EndToEnd;

/// <summary>
/// MiniMalloc.Build and MiniMalloc.Onnx packed once per test run, with one unique version, into a private folder
/// feed; consumers restore from it alone into a package folder of their own.
/// </summary>
public sealed class OnnxPackagesFixture : IDisposable
{
    private readonly TempFolder _root = new("onnx-packages");
    private readonly Lazy<ProcessResult> _pack;

    public OnnxPackagesFixture()
    {
        Version = "0.1.0-onnx." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + "." + System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        FeedDirectory = _root.Combine("feed");
        PackagesDirectory = _root.Combine("nuget-packages");
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);
        _pack = new Lazy<ProcessResult>(() => PackingGate.Run(Pack), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Version { get; }

    public string FeedDirectory { get; }

    public string PackagesDirectory { get; }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagesDirectory };

    /// <summary>Packs both packages (once); fails the test with the pack output when that fails.</summary>
    public void EnsurePacked()
    {
        var result = _pack.Value;
        Assert.True(result.Succeeded && File.Exists(Path.Combine(FeedDirectory, $"MiniMalloc.Onnx.{Version}.nupkg")), $"Packing failed:\n{result}");
    }

    /// <summary>nuget.config with only the private feed, and empty Directory.Build files so the repository's stay out.</summary>
    public void WriteIsolationFiles(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="minimalloc-onnx-e2e" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
    }

    private ProcessResult Pack()
    {
        ProcessResult last = null!;
        foreach (var project in new[] { RepositoryPaths.PackagingProject, Path.Combine(RepositoryPaths.Root, "nuget", "MiniMalloc.Onnx", "MiniMalloc.Onnx.csproj") })
        {
            last = DotNet.Run(RepositoryPaths.Root,
                ["pack", project, "-c", RepositoryPaths.Configuration, "-o", FeedDirectory, $"-p:PackageVersion={Version}",
                 "-nologo", "-p:BuildProjectReferences=false"],
                timeout: TimeSpan.FromMinutes(4));
            if (!last.Succeeded) return last;
        }
        return last;
    }

    public void Dispose() => _root.Dispose();
}
