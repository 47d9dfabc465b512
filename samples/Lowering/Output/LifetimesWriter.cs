using System.Globalization;
using System.Text;
using System.Text.Json;
using Lowering.Lifetimes;

namespace Lowering.Output;

/// <summary>
/// Renders the lifetimes JSON (format version 1 of MiniMalloc.Build): one buffer per line so that a diff
/// of two lowerings reads like a diff of the model. Deterministic: invariant culture, "\n" line endings.
/// </summary>
public static class LifetimesWriter
{
    /// <summary>The lifetimes format version written.</summary>
    public const int FormatVersion = 1;

    /// <summary>Returns the file's text.</summary>
    public static string Render(LoweredModel model)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append(CultureInfo.InvariantCulture, $"  \"version\": {FormatVersion},\n");
        text.Append(CultureInfo.InvariantCulture, $"  \"name\": {Quote(model.Name)},\n");
        if (model.Capacity is { } capacity)
        {
            text.Append(CultureInfo.InvariantCulture, $"  \"capacity\": {capacity},\n");
        }

        if (model.Alignment is { } alignment)
        {
            text.Append(CultureInfo.InvariantCulture, $"  \"alignment\": {alignment},\n");
        }

        text.Append("  \"buffers\": [\n");
        for (int i = 0; i < model.Buffers.Count; i++)
        {
            text.Append("    ").Append(Buffer(model.Buffers[i])).Append(i + 1 < model.Buffers.Count ? ",\n" : "\n");
        }

        text.Append("  ]\n}\n");
        return text.ToString();
    }

    private static string Buffer(PlannedBuffer buffer)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{{ \"id\": {Quote(buffer.Id)}, \"start\": {buffer.Start}, \"end\": {buffer.End}, \"size\": {buffer.Size}");
        if (buffer.Alignment is { } alignment)
        {
            text.Append(CultureInfo.InvariantCulture, $", \"alignment\": {alignment}");
        }

        if (buffer.Offset is { } offset)
        {
            text.Append(CultureInfo.InvariantCulture, $", \"offset\": {offset}");
        }

        if (buffer.Gaps.Count > 0)
        {
            text.Append(", \"gaps\": [");
            text.AppendJoin(", ", buffer.Gaps.Select(Gap));
            text.Append(']');
        }

        if (buffer.Alias is { } alias)
        {
            text.Append(CultureInfo.InvariantCulture, $", \"alias\": {{ \"of\": {Quote(alias.Owner)}, \"offset\": {alias.Offset} }}");
        }

        return text.Append(" }").ToString();
    }

    private static string Gap(PlannedGap gap) =>
        gap.WindowUpper is { } upper
            ? string.Create(CultureInfo.InvariantCulture, $"{{ \"start\": {gap.Start}, \"end\": {gap.End}, \"window\": [{gap.WindowLower ?? 0}, {upper}] }}")
            : string.Create(CultureInfo.InvariantCulture, $"{{ \"start\": {gap.Start}, \"end\": {gap.End} }}");

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
