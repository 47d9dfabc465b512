using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// The rule that turns an id into an upper-case C identifier fragment (see <c>CIdentifier.Fragment</c> for its
/// statement). One file, compiled into the planner and, linked, into the ONNX lowering, which has no planning
/// dependency but must reject exactly the value names the planner would.
/// </summary>
internal static class IdentifierFragment
{
    /// <summary>The fragment of <paramref name="id"/>, or null when nothing is left of it.</summary>
    public static string? Of(string id)
    {
        var text = new StringBuilder(id.Length);
        bool separate = false;
        foreach (var rune in id.EnumerateRunes())
        {
            int value = rune.Value;
            if (value < 0x80 && char.IsAsciiLetterOrDigit((char)value))
            {
                if (separate && text.Length > 0) text.Append('_');
                separate = false;
                text.Append(char.ToUpperInvariant((char)value));
            }
            else if (value < 0x80)
            {
                separate = true;
            }
            else
            {
                // Non-ASCII: kept distinct (U00FC for ü) rather than dropped, so "größe" and "gre" do not collide.
                // EnumerateRunes yields U+FFFD for a lone surrogate.
                if (text.Length > 0) text.Append('_');
                text.Append('U').Append(value.ToString("X4", CultureInfo.InvariantCulture));
                separate = true;
            }
        }
        return text.Length == 0 ? null : text.ToString();
    }
}
