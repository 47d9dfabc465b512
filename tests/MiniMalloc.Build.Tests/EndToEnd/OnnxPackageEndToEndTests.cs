using System.Text.RegularExpressions;
using Google.Protobuf;
using MiniMalloc.Build.Tests.Infrastructure;
using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Build.Tests.EndToEnd;

/// <summary>
/// The MiniMalloc.Onnx package as a user consumes it: one PackageReference, MiniMallocModel items, `dotnet build`.
/// First build, an up-to-date `-question` build, a touched model (lowered again, not planned again), an edited model
/// (lowered and planned again), a bad model (a coded error against the model, nothing written), Visual Studio's
/// up-to-date check items, and clean.
/// </summary>
public sealed partial class OnnxPackageEndToEndTests(OnnxPackagesFixture package) : IClassFixture<OnnxPackagesFixture>
{
    [Fact]
    public void A_model_item_is_lowered_and_planned_incrementally()
    {
        package.EnsurePacked();
        using var folder = new TempFolder("onnx-consumer");
        package.WriteIsolationFiles(folder.Path);
        string model = folder.Combine("models", "tiny.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.WriteAllBytes(model, Model(extraNode: false));
        string project = folder.Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnableDefaultItems>false</EnableDefaultItems>
                <MiniMallocHeaderDirectory>include/</MiniMallocHeaderDirectory>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MiniMalloc.Onnx" Version="{package.Version}" PrivateAssets="all" />
                <MiniMallocModel Include="models/tiny.onnx" Shapes="x=2,8" ScheduleHeader="include/tiny_schedule.h" />
              </ItemGroup>
              <!-- Stand-ins for Visual Studio's targets that collect the fast up-to-date check's items. -->
              <Target Name="CollectUpToDateCheckInputDesignTime" Returns="@(UpToDateCheckInput)" />
              <Target Name="CollectUpToDateCheckBuiltDesignTime" Returns="@(UpToDateCheckBuilt)" />
            </Project>
            """);
        string header = folder.Combine("include", "tiny.h");
        string schedule = folder.Combine("include", "tiny_schedule.h");

        var first = Build(folder.Path, project);
        Assert.True(first.Succeeded, first.ToString());
        Assert.True(first.Output.Contains("minimalloc-onnx: tiny.onnx: 3 nodes", StringComparison.Ordinal), first.ToString());
        Assert.Matches(@"tiny\.lifetimes\.json: 4 buffers, peak 128 bytes", first.Output);
        Assert.Contains("#define TINY_ARENA_SIZE 128u", File.ReadAllText(header));
        Assert.Contains("#define TINY_STEP_COUNT 3", File.ReadAllText(schedule));
        // Shared bytes by default: Neg writes over Relu's output, Sigmoid over Neg's (x is the caller's).
        Assert.Contains("X(\"t2\", \"t1\", 0, \"in-place\")", File.ReadAllText(schedule));
        Assert.Contains("TINY_T2_OFFSET == TINY_T1_OFFSET + 0u", File.ReadAllText(header));

        var question = DotNet.Run(folder.Path, ["build", project, "--no-restore", "-question", "-nologo"], package.Environment);
        Assert.True(question.Succeeded, "an up-to-date build must pass -question:\n" + question);

        // Touched, unchanged: lowered again (its stamp is older), but the lifetimes file and header keep their bytes
        // and times, so nothing is planned again.
        var headerTime = File.GetLastWriteTimeUtc(header);
        File.SetLastWriteTimeUtc(model, DateTime.UtcNow.AddSeconds(1));
        var touched = Build(folder.Path, project);
        Assert.True(touched.Succeeded, touched.ToString());
        Assert.Contains("minimalloc-onnx: tiny.onnx", touched.Output);
        Assert.Contains("(unchanged)", touched.Output);
        Assert.Contains("Skipping target \"_MiniMallocPlanCore\"", touched.Output);
        Assert.Equal(headerTime, File.GetLastWriteTimeUtc(header));

        // Edited: one more node, so a bigger schedule and a new plan.
        File.WriteAllBytes(model, Model(extraNode: true));
        var edited = Build(folder.Path, project);
        Assert.True(edited.Succeeded, edited.ToString());
        Assert.Contains("#define TINY_STEP_COUNT 4", File.ReadAllText(schedule));
        Assert.Matches(@"tiny\.lifetimes\.json: 5 buffers", edited.Output);
        string planned = File.ReadAllText(header);

        // Bad: not an ONNX file. A coded error against the model; header and schedule left as they were.
        File.WriteAllText(model, "not a model");
        var bad = Build(folder.Path, project);
        Assert.False(bad.Succeeded);
        Assert.Matches(ModelError(), bad.Output);
        Assert.Equal(planned, File.ReadAllText(header));
        Assert.Contains("#define TINY_STEP_COUNT 4", File.ReadAllText(schedule));

        // Views="none": lowered again (its arguments changed), every value a buffer of its own. A word the command
        // does not know: its coded usage error in the build, naming the value.
        File.WriteAllBytes(model, Model(extraNode: true));
        File.WriteAllText(project, File.ReadAllText(project).Replace("Shapes=\"x=2,8\"", "Shapes=\"x=2,8\" Views=\"none\"", StringComparison.Ordinal));
        var unshared = Build(folder.Path, project);
        Assert.True(unshared.Succeeded, unshared.ToString());
        Assert.Contains("5 buffers (0 sharing another's bytes)", unshared.Output);
        Assert.DoesNotContain("0, \"in-place\")", File.ReadAllText(schedule));
        File.WriteAllText(project, File.ReadAllText(project).Replace("Views=\"none\"", "Views=\"most\"", StringComparison.Ordinal));
        var badViews = Build(folder.Path, project);
        Assert.False(badViews.Succeeded);
        Assert.Contains("error MMB5301: --views=most: expected all, in-place, views or none", badViews.Output);
        File.WriteAllText(project, File.ReadAllText(project).Replace(" Views=\"most\"", "", StringComparison.Ordinal));

        // Visual Studio's fast up-to-date check: models, lifetimes files and headers as inputs, stamps as outputs.
        File.WriteAllBytes(model, Model(extraNode: true));
        var items = DotNet.Run(folder.Path, ["msbuild", project, "-nologo", "-p:DesignTimeBuild=true",
            "-t:CollectUpToDateCheckInputDesignTime;CollectUpToDateCheckBuiltDesignTime", "-getItem:UpToDateCheckInput;UpToDateCheckBuilt"], package.Environment);
        Assert.True(items.Succeeded, items.ToString());
        Assert.Matches(@"tiny\.onnx""[^}]*""Set"": ""MiniMallocModel""", items.Output);
        Assert.Matches(@"tiny\.lifetimes\.json""[^}]*""Set"": ""MiniMallocPlan""", items.Output);
        Assert.Matches(@"include/tiny\.h""[^}]*""Set"": ""MiniMallocPlan""", items.Output);
        Assert.Matches(@"\.stamp""[^}]*""Set"": ""MiniMallocModel""", items.Output);
        Assert.Matches(@"\.stamp""[^}]*""Set"": ""MiniMallocPlan""", items.Output);

        var clean = DotNet.Run(folder.Path, ["clean", project, "-nologo"], package.Environment);
        Assert.True(clean.Succeeded, clean.ToString());
        Assert.False(File.Exists(header));
        Assert.False(File.Exists(schedule));
        Assert.False(Directory.Exists(folder.Combine("obj", "Debug", "net10.0", "minimalloc-onnx")));
    }

