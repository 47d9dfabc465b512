using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MiniMalloc.Onnx.Output;

/// <summary>
/// Renders a lowered model as a lifetimes file (format version 1 of MiniMalloc.Build), one buffer per line so
/// that a diff of two lowerings reads like a diff of the model. Deterministic: the same model gives the same bytes
/// (invariant culture, "\n" line ends, ids escaped the same way every time). Only the format's own properties are
/// written (its reader rejects unknown ones), with <c>alias</c> for a value that lives in another's bytes (its
/// kind goes to the schedule header, which firmware reads); the schedule goes to its own file (<see cref="ScheduleHeaderWriter"/>).
/// </summary>
public static class LifetimesWriter
{
    /// <summary>The lifetimes format version written.</summary>
    public const int FormatVersion = 1;

    /// <summary>Returns the file's text.</summary>
    public static string Render(LoweredModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append(CultureInfo.InvariantCulture, $"  \"version\": {FormatVersion},\n");
        text.Append(CultureInfo.InvariantCulture, $"  \"name\": {Quote(model.Name)},\n");
        text.Append("  \"buffers\": [\n");
        for (int i = 0; i < model.Buffers.Count; i++)
        {
            var b = model.Buffers[i];
            text.Append(CultureInfo.InvariantCulture,
                $"    {{ \"id\": {Quote(b.Id)}, \"start\": {b.Start}, \"end\": {b.End}, \"size\": {b.Size}");
            if (b.Alias is { } alias)
            {
                text.Append(CultureInfo.InvariantCulture, $", \"alias\": {{ \"of\": {Quote(alias.Owner)}, \"offset\": {alias.Offset} }}");
            }
            text.Append(" }");
            text.Append(i + 1 < model.Buffers.Count ? ",\n" : "\n");
        }
        text.Append("  ]\n}\n");
        return text.ToString();
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
