using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// One run of the tool: the planner does the work, as it does for the MSBuild task; this prints what it says.
/// Diagnostics go to standard error in the canonical <c>file(line,col): error CODE: message</c> form, followed by
/// exactly one summary line once a search has run; the CSV goes to standard output when no file was named for it.
/// </summary>
internal static class CliRun
{
    public static int Execute(CliOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var outcome = Planner.Run(options.Request, cancellationToken);
        foreach (var diagnostic in outcome.Diagnostics) stderr.WriteLine(diagnostic.ToString());
        if (outcome.Csv is { } csv) stdout.Write(csv);
        if (outcome.Search is { } search) stderr.WriteLine(SummaryLine.Format(search, outcome.Status, options.Validate));
        return ExitCodes.Of(outcome.Status);
    }
}
