using System.Reflection;

namespace MiniMalloc.Planning;

/// <summary>The tool's identity, shown in header banners and part of every cache key.</summary>
internal static class ToolInfo
{
    /// <summary>The assembly's informational version (the package version, plus the commit when the build knows it).</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>The tool's name in banners.</summary>
    public const string Name = "MiniMalloc.Build";
}
