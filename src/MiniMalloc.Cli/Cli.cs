using System.CommandLine;

namespace MiniMalloc.Cli;

/// <summary>The tool's entry point, callable in-process (tests pass their own writers and token).</summary>
internal static class Cli
{
    /// <summary>Runs the tool with <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Receives the CSV when no --output is given, and --help.</param>
    /// <param name="stderr">Receives errors and the summary line.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C); it then exits with <see cref="ExitCodes.TimedOut"/>, having written nothing.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parse = new CliCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine(error);
            stderr.WriteLine("Try 'minimalloc --help' for the flags.");
            return ExitCodes.BadInput;
        }
        if (parse.Options is not { } options)
        {
            // --help or --version: System.CommandLine prints them.
            return parse.Result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
        try
        {
            return CliRun.Execute(options, stdout, stderr, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Everything expected is a diagnostic with an exit code; what reaches here is a bug to report.
            stderr.WriteLine($"minimalloc: internal error: {e}");
            return ExitCodes.InternalError;
        }
    }
}
