namespace MiniMalloc;

/// <summary>One problem found in a CSV file, with its position.</summary>
/// <param name="File">The file name as given to the reader (or a placeholder such as <c>&lt;csv&gt;</c>).</param>
/// <param name="Line">The 1-based line (0 when the error concerns the whole file).</param>
/// <param name="Column">The 1-based character column where the offending field starts (0 when unknown).</param>
/// <param name="Message">What is wrong, naming the column and quoting the value.</param>
/// <param name="Kind">What the error is about.</param>
public sealed record CsvError(string File, int Line, int Column, string Message, CsvErrorKind Kind = CsvErrorKind.Malformed)
{
    /// <summary>The canonical text: <c>file(line,col): error: message</c>, or <c>file: error: message</c> without a position.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)}): error: {Message}" : $"{File}: error: {Message}";
}
