using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>Renders values and paths for messages: short, on one line, with hostile characters escaped.</summary>
internal static class JsonText
{
    private const int MaxShown = 80;

    /// <summary>A string as a JSON literal, control and non-ASCII characters escaped, cut after <see cref="MaxShown"/> characters.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, MaxShown) + 8);
        text.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            if (i == MaxShown)
            {
                text.Append("...");
                break;
            }
            char c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20 || c >= 0x7F) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>The path of a property of the object at <paramref name="parent"/>: <c>$.name</c>, or <c>$["odd name"]</c>.</summary>
    public static string Property(string parent, string name)
    {
        bool simple = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_' || name[0] == '$');
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$')) simple = false;
        }
        if (simple) return parent + "." + name;
        return parent + "[" + Quote(name) + "]";
    }

    /// <summary>The path of an array element.</summary>
    public static string Element(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
