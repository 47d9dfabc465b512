using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// Turns text into markup that is well formed both as HTML and as XML, and untrusted text (buffer ids, titles,
/// notes) into text that shows what it holds.
/// </summary>
/// <remarks>
/// Non-ASCII characters become numeric references, so the file is plain ASCII and no charset guess can garble it.
/// Characters XML 1.0 cannot carry even as references (C0 controls, lone surrogates, U+FFFE, U+FFFF) and those that
/// would fool a reader (C1 controls, bidirectional overrides that reorder the text around an id) are shown as
/// <c>\uXXXX</c> instead; a broken surrogate becomes U+FFFD.
/// </remarks>
internal static class ReportMarkup
{
    /// <summary>
    /// Appends <paramref name="text"/> escaped for element content and quoted attribute values. Line feeds are kept
    /// (hover texts have several lines): raw in content, as a reference in an attribute (where an XML parser would
    /// turn a raw one into a space). Pass untrusted text through <see cref="Visible"/> first.
    /// </summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, string text, bool inAttribute = false)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            int c = rune.Value;
            switch (c)
            {
                case '<': builder.Append("&lt;"); continue;
                case '>': builder.Append("&gt;"); continue;
                case '&': builder.Append("&amp;"); continue;
                case '"': builder.Append("&quot;"); continue;
                case '\'': builder.Append("&#39;"); continue;
                case '\n': builder.Append(inAttribute ? "&#10;" : "\n"); continue;
            }
            if (MustShowAsCode(c)) builder.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));
            else if (c > 0x7E) builder.Append("&#x").Append(c.ToString("X", CultureInfo.InvariantCulture)).Append(';');
            else builder.Append((char)c);
        }
        return builder;
    }

    /// <summary>
    /// Untrusted text as it should be shown: every character that <see cref="MustShowAsCode"/> names, line feeds
    /// included, written as <c>\uXXXX</c>; broken surrogates as U+FFFD.
    /// </summary>
    public static string Visible(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (MustShowAsCode(rune.Value)) builder.Append("\\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
            else builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    /// <summary>The escaped form of <paramref name="text"/>.</summary>
    public static string Escape(string text) => new StringBuilder(text.Length + 16).AppendEscaped(text).ToString();

    /// <summary>How many characters <paramref name="text"/> shows on screen (code points).</summary>
    public static int DisplayLength(string text)
    {
        int length = 0;
        foreach (var _ in text.EnumerateRunes()) length++;
        return length;
    }

    /// <summary>The first <paramref name="count"/> code points of <paramref name="text"/> (never splits a surrogate pair).</summary>
    public static string Prefix(string text, int count)
    {
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (count-- <= 0) break;
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    private static bool MustShowAsCode(int c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is 0xFFFE or 0xFFFF
        || c is 0x061C or 0x200E or 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}
