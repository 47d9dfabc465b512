using System.Xml.Linq;
using MiniMalloc.Build.Tasks;
using MiniMalloc.Build.Tests.Infrastructure;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tests.Targets;

/// <summary>Static checks of the shipped targets: what they promise in XML, without running a build.</summary>
public class TargetsFileTests
{
    private static readonly XDocument Targets = XDocument.Load(Path.Combine(RepositoryPaths.BuildFolder, "MiniMalloc.Build.targets"));

    private static XElement Target(string name) =>
        Targets.Root!.Elements("Target").Single(t => (string?)t.Attribute("Name") == name);

    [Fact]
    public void The_msbuild_version_error_uses_the_task_layers_code_and_its_help_link()
    {
        var error = Target("_MiniMallocCheckMSBuildVersion").Element("Error")!;

        Assert.Equal(BuildDiagnosticCodes.UnsupportedMSBuild, (string?)error.Attribute("Code"));
        Assert.Equal(DiagnosticCodes.HelpLink(BuildDiagnosticCodes.UnsupportedMSBuild), (string?)error.Attribute("HelpLink"));
        Assert.Contains("18.0", (string?)error.Attribute("Condition"));
    }

    [Fact]
    public void The_task_is_registered_for_the_NET_runtime_from_an_overridable_path()
    {
        var usingTask = Targets.Root!.Elements("UsingTask").Single();

        Assert.Equal("MiniMalloc.Build.Tasks.PlanMemoryLayout", (string?)usingTask.Attribute("TaskName"));
        Assert.Equal(typeof(PlanMemoryLayout).FullName, (string?)usingTask.Attribute("TaskName"));
        Assert.Equal("NET", (string?)usingTask.Attribute("Runtime"));
        Assert.Equal("$(_MiniMallocTasksAssembly)", (string?)usingTask.Attribute("AssemblyFile"));
    }

    [Fact]
    public void The_task_assembly_path_is_a_private_test_hook_not_a_setting()
    {
        // Chosen in the targets (the SDK's platform is known only after package props are imported).
        var defined = Targets.Descendants("PropertyGroup").Elements().Select(e => e.Name.LocalName).ToList();

        Assert.Contains("_MiniMallocTasksAssembly", defined);
        Assert.DoesNotContain("MiniMallocTasksAssembly", defined);
        // The public surface listed at the top of the targets names settings only.
        var surface = Targets.Nodes().OfType<XComment>().First().Value;
        Assert.DoesNotContain("TasksAssembly", surface, StringComparison.Ordinal);
    }

    [Fact]
    public void The_targets_capture_no_task_output_they_do_not_use()
    {
        var task = Target("_MiniMallocPlanCore").Elements().Single(e => e.Name.LocalName == "MiniMalloc.Build.Tasks.PlanMemoryLayout");

        Assert.Empty(task.Elements("Output"));
    }

    [Fact]
    public void Planning_is_skipped_in_design_time_builds_and_when_disabled()
    {
        var condition = (string?)Target("MiniMallocPlan").Attribute("Condition");

        Assert.Contains("'$(DesignTimeBuild)' != 'true'", condition);
        Assert.Contains("'$(MiniMallocEnabled)' == 'true'", condition);
    }

    [Fact]
    public void Clean_hooks_after_CoreClean_and_no_common_extension_point_is_redefined()
    {
        Assert.Equal("CoreClean", (string?)Target("MiniMallocClean").Attribute("AfterTargets"));
        var names = Targets.Root!.Elements("Target").Select(t => (string)t.Attribute("Name")!).ToList();
        Assert.DoesNotContain("BeforeBuild", names);
        Assert.DoesNotContain("AfterBuild", names);
        Assert.DoesNotContain("AfterClean", names);
        Assert.All(names, n => Assert.StartsWith(n.StartsWith('_') ? "_MiniMalloc" : "MiniMalloc", n));
    }
}
