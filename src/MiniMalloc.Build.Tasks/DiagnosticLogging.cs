using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>Logs a planning <see cref="Diagnostic"/> as an MSBuild error, warning or message, keeping its position.</summary>
internal static class DiagnosticLogging
{
    /// <summary>
    /// Errors and warnings carry the code, the help link and file(line,col), so IDEs and the console show
    /// <c>lifetimes.json(12,7): error MMB2007: ...</c>. Infos (cache entry ignored, warm start unusable) are
    /// low-importance messages: they must never fail a build, not even with -warnaserror.
    /// </summary>
    public static void LogDiagnostic(this TaskLoggingHelper log, Diagnostic diagnostic)
    {
        // The message is already final text: no format arguments are passed, so braces in buffer ids stay as they are.
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                log.LogError(null, diagnostic.Code, diagnostic.Code, diagnostic.HelpLink, diagnostic.File,
                    diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            case DiagnosticSeverity.Warning:
                log.LogWarning(null, diagnostic.Code, diagnostic.Code, diagnostic.HelpLink, diagnostic.File,
                    diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            default:
                log.LogMessage(null, diagnostic.Code, diagnostic.Code, diagnostic.File, diagnostic.Line,
                    diagnostic.Column, 0, 0, MessageImportance.Low, diagnostic.Message);
                break;
        }
    }
}
