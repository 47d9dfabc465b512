namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>
/// Runs the dotnet CLI as a user would, isolated from the test host: node reuse off (no MSBuild node outlives
/// the test or keeps a task dll loaded), no telemetry or first-run output, and none of the MSBUILD* variables
/// that `dotnet test` passes down (they would point the child build at the test run's own MSBuild).
/// </summary>
public static class DotNet
{
    public static ProcessResult Run(string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? extraEnvironment = null, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("MSBuild", StringComparison.Ordinal)
                || name.Equals("_MSBUILDTLENABLED", StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = null;
            }
        }
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // The terminal logger rewrites lines in place; tests read plain console output.
        environment["MSBUILDTERMINALLOGGER"] = "off";
        if (extraEnvironment is not null)
        {
            foreach (var (name, value) in extraEnvironment) environment[name] = value;
        }
        return ProcessRunner.Run("dotnet", arguments, workingDirectory, environment, timeout);
    }
}
