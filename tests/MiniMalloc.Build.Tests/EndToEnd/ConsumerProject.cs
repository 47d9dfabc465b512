using MiniMalloc.Build.Tests.Infrastructure;

namespace MiniMalloc.Build.Tests.EndToEnd;

/// <summary>
/// A temporary SDK-style C# project that references the packed MiniMalloc.Build as a user would (PackageReference
/// with PrivateAssets="all") and plans model.lifetimes.json into include/kws.h.
/// </summary>
public sealed class ConsumerProject
{
    private readonly PackedPackageFixture _package;

    public ConsumerProject(PackedPackageFixture package, string folder, string lifetimesJson,
        string extraProperties = "", string planMetadata = "", string name = "Firmware")
    {
        _package = package;
        Folder = folder;
        Directory.CreateDirectory(folder);
        package.WriteIsolationFiles(folder);
        ProjectFile = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <MiniMallocHeaderDirectory>include</MiniMallocHeaderDirectory>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MiniMalloc.Build" Version="{package.Version}" PrivateAssets="all" />
                <MiniMallocPlan Include="model.lifetimes.json" HeaderFile="include/kws.h" {planMetadata} />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Arena.cs"), $"namespace {name};\n\npublic static class Arena {{ }}\n");
        WriteLifetimes(lifetimesJson);
    }

    public string Folder { get; }
    public string ProjectFile { get; }
    public string LifetimesPath => Path.Combine(Folder, "model.lifetimes.json");
    public string IncludeDirectory => Path.Combine(Folder, "include");
    public string HeaderPath => Path.Combine(IncludeDirectory, "kws.h");
    public string StateDirectory => Path.Combine(Folder, "obj", "Debug", "net10.0", "minimalloc");

    public void WriteLifetimes(string json) => File.WriteAllText(LifetimesPath, json);

    /// <summary>`dotnet build` with normal verbosity (the summary line is a normal-importance message).</summary>
    public ProcessResult Build(params string[] extraArguments) =>
        DotNet.Run(Folder, ["build", ProjectFile, "-nologo", "-v:n", .. extraArguments], _package.Environment);

    public ProcessResult Clean() => DotNet.Run(Folder, ["clean", ProjectFile, "-nologo"], _package.Environment);
}
