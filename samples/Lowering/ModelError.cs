namespace Lowering;

/// <summary>
/// One problem found in a model file. <see cref="ToString"/> gives the canonical
/// <c>file(line,col): error CODE: message</c> form, which MSBuild's Exec task recognises and logs as a
/// build error against the model file, so an IDE jumps straight to it.
/// </summary>
/// <param name="File">The model file as given on the command line.</param>
/// <param name="Line">1-based line (0 when unknown).</param>
/// <param name="Column">1-based column (0 when unknown).</param>
/// <param name="JsonPath">Where in the document, e.g. <c>$.operators[3].inputs[1]</c>.</param>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What is wrong, quoting the offending value.</param>
public sealed record ModelError(string File, int Line, int Column, string JsonPath, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line > 0
            ? $"{File}({Line},{Column}): error {Code}: {JsonPath}: {Message}"
            : $"{File}: error {Code}: {JsonPath}: {Message}";
}
