using System.Text;

namespace MiniMalloc;

/// <summary>A field's text (trimmed, unquoted) and where it starts.</summary>
/// <remarks>For a quoted field, <see cref="Column"/> is that of the first character inside the quotes.</remarks>
internal readonly record struct CsvField(string Text, int Line, int Column, bool Quoted = false);

/// <summary>The fields of one non-blank line.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<CsvField> Fields);

/// <summary>
/// Splits CSV text into records of positioned fields. The reference splits on '\n' and ',' only; this accepts
/// the same files plus CRLF or CR line ends, blanks around fields and RFC 4180 quoting (so that ids from other
/// formats may hold commas, quotes or line breaks). Blank lines are skipped.
/// </summary>
internal static class CsvTokenizer
{
    public static List<CsvRecord> Tokenize(string text, string file, List<CsvError> errors)
    {
        var records = new List<CsvRecord>();
        var fields = new List<CsvField>();
        var value = new StringBuilder();
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int line = 1, lineStart = i, recordLine = 1;
        while (i <= text.Length)
        {
            // One field per iteration: skip leading blanks, then read a quoted or a plain value.
            while (i < text.Length && IsBlank(text[i])) i++;
            int fieldLine = line, fieldColumn = i - lineStart + 1;
            value.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        errors.Add(new CsvError(file, fieldLine, fieldColumn, "a quoted field is not closed (a '\"' is missing)"));
                        return records;
                    }
                    char c = text[i];
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (c == '\r' || c == '\n')
                    {
                        i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                        value.Append('\n');
                        line++;
                        lineStart = i;
                        continue;
                    }
                    value.Append(c);
                    i++;
                }
                while (i < text.Length && IsBlank(text[i])) i++;
                if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                {
                    errors.Add(new CsvError(file, line, i - lineStart + 1, $"unexpected '{text[i]}' after a closing quote"));
                    while (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n') i++;
                }
                fields.Add(new CsvField(value.ToString(), fieldLine, fieldColumn + 1, Quoted: true));
            }
            else
            {
                int start = i;
                while (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n') i++;
                int end = i;
                while (end > start && IsBlank(text[end - 1])) end--;
                fields.Add(new CsvField(text[start..end], fieldLine, fieldColumn));
            }

            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }
            // End of a record: a line break or the end of the text.
            if (!(fields.Count == 1 && fields[0].Text.Length == 0 && !fields[0].Quoted))
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }
            fields.Clear();
            if (i >= text.Length) break;
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            line++;
            lineStart = i;
            recordLine = line;
        }
        return records;
    }

    private static bool IsBlank(char c) => c == ' ' || c == '\t';
}
