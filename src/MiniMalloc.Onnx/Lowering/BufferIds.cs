using System.Text;

namespace MiniMalloc.Onnx.Lowering;

/// <summary>
/// Buffer ids are the ONNX value names, and the planner turns each into a C identifier of the header it writes
/// (docs/header.md): ASCII letters and digits kept, upper-cased; every other ASCII character a separator (runs of
/// them one underscore, none leading or trailing); every non-ASCII character U plus its hex code point. A name
/// that gives no identifier, or the identifier of another value or of the arena's own macro, would be rejected by
/// the planner; it is rejected here instead, naming the values, so that every file this lowering writes is
/// accepted as it is. The rule is the planner's; a test holds the two to the same verdicts.
/// </summary>
internal static class BufferIds
{
    /// <summary>Throws <see cref="LoweringException"/> (MMB5207) for the first id the planner would reject.</summary>
    public static void Check(IReadOnlyList<string> ids)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            string? fragment = Fragment(id);
            if (fragment is null)
            {
                throw new LoweringException(OnnxDiagnosticCodes.BadValueName,
                    $"value {Quote(id)}: its name has no letter or digit, so the planned header cannot name its buffer");
            }
            if (fragment == "ARENA")
            {
                throw new LoweringException(OnnxDiagnosticCodes.BadValueName,
                    $"value {Quote(id)}: its name gives the C identifier PREFIX_ARENA_SIZE, the planned header's own arena size macro");
            }
            if (first.TryGetValue(fragment, out string? earlier))
            {
                throw new LoweringException(OnnxDiagnosticCodes.BadValueName,
                    $"values {Quote(earlier)} and {Quote(id)} give the same C identifier fragment {fragment}, so the planned header cannot tell their buffers apart");
            }
            first.Add(fragment, id);
        }
    }

    /// <summary>The planner's identifier fragment of <paramref name="id"/>, or null when it has none.</summary>
    internal static string? Fragment(string id) => MiniMalloc.Planning.IdentifierFragment.Of(id);

    private static string Quote(string id)
    {
        var text = new StringBuilder("\"");
        foreach (char ch in id) text.Append(ch is >= ' ' and <= '~' and not '"' and not '\\' ? ch.ToString() : $"\\u{(int)ch:x4}");
        return text.Append('"').ToString();
    }
}
