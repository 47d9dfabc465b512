namespace MiniMalloc.Cli.Tests;

/// <summary>
/// The native build of the tool, made once per test run exactly as the README says
/// (<c>dotnet publish src/MiniMalloc.Cli -c Release -o DIR</c>) into a temporary folder, for the tests that run
/// against it (<see cref="NativeCliCollection"/>). Publishing compiles ahead of time with clang (about a minute).
/// </summary>
public sealed class NativeCliFixture : IDisposable
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(6);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "minimalloc-cli-tests", "native-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<(ProcessCli? Program, string Log)> _published;

    public NativeCliFixture() => _published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The published program; fails the calling test with the publish log when there is none.</summary>
    internal CliProgram Program
    {
        get
        {
            var (program, log) = _published.Value;
            Assert.True(program is not null, log);
            return program!;
        }
    }

    private (ProcessCli?, string) Publish()
    {
        // Its own obj and bin folders (--artifacts-path): the suite's other projects restore and pack the same
        // sources at the same time, and a restore without the machine's runtime identifier rewriting the shared
        // obj/project.assets.json under this publish makes it fail (NETSDK1047).
        var (exitCode, log) = DotNetCommand.Run(["publish", Path.Combine("src", "MiniMalloc.Cli"), "-c", "Release", "-o", _folder,
            "--artifacts-path", Path.Combine(_folder, "artifacts"), "-nologo"], PublishLimit);
        if (exitCode is not 0) return (null, $"publishing failed (exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none: it ran out of time"}):\n{log}");
        string program = Path.Combine(_folder, OperatingSystem.IsWindows() ? "minimalloc.exe" : "minimalloc");
        if (!File.Exists(program)) return (null, $"publishing made no {program}:\n{log}");
        // A native program stands alone: a framework-dependent one would have its managed assembly beside it.
        if (File.Exists(Path.Combine(_folder, "minimalloc.dll"))) return (null, $"{program} is not native: minimalloc.dll lies beside it\n{log}");
        return (new ProcessCli(program), log);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the run.
        }
    }
}

/// <summary>The tests that share one native build: they run one after the other, after one publish.</summary>
[CollectionDefinition(Name)]
public sealed class NativeCliCollection : ICollectionFixture<NativeCliFixture>
{
    public const string Name = "native minimalloc";
}
