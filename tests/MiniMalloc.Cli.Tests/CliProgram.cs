namespace MiniMalloc.Cli.Tests;

/// <summary>
/// How the tests run the tool: in this process (the default), or as a program of its own, such as the native
/// build that <c>dotnet publish src/MiniMalloc.Cli -c Release -o DIR</c> makes, named by the environment variable
/// <c>MINIMALLOC_CLI</c> (<c>MINIMALLOC_CLI=DIR/minimalloc dotnet test tests/MiniMalloc.Cli.Tests</c>). Either way
/// a test sees the same thing: an exit code and what was printed.
/// </summary>
internal abstract class CliProgram
{
    /// <summary>The environment variable naming a program to run the tests against.</summary>
    public const string Variable = "MINIMALLOC_CLI";

    /// <summary>The program <see cref="Variable"/> names, else the tool in this process.</summary>
    public static CliProgram Default { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
        ? new ProcessCli(Path.GetFullPath(path))
        : new InProcessCli();

    /// <summary>Runs the tool with <paramref name="args"/> to its end.</summary>
    public abstract CliResult Run(params string[] args);

    /// <summary>
    /// Runs the tool with <paramref name="args"/>, whose input is the FIFO <paramref name="input"/>, and interrupts it
    /// as Ctrl+C does once it has opened its input (so, once it has started for sure); then gives it
    /// <paramref name="content"/> to read and waits for its end.
    /// </summary>
    public CliResult RunInterrupted(string input, string content, params string[] args)
    {
        var run = Start(args);
        Fifo.Feed(input, content, whenOpened: run.Interrupt);
        return run.Finish();
    }

    /// <summary>Starts a run without waiting for it.</summary>
    protected abstract StartedRun Start(string[] args);

    /// <summary>A run under way.</summary>
    protected abstract class StartedRun
    {
        /// <summary>Does what Ctrl+C does.</summary>
        public abstract void Interrupt();

        /// <summary>Waits for the end of the run (failing the test after a few minutes).</summary>
        public abstract CliResult Finish();
    }
}
