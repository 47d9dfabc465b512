using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// One coded message about a plan: an input error, a solver outcome, a cache or I/O problem. The task logs it
/// against <see cref="File"/>, <see cref="Line"/> and <see cref="Column"/>; the CLI prints <see cref="ToString"/>.
/// </summary>
/// <param name="Code">"MMB" + 4 digits, one of <see cref="DiagnosticCodes"/>.</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Message">A sentence that names the value at fault (and the JSON path, when there is one).</param>
/// <param name="File">The file the message is about, or null.</param>
/// <param name="Line">1-based line in <see cref="File"/>; 0 when unknown.</param>
/// <param name="Column">1-based column (in characters) in <see cref="File"/>; 0 when unknown.</param>
/// <param name="JsonPath">The JSON path of the value at fault, like <c>$.buffers[3].end</c>, or null.</param>
internal sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? File = null,
    int Line = 0,
    int Column = 0,
    string? JsonPath = null)
{
    /// <summary>Where the code is documented: <see cref="DiagnosticCodes.HelpLink(string)"/>.</summary>
    public string HelpLink => DiagnosticCodes.HelpLink(Code);

    /// <summary>True for <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// The canonical text that compilers and MSBuild print and IDEs parse:
    /// <c>file(line,col): error MMB2003: message</c>; without a position <c>file: error ...</c>, without a file
    /// <c>minimalloc: error ...</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (File is { Length: > 0 } file)
        {
            text.Append(file);
            if (Line > 0)
            {
                text.Append('(').Append(Line.ToString(CultureInfo.InvariantCulture));
                if (Column > 0) text.Append(',').Append(Column.ToString(CultureInfo.InvariantCulture));
                text.Append(')');
            }
        }
        else
        {
            text.Append("minimalloc");
        }
        text.Append(": ").Append(SeverityText(Severity)).Append(' ').Append(Code).Append(": ").Append(Message);
        return text.ToString();
    }

    /// <summary>The word the canonical format uses for a severity: error, warning or info.</summary>
    public static string SeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
