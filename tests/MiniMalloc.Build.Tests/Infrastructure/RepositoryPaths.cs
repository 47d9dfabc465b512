using System.Reflection;

namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>Locates the repository (the folder holding MiniMalloc.Build.sln) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string BuildFolder => Path.Combine(Root, "build");
    public static string PackagingProject => Path.Combine(Root, "nuget", "MiniMalloc.Build.csproj");

    /// <summary>The task assembly built with this test project (copied beside it by the ProjectReference).</summary>
    public static string BuiltTaskAssembly => Path.Combine(AppContext.BaseDirectory, "MiniMalloc.Build.Tasks.dll");

    /// <summary>The configuration this test assembly was built in, so packing reuses the same build output.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No MiniMalloc.Build.sln above {AppContext.BaseDirectory}.");
    }
}
