using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// Escapes untrusted text for C source: string literals that hold any id exactly, and comments that no id can end.
/// The output is printable ASCII only, so no encoding, newline or control character reaches the compiler.
/// </summary>
internal static class CText
{
    /// <summary>
    /// A C string literal whose value is <paramref name="text"/>'s UTF-8 bytes. Quote and backslash are escaped,
    /// "?" too (so that "??/" cannot become a trigraph backslash under -std=c99), and every byte outside printable
    /// ASCII is a three-digit octal escape (a hex escape would swallow the digits after it).
    /// </summary>
    public static string StringLiteral(string text)
    {
        var result = new StringBuilder(text.Length + 2);
        result.Append('"');
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            switch (b)
            {
                case (byte)'"': result.Append("\\\""); break;
                case (byte)'\\': result.Append("\\\\"); break;
                case (byte)'?': result.Append("\\?"); break;
                default:
                    if (b >= 0x20 && b < 0x7F) result.Append((char)b);
                    else Octal(result, b);
                    break;
            }
        }
        return result.Append('"').ToString();
    }

    /// <summary>
    /// Text for inside a <c>/* */</c> comment: escaped as <see cref="StringLiteral"/> (without the quotes) and with
    /// every '*' written as \052, so that neither "*/" (which would end the comment) nor "/*" (a -Wcomment warning)
    /// can appear.
    /// </summary>
    public static string CommentText(string text)
    {
        string literal = StringLiteral(text);
        return literal[1..^1].Replace("*", "\\052", StringComparison.Ordinal);
    }

    /// <summary>An id quoted for a comment: like <see cref="StringLiteral"/>, safe inside <c>/* */</c>.</summary>
    public static string CommentQuoted(string text) => "\"" + CommentText(text) + "\"";

    private static void Octal(StringBuilder result, byte b) =>
        result.Append('\\').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7)));
}
