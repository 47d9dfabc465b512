using System.Text;
using System.Text.Json;

namespace Lowering.Json;

/// <summary>The kinds of JSON value a <see cref="Node"/> can hold.</summary>
public enum NodeKind { Object, Array, String, Number, Boolean, Null }

/// <summary>
/// A JSON value that remembers where it came from (JSON path, 1-based line and column), so that every
/// validation error can point at the exact spot in the model file. System.Text.Json's DOM drops positions,
/// hence this small tree built from <see cref="Utf8JsonReader"/>.
/// </summary>
public sealed class Node
{
    private Node(NodeKind kind, string path, int line, int column)
    {
        Kind = kind;
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>What kind of value this is.</summary>
    public NodeKind Kind { get; }

    /// <summary>The JSON path of the value, e.g. <c>$.operators[3].inputs[1]</c>.</summary>
    public string Path { get; }

    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column (in characters) of the value's first character.</summary>
    public int Column { get; }

    /// <summary>The members of an object, in file order (empty for other kinds).</summary>
    public IReadOnlyList<Member> Members { get; private init; } = [];

    /// <summary>The items of an array (empty for other kinds).</summary>
    public IReadOnlyList<Node> Items { get; private init; } = [];

    /// <summary>The text of a string, the raw text of a number, or "true"/"false"/"null".</summary>
    public string Text { get; private init; } = "";

    /// <summary>The value as it appears in an error message: strings quoted, containers summarised.</summary>
    public string Display => Kind switch
    {
        NodeKind.String => JsonSerializer.Serialize(Text),
        NodeKind.Object => "{...}",
        NodeKind.Array => "[...]",
        _ => Text,
    };

    /// <summary>Parses a whole document; throws <see cref="ModelException"/> for malformed JSON.</summary>
    public static Node Parse(string file, byte[] utf8)
    {
        var positions = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = false,
        });
        try
        {
            if (!reader.Read())
            {
                throw new ModelException(new ModelError(file, 1, 1, "$", ErrorCodes.MalformedJson, "the file is empty"));
            }

            var root = ReadValue(ref reader, "$", positions);
            if (reader.Read())
            {
                var (line, column) = positions.At(reader.TokenStartIndex);
                throw new ModelException(new ModelError(file, line, column, "$", ErrorCodes.MalformedJson,
                    "unexpected content after the end of the document"));
            }

            return root;
        }
        catch (JsonException e)
        {
            // System.Text.Json reports zero-based line and byte position: shown 1-based to match editors.
            int line = (int)(e.LineNumber ?? 0) + 1;
            int column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new ModelException(new ModelError(file, line, column, e.Path ?? "$", ErrorCodes.MalformedJson,
                "malformed JSON: " + FirstSentence(e.Message)));
        }
    }

    /// <summary>Looks up an object member by name (exact, case-sensitive).</summary>
    public Node? this[string name] => Members.FirstOrDefault(m => m.Name == name)?.Value;

    private static Node ReadValue(ref Utf8JsonReader reader, string path, LineMap positions)
    {
        var (line, column) = positions.At(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<Member>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (nameLine, nameColumn) = positions.At(reader.TokenStartIndex);
                    string name = reader.GetString()!;
                    reader.Read();
                    members.Add(new Member(name, nameLine, nameColumn, ReadValue(ref reader, Child(path, name), positions)));
                }

                return new Node(NodeKind.Object, path, line, column) { Members = members };
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<Node>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, $"{path}[{items.Count}]", positions));
                }

                return new Node(NodeKind.Array, path, line, column) { Items = items };
            }
            case JsonTokenType.String:
                return new Node(NodeKind.String, path, line, column) { Text = reader.GetString()! };
            case JsonTokenType.Number:
                return new Node(NodeKind.Number, path, line, column) { Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new Node(NodeKind.Boolean, path, line, column) { Text = reader.GetBoolean() ? "true" : "false" };
            default:
                return new Node(NodeKind.Null, path, line, column) { Text = "null" };
        }
    }

    private static string Child(string path, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && name.Length > 0
            ? $"{path}.{name}"
            : $"{path}[{JsonSerializer.Serialize(name)}]";

    private static string FirstSentence(string message)
    {
        // The exception text repeats the position ("LineNumber: 3 | BytePositionInLine: 7."): we print our own.
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        string text = (cut < 0 ? message : message[..cut]).TrimEnd();
        // The reader's advice is for programmers, not for whoever edits the model file.
        return text.Replace(" Change the reader options.", "", StringComparison.Ordinal)
            .Replace(" which is not supported in this mode", "", StringComparison.Ordinal);
    }
}