    private ProcessResult Build(string folder, string project) =>
        DotNet.Run(folder, ["build", project, "-nologo", "-v:n", "-tl:off"], package.Environment);

    /// <summary>x[batch,8] -> Relu -> Neg -> Sigmoid (-> Relu) -> y: float, 2 x 8 with Shapes="x=2,8" (64 bytes each).</summary>
    private static byte[] Model(bool extraNode)
    {
        var model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "tiny" }, OpsetImport = { new OperatorSetIdProto { Version = 17 } } };
        var shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "batch" }, new TensorShapeProto.Types.Dimension { DimValue = 8 } } };
        model.Graph.Input.Add(new ValueInfoProto { Name = "x", Type = new TypeProto { TensorType = new() { ElemType = 1, Shape = shape } } });
        model.Graph.Output.Add(new ValueInfoProto { Name = "y", Type = new TypeProto { TensorType = new() { ElemType = 1 } } });
        string[] ops = extraNode ? ["Relu", "Neg", "Sigmoid", "Relu"] : ["Relu", "Neg", "Sigmoid"];
        for (int i = 0; i < ops.Length; i++)
        {
            model.Graph.Node.Add(new NodeProto
            {
                OpType = ops[i], Name = $"n{i}",
                Input = { i == 0 ? "x" : $"t{i}" },
                Output = { i == ops.Length - 1 ? "y" : $"t{i + 1}" },
            });
        }
        return model.ToByteArray();
    }

    [GeneratedRegex(@"tiny\.onnx\s*:\s*error MMB5001: the file is not an ONNX model")]
    private static partial Regex ModelError();
}
