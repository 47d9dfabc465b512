using System.Text;
using System.Text.RegularExpressions;

namespace MiniMalloc.Onnx.Lowering;

/// <summary>
/// The lifetimes file's <c>name</c>: the caller's, or one made from the model file's name. The schedule header's
/// macros use it as their prefix, upper-cased; the planner's header upper-cases the same name into its own prefix,
/// and the two agree exactly for names of letters, digits and single inner underscores (the planner turns other
/// characters into separators), which is what a made name is and what the schedule header requires.
/// </summary>
internal static partial class ModelName
{
    /// <summary>The name from a model file name: letters and digits kept, every other run one underscore
    /// (<c>hey_mycroft_v0.1.onnx</c> -> <c>hey_mycroft_v0_1</c>), "model_" in front of a leading digit.</summary>
    public static string FromFile(string path)
    {
        string stem = Path.GetFileName(path);
        if (stem.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) stem = stem[..^5];
        var text = new StringBuilder();
        bool separate = false;
        foreach (char ch in stem)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (separate && text.Length > 0) text.Append('_');
                separate = false;
                text.Append(ch);
            }
            else
            {
                separate = true;
            }
        }
        if (text.Length == 0) return "model";
        return char.IsAsciiDigit(text[0]) ? "model_" + text : text.ToString();
    }

    /// <summary>True when <paramref name="name"/> can prefix the schedule header's macros.</summary>
    public static bool IsPlainIdentifier(string name) => PlainIdentifier().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$")]
    private static partial Regex PlainIdentifier();
}
