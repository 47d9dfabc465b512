using System.Security;
using MiniMalloc.Build.Tests.Infrastructure;

namespace MiniMalloc.Build.Tests.Targets;

/// <summary>
/// A project without the SDK or the common targets (as a firmware build driving gcc might be) that imports the
/// repository's build/MiniMalloc.Build.props and .targets directly and points _MiniMallocTasksAssembly at the task
/// built with these tests: no packing, so these tests are fast. Its Build target depends on MiniMallocPlan, then
/// (with CompileFirmware=true) compiles the plan checker against @(MiniMallocGeneratedHeader) and runs it.
/// </summary>
public sealed class SourceTreeProject
{
    public SourceTreeProject(string folder, string lifetimesJson, string planMetadata = "", string properties = "",
        string name = "firmware", string inputName = "model.lifetimes.json", string items = "")
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        LifetimesPath = Path.Combine(folder, inputName);
        ProjectFile = Path.Combine(folder, name + ".proj");
        File.WriteAllText(ProjectFile, $"""
            <Project>
              <Import Project="{Escape(Path.Combine(RepositoryPaths.BuildFolder, "MiniMalloc.Build.props"))}" />
              <PropertyGroup>
                <_MiniMallocTasksAssembly>{Escape(RepositoryPaths.BuiltTaskAssembly)}</_MiniMallocTasksAssembly>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <MiniMallocPlan Include="{inputName}" {planMetadata} />
                {items}
              </ItemGroup>
              <Target Name="Build" DependsOnTargets="MiniMallocPlan">
                <Exec Condition="'$(CompileFirmware)' == 'true'"
                      Command="gcc -std=c99 -Wall -Wextra -Werror @(MiniMallocGeneratedHeader->'-I &quot;%(RootDir)%(Directory)&quot;', ' ') -o firmware check_plan.c &amp;&amp; ./firmware" />
              </Target>
              <Target Name="Clean" DependsOnTargets="MiniMallocClean" />
              <Import Project="{Escape(Path.Combine(RepositoryPaths.BuildFolder, "MiniMalloc.Build.targets"))}" />
            </Project>
            """);
        WriteLifetimes(lifetimesJson);
    }

    public string Folder { get; }
    public string ProjectFile { get; }
    public string LifetimesPath { get; }
    public string StateDirectory => Path.Combine(Folder, "obj", "minimalloc");
    /// <summary>Where the header goes without HeaderFile or MiniMallocHeaderDirectory.</summary>
    public string DefaultHeaderPath => Path.Combine(StateDirectory, "include", "model.h");

    public void WriteLifetimes(string json) => File.WriteAllText(LifetimesPath, json);

    /// <summary>`dotnet msbuild` (a project without restore targets), normal verbosity for the summary lines.</summary>
    public ProcessResult Build(params string[] extraArguments) =>
        DotNet.Run(Folder, ["msbuild", ProjectFile, "-nologo", "-v:n", .. extraArguments]);

    private static string Escape(string path) => SecurityElement.Escape(path);
}
