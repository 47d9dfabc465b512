using System.Globalization;
using MiniMalloc.Build.Tests.Infrastructure;

namespace MiniMalloc.Build.Tests.EndToEnd;

/// <summary>
/// Packs MiniMalloc.Build once per test run, with a version of its own, into a temporary folder feed, and gives
/// every consumer project the same isolated NuGet setup: a nuget.config with &lt;clear/&gt; and only that feed, and a
/// private NUGET_PACKAGES folder (so no machine-wide package, and no older copy of this package, can leak in).
/// </summary>
public sealed class PackedPackageFixture : IDisposable
{
    private readonly TempFolder _root = new("package");

    private readonly Lazy<ProcessResult> _pack;

    public PackedPackageFixture()
    {
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + "." + System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        FeedDirectory = _root.Combine("feed");
        PackagesDirectory = _root.Combine("nuget-packages");
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);
        PackagePath = Path.Combine(FeedDirectory, $"MiniMalloc.Build.{Version}.nupkg");
        // Packed on first use, once: a run whose end-to-end tests all skip (no gcc) does not pay for it.
        _pack = new Lazy<ProcessResult>(() => PackingGate.Run(PackWithRetry), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Version { get; }
    public string FeedDirectory { get; }
    public string PackagesDirectory { get; }
    public string PackagePath { get; }

    /// <summary>The environment every consumer build runs with.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = PackagesDirectory,
    };

    /// <summary>Packs (the first time) and fails the calling test with the pack output when packing failed.</summary>
    public void EnsurePacked()
    {
        var result = _pack.Value;
        Assert.True(result.Succeeded && File.Exists(PackagePath), $"Packing MiniMalloc.Build failed:\n{result}");
    }

    /// <summary>
    /// Writes the isolation files of a consumer folder: nuget.config (only the test feed) and empty
    /// Directory.Build.props/.targets, so that nothing from a folder above (or the repository) leaks into the build.
    /// </summary>
    public void WriteIsolationFiles(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="minimalloc-e2e" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
    }

    // Another helper's or CI step's build may hold a file for a moment: retry once on a lock.
    private ProcessResult PackWithRetry()
    {
        var result = Pack();
        if (!result.Succeeded && result.Output.Contains("being used by another process", StringComparison.Ordinal))
        {
            Thread.Sleep(TimeSpan.FromSeconds(20));
            result = Pack();
        }
        return result;
    }

    private ProcessResult Pack() => DotNet.Run(RepositoryPaths.Root,
        ["pack", RepositoryPaths.PackagingProject, "-c", RepositoryPaths.Configuration, "-o", FeedDirectory,
         $"-p:PackageVersion={Version}", "-nologo",
         // The task and its libraries were built with this test project (same configuration): pack exactly those,
         // rather than rebuilding them here.
         "-p:BuildProjectReferences=false"],
        timeout: TimeSpan.FromMinutes(4));

    public void Dispose() => _root.Dispose();
}
