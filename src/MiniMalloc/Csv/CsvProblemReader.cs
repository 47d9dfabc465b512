using System.Text;

namespace MiniMalloc;

/// <summary>
/// Reads a problem from CSV in the reference implementation's format: a header line naming the columns
/// <c>id,lower,upper,size</c> in any order, optionally <c>alignment</c>, <c>hint</c> (a negative hint means none),
/// <c>gaps</c> (space-separated <c>lo-hi</c> or <c>lo-hi@wlo:whi</c>), <c>offset</c> (a fixed offset) and <c>alias</c>
/// (<c>OWNER@OFFSET</c>: the buffer lives in the owner's bytes from that offset on, see <see cref="BufferAlias"/>), then one
/// line per buffer. Aliases: <c>buffer</c>/<c>buffer_id</c> for id, <c>start</c>/<c>begin</c> for lower, and
/// <c>end</c> for upper, whose values (and the gaps' upper bounds) are inclusive, so 1 is added to them.
/// </summary>
/// <remarks>
/// Every file the reference reads gives the same problem here. Beyond it, this reader accepts CRLF line ends, a
/// UTF-8 byte order mark, blanks around fields, quoted fields (RFC 4180), column names in any case, blank lines,
/// and empty <c>alignment</c>, <c>hint</c>, <c>gaps</c> or <c>offset</c> fields (meaning: the default). Unknown
/// columns are ignored, as the reference does. Instead of stopping at the first problem it reports every error
/// it finds (up to <see cref="MaxErrors"/>), each with its line and column.
/// </remarks>
public static class CsvProblemReader
{
    /// <summary>The most errors reported for one file; reading stops after that many.</summary>
    public const int MaxErrors = 100;

    /// <summary>Reads the problem in the file at <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file (UTF-8).</param>
    /// <param name="capacity">The capacity, when known: sizes and fixed offsets are checked against it, and it
    /// becomes the problem's capacity. Null (or 0): unknown, and the problem's capacity is 0.</param>
    /// <exception cref="CsvFormatException">The file is not a well-formed problem.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Problem Read(string path, long? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = File.ReadAllText(path, Encoding.UTF8);
        return Parse(text, path, capacity);
    }

    /// <summary>Reads a problem from CSV text.</summary>
    /// <param name="text">The whole file's text.</param>
    /// <param name="fileName">The name used in errors.</param>
    /// <param name="capacity">As for <see cref="Read(string, long?)"/>.</param>
    /// <exception cref="CsvFormatException">The text is not a well-formed problem.</exception>
    public static Problem Parse(string text, string fileName = "<csv>", long? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        if (capacity is < 0 or > ProblemChecker.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"the capacity must lie in [0, {ProblemChecker.MaxValue}]");
        }
        var errors = new List<CsvError>();
        var records = CsvTokenizer.Tokenize(text, fileName, errors);
        if (records.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CsvError(fileName, 1, 1, "the file is empty; expected a header line such as 'id,lower,upper,size' and a line per buffer", CsvErrorKind.EmptyFile));
        }
        if (errors.Count > 0) throw new CsvFormatException(errors);

        var columns = CsvColumns.FromHeader(records[0], fileName, errors);
        if (columns is null) throw new CsvFormatException(errors);

        var rows = new CsvRowParser(fileName, columns, capacity is > 0 ? capacity : null, errors);
        var buffers = new List<Buffer>(records.Count - 1);
        var positions = new List<CsvRowParser.Positions>(records.Count - 1);
        for (int r = 1; r < records.Count; r++)
        {
            if (errors.Count >= MaxErrors)
            {
                errors.Add(new CsvError(fileName, records[r].Line, 1, $"too many errors; stopped after {MaxErrors}", CsvErrorKind.TooManyErrors));
                break;
            }
            if (rows.Parse(records[r], out var at) is { } buffer)
            {
                buffers.Add(buffer);
                positions.Add(at);
            }
        }
        if (errors.Count > 0) throw new CsvFormatException(errors);
        CheckAliases(buffers, positions, fileName, errors);
        if (errors.Count > 0) throw new CsvFormatException(errors);

        var problem = new Problem(buffers, capacity ?? 0);
        // The row checks above cover every rule of the model; this is the safety net should the two drift apart.
        if (ProblemChecker.FirstError(problem, allowAliases: true) is { } error)
        {
            throw new CsvFormatException([new CsvError(fileName, 0, 0, error)]);
        }
        return problem;
    }

    // The rules that need every row: owners that exist, no cycles, bytes within the owner, no placement of its own,
    // an alignment the owner can give; each error at the field that would have to change.
    private static void CheckAliases(List<Buffer> buffers, List<CsvRowParser.Positions> positions, string fileName, List<CsvError> errors)
    {
        var groups = AliasGroups.Resolve(buffers);
        foreach (var error in groups.Errors.Take(MaxErrors))
        {
            var at = positions[error.BufferIndex];
            var (field, kind) = error.Kind switch
            {
                AliasErrorKind.UnknownOwner => (at.Alias, CsvErrorKind.UnknownAliasOwner),
                AliasErrorKind.Cycle => (at.Alias, CsvErrorKind.AliasCycle),
                AliasErrorKind.OutOfRange => (at.Alias, CsvErrorKind.AliasOutOfRange),
                AliasErrorKind.OwnPlacement => (at.Offset ?? at.Hint, CsvErrorKind.AliasPlacement),
                _ => (at.Alignment ?? at.Alias, CsvErrorKind.AliasAlignment),
            };
            var where = field ?? at.Row;
            errors.Add(new CsvError(fileName, where.Line, where.Column, error.Message, kind));
        }
    }
}
