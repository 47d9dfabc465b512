using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MiniMalloc.Build.Tests.Infrastructure;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tests.EndToEnd;

/// <summary>
/// The package as a user gets it: the packed MiniMalloc.Build consumed by temporary projects through
/// `dotnet build`, the header compiled and run with gcc.
/// </summary>
public sealed class PackageEndToEndTests(PackedPackageFixture package) : IClassFixture<PackedPackageFixture>
{
    private const string Prefix = "KWS_CNN";
    private static string Model(long? capacity = 262144) =>
        LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: capacity);

    [Fact]
    public void The_package_ships_the_task_under_tools_and_the_targets_under_build_and_nothing_in_lib()
    {
        package.EnsurePacked();
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        foreach (var expected in new[]
                 {
                     "build/MiniMalloc.Build.props", "build/MiniMalloc.Build.targets",
                     "tools/net/MiniMalloc.Build.Tasks.dll", "tools/net/MiniMalloc.Build.Tasks.deps.json",
                     "tools/net/MiniMalloc.Planning.dll", "tools/net/MiniMalloc.Solver.dll",
                     "schema/lifetimes.schema.json", "README.md", DiagnosticCodes.HelpLinkBase,
                 })
        {
            Assert.Contains(expected, entries);
        }
        // The help links are relative to the package root: the page they name ships there, with each code's anchor.
        using (var page = new StreamReader(zip.GetEntry(DiagnosticCodes.HelpLinkBase)!.Open()))
        {
            string text = page.ReadToEnd();
            Assert.All(DiagnosticCodes.All, info => Assert.Contains($"id=\"{DiagnosticCodes.Anchor(info.Code)}\"", text, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
        // MSBuild supplies its own assemblies; shipping them would load a second copy.
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.Build", StringComparison.OrdinalIgnoreCase));

        using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal("MiniMalloc.Build", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    /// <summary>The platforms whose ReadyToRun copy of the task the package ships (the task project's RuntimeIdentifiers).</summary>
    private static readonly string[] ReadyToRunPlatforms = ["linux-x64", "win-x64", "osx-arm64"];

    private static readonly string[] TaskFiles =
        ["MiniMalloc.Build.Tasks.dll", "MiniMalloc.Build.Tasks.deps.json", "MiniMalloc.Planning.dll", "MiniMalloc.Solver.dll"];

    [Fact]
    public void The_package_ships_the_task_compiled_ahead_of_time_per_platform_beside_the_portable_il()
    {
        package.EnsurePacked();
        using var zip = ZipFile.OpenRead(package.PackagePath);
        foreach (string platform in ReadyToRunPlatforms)
        {
            foreach (string file in TaskFiles) Assert.NotNull(zip.GetEntry($"tools/net/{platform}/{file}"));
            foreach (string dll in TaskFiles.Where(f => f.EndsWith(".dll", StringComparison.Ordinal)))
            {
                var portable = Module(zip, $"tools/net/{dll}");
                var compiled = Module(zip, $"tools/net/{platform}/{dll}");
                Assert.False(portable.ReadyToRun, $"tools/net/{dll} should be portable IL");
                Assert.True(compiled.ReadyToRun, $"tools/net/{platform}/{dll} should be compiled ahead of time");
                // The same assembly: the libraries are the very build of the IL copy (the task itself is compiled
                // again for the platform, so only its name and version are the same).
                Assert.Equal(portable.Name, compiled.Name);
                if (dll != "MiniMalloc.Build.Tasks.dll") Assert.Equal(portable.Mvid, compiled.Mvid);
            }
        }
        Assert.Equal(ReadyToRunPlatforms.Order(), zip.Entries
            .Select(e => e.FullName.Split('/'))
            .Where(parts => parts.Length == 4 && parts[0] == "tools" && parts[1] == "net")
            .Select(parts => parts[2]).Distinct().Order());
    }

    [Fact]
    public void A_build_loads_the_task_compiled_for_the_sdks_platform_and_the_portable_one_elsewhere()
    {
        package.EnsurePacked();
        using var folder = new TempFolder("readytorun");
        var project = new ConsumerProject(package, folder.Combine("fw"), Model());

        string TaskAssembly(params string[] extra)
        {
            var result = DotNet.Run(project.Folder,
                ["msbuild", project.ProjectFile, "-nologo", "-getProperty:_MiniMallocTasksAssembly", "-getProperty:NETCoreSdkRuntimeIdentifier", .. extra],
                package.Environment);
            Assert.True(result.Succeeded, result.ToString());
            var json = System.Text.Json.JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
            var properties = json.RootElement.GetProperty("Properties");
            return properties.GetProperty("NETCoreSdkRuntimeIdentifier").GetString() + "|" + properties.GetProperty("_MiniMallocTasksAssembly").GetString();
        }

        var restore = DotNet.Run(project.Folder, ["restore", project.ProjectFile, "-nologo"], package.Environment);
        Assert.True(restore.Succeeded, restore.ToString());
        string[] own = TaskAssembly().Split('|');
        string expected = ReadyToRunPlatforms.Contains(own[0]) ? $"tools/net/{own[0]}/MiniMalloc.Build.Tasks.dll" : "tools/net/MiniMalloc.Build.Tasks.dll";
        Assert.EndsWith(expected, own[1].Replace('\\', '/'), StringComparison.Ordinal);
        Assert.True(File.Exists(own[1]), own[1]);

        // An SDK of a platform the package has no compiled copy for (or a source-built SDK's own identifier) loads the IL.
        string[] other = TaskAssembly("-p:NETCoreSdkRuntimeIdentifier=freebsd-x64").Split('|');
        Assert.EndsWith("tools/net/MiniMalloc.Build.Tasks.dll", other[1].Replace('\\', '/'), StringComparison.Ordinal);
        Assert.True(File.Exists(other[1]), other[1]);
    }

    /// <summary>
    /// The point of the compiled copies: a build runs the task without the JIT compiling any of its methods or the
    /// planner's (the runtime's JIT log, which lists every method it compiles, names none of them).
    /// </summary>
    [ReadyToRunPlatformFact]
    public void A_build_runs_the_task_without_compiling_it_at_run_time()
    {
        package.EnsurePacked();
        using var folder = new TempFolder("no-jit");
        var project = new ConsumerProject(package, folder.Combine("fw"), Model());
        var first = project.Build();
        Assert.True(first.Succeeded, first.ToString());

        // Only the input changed: no restore and no compiler process, so the log is MSBuild's own process's.
        File.SetLastWriteTimeUtc(project.LifetimesPath, DateTime.UtcNow.AddSeconds(1));
        string jitLog = folder.Combine("jit.txt");
        var environment = new Dictionary<string, string?>(package.Environment)
        {
            ["DOTNET_JitStdOutFile"] = jitLog,
            ["DOTNET_JitDisasmSummary"] = "1",
        };
        var build = DotNet.Run(project.Folder, ["build", project.ProjectFile, "--no-restore", "-nologo", "-v:n"], environment);
        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("cache hit", build.Output, StringComparison.Ordinal);

        string log = File.ReadAllText(jitLog);
        Assert.Contains("JIT compiled Microsoft.Build", log, StringComparison.Ordinal); // the log works: MSBuild's own methods are in it
        Assert.DoesNotContain("JIT compiled MiniMalloc.Build.Tasks.", log, StringComparison.Ordinal);
        Assert.DoesNotContain("JIT compiled MiniMalloc.Planning.Planner", log, StringComparison.Ordinal);
        Assert.DoesNotContain("JIT compiled MiniMalloc.Planning.PlanRun", log, StringComparison.Ordinal);
    }

    private static (bool ReadyToRun, Guid Mvid, string Name) Module(ZipArchive zip, string entry)
    {
        using var stream = new MemoryStream();
        using (var source = zip.GetEntry(entry)!.Open()) source.CopyTo(stream);
        stream.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        bool readyToRun = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
        return (readyToRun, reader.GetGuid(reader.GetModuleDefinition().Mvid), reader.GetAssemblyDefinition().GetAssemblyName().FullName);
    }

    /// <summary>
    /// A project's life, in order, on one project (each step builds on the state the previous left): first build,
    /// no-op build, touched input, edited input (warm start), invalid input.
    /// </summary>
    [GccFact]
    public void First_build_then_noop_then_touch_then_edit_then_invalid_input()
    {
        package.EnsurePacked();
        using var folder = new TempFolder("lifecycle");
        var project = new ConsumerProject(package, folder.Combine("fw"), Model());

        // 1. The first build writes the header; gcc compiles a checker that walks the buffer table, and runs it.
        var first = project.Build();
        Assert.True(first.Succeeded, first.ToString());
        Assert.Contains($"{LifetimesModels.KeywordSpotter.Count} buffers", first.Output);
        Assert.True(PlanChecker.Check(project.HeaderPath, Prefix, folder.Combine("check1")) > 10);
        var firstOffsets = PlanChecker.Offsets(project.HeaderPath);
        Assert.Equal(LifetimesModels.KeywordSpotter.Count, firstOffsets.Count);
        Assert.Equal(0, firstOffsets["KWS_CNN_DMA_IN"]); // the fixed offset is honoured

        // 2. A second build is a no-op.
        var question = project.Build("--no-restore", "-question");
        Assert.True(question.Succeeded, question.ToString());

        // 3. Touching the JSON without changing it: re-planned from the cache, the header is not rewritten.
        var headerTime = File.GetLastWriteTimeUtc(project.HeaderPath);
        var firstHeader = File.ReadAllBytes(project.HeaderPath);
        File.SetLastWriteTimeUtc(project.LifetimesPath, DateTime.UtcNow);
        var touched = project.Build("--no-restore");
        Assert.True(touched.Succeeded, touched.ToString());
        Assert.Contains("cache hit", touched.Output);
        Assert.Equal(headerTime, File.GetLastWriteTimeUtc(project.HeaderPath));
        Assert.Equal(firstHeader, File.ReadAllBytes(project.HeaderPath));
        var questionAfterTouch = project.Build("--no-restore", "-question");
        Assert.True(questionAfterTouch.Succeeded, questionAfterTouch.ToString());

        // 4. Changing one buffer: re-planned (warm start), header changed, most offsets kept.
        project.WriteLifetimes(LifetimesModels.Json(LifetimesModels.WithSize(LifetimesModels.KeywordSpotter, "dense1/out", 2400)));
        var edited = project.Build("--no-restore");
        Assert.True(edited.Succeeded, edited.ToString());
        Assert.NotEqual(firstHeader, File.ReadAllBytes(project.HeaderPath));
        Assert.Contains("#define KWS_CNN_DENSE1_OUT_SIZE 2400u", File.ReadAllText(project.HeaderPath));
        var editedOffsets = PlanChecker.Offsets(project.HeaderPath);
        var kept = firstOffsets.Count(o => editedOffsets[o.Key] == o.Value);
        Assert.True(2 * kept > firstOffsets.Count, $"only {kept} of {firstOffsets.Count} offsets kept:\n{edited.Output}");
        Assert.True(PlanChecker.Check(project.HeaderPath, Prefix, folder.Combine("check4")) > 10);

        // 5. An invalid JSON fails with file(line,col): error MMBxxxx and leaves the previous header intact.
        var goodHeader = File.ReadAllBytes(project.HeaderPath);
        var broken = LifetimesModels.Json(LifetimesModels.KeywordSpotter).Replace("\"size\": 2000", "\"size\": ", StringComparison.Ordinal);
        project.WriteLifetimes(broken);
        var brokenLine = broken.Split('\n').ToList().FindIndex(l => l.Contains("dense1/out", StringComparison.Ordinal)) + 1;
        var invalid = project.Build("--no-restore");
        Assert.False(invalid.Succeeded, invalid.ToString());
        var error = Regex.Match(invalid.Output, @"model\.lifetimes\.json\((?<line>\d+),(?<column>\d+)\): error (?<code>MMB\d{4}): ");
        Assert.True(error.Success, invalid.ToString());
        Assert.Equal(brokenLine, int.Parse(error.Groups["line"].Value));
        Assert.Equal(goodHeader, File.ReadAllBytes(project.HeaderPath));
    }

    /// <summary>Item 6: a capacity too small fails with the infeasible subset and the over-full step.</summary>
    [GccFact]
    public void Too_small_a_capacity_fails_the_build_and_explains_why()
    {
        package.EnsurePacked();
        using var folder = new TempFolder("infeasible");
        var project = new ConsumerProject(package, folder.Combine("fw"), Model(capacity: 20000));

        var build = project.Build();

        Assert.False(build.Succeeded, build.ToString());
        var error = Regex.Match(build.Output, @"model\.lifetimes\.json(\(\d+,\d+\))?: error MMB3001: (?<message>[^\n]*)");
        Assert.True(error.Success, build.ToString());
        var message = error.Groups["message"].Value;
        Assert.Contains("conv1/out", message);   // 16000 bytes: in any subset that cannot fit in 20000
        Assert.Matches(@"step \d+", message);
        Assert.Contains("20000", message);
        Assert.False(File.Exists(project.HeaderPath));
    }

    /// <summary>Item 7: four projects share one cache directory and are built in parallel with -m.</summary>
    [GccFact]
    public void Four_projects_sharing_one_cache_directory_build_in_parallel_with_correct_headers()
    {
        package.EnsurePacked();
        using var folder = new TempFolder("shared-cache");
        var cache = folder.Combine("shared-cache");
        var edited = LifetimesModels.WithSize(LifetimesModels.KeywordSpotter, "conv2/out", 14000);
        string[] models =
        [
            Model(), Model(), // the same problem twice: both projects race for one cache entry
            LifetimesModels.Json(edited),
            Model(capacity: 131072),
        ];
        var projects = models.Select((json, i) => new ConsumerProject(package, folder.Combine($"p{i + 1}"), json,
            extraProperties: $"<MiniMallocCacheDirectory>{cache}</MiniMallocCacheDirectory>", name: $"Fw{i + 1}")).ToList();
        package.WriteIsolationFiles(folder.Path);
        File.WriteAllText(folder.Combine("all.slnx"),
            "<Solution>\n" + string.Concat(projects.Select(p =>
                $"  <Project Path=\"{Path.GetRelativePath(folder.Path, p.ProjectFile)}\" />\n")) + "</Solution>\n");

        var build = DotNet.Run(folder.Path, ["build", "all.slnx", "-m", "-nologo", "-v:n"], package.Environment);

        Assert.True(build.Succeeded, build.ToString());
        for (var i = 0; i < projects.Count; i++)
        {
            Assert.True(PlanChecker.Check(projects[i].HeaderPath, Prefix, folder.Combine($"check{i + 1}")) > 10);
        }
        Assert.Equal(File.ReadAllBytes(projects[0].HeaderPath), File.ReadAllBytes(projects[1].HeaderPath));
        Assert.Contains("#define KWS_CNN_CONV2_OUT_SIZE 14000u", File.ReadAllText(projects[2].HeaderPath));
        Assert.Contains("#define KWS_CNN_ARENA_CAPACITY 131072u", File.ReadAllText(projects[3].HeaderPath));

        // The cache is intact: one entry per distinct problem, no temporary file left behind ...
        var entries = Directory.GetFiles(cache, "*", SearchOption.AllDirectories);
        Assert.Equal(3, entries.Length);
        Assert.All(entries, e => Assert.EndsWith(".mmplan", e));
        // ... and readable: with its header deleted, a project re-plans from the cache to the same header.
        var third = File.ReadAllBytes(projects[2].HeaderPath);
        File.Delete(projects[2].HeaderPath);
        var again = projects[2].Build("--no-restore");
        Assert.True(again.Succeeded, again.ToString());
        Assert.Contains("cache hit", again.Output);
        Assert.Equal(third, File.ReadAllBytes(projects[2].HeaderPath));
    }

    /// <summary>Item 8: dotnet clean removes what the task wrote, inside obj/ and out of it.</summary>
    [GccFact]
    public void Dotnet_clean_removes_the_generated_files()
    {
        package.EnsurePacked();
        using var folder = new TempFolder("clean");
        var project = new ConsumerProject(package, folder.Combine("fw"), Model(), planMetadata: "Report=\"true\"");
        var build = project.Build();
        Assert.True(build.Succeeded, build.ToString());
        var report = Path.ChangeExtension(project.HeaderPath, ".plan.html");
        Assert.True(File.Exists(project.HeaderPath));
        Assert.True(File.Exists(report), build.ToString());
        Assert.NotEmpty(Directory.GetFiles(project.StateDirectory, "*.stamp"));

        var clean = project.Clean();

        Assert.True(clean.Succeeded, clean.ToString());
        Assert.False(File.Exists(project.HeaderPath));
        Assert.False(File.Exists(report));
        Assert.False(Directory.Exists(project.StateDirectory));
        Assert.True(File.Exists(project.LifetimesPath)); // the input is the user's, never ours to delete
    }
}

/// <summary>A fact for a machine whose platform has a compiled copy of the task in the package; skipped, saying why, elsewhere.</summary>
public sealed class ReadyToRunPlatformFactAttribute : FactAttribute
{
    public ReadyToRunPlatformFactAttribute()
    {
        string platform = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        if (platform is not ("linux-x64" or "win-x64" or "osx-arm64"))
        {
            Skip = $"the package has no copy of the task compiled for {platform}: builds there load the portable IL";
        }
    }
}
