using System.Globalization;
using System.Text;
using System.Text.Json;
using Lowering.Lifetimes;

namespace Lowering.Output;

/// <summary>
/// Renders the lifetimes JSON (format version 1 of MiniMalloc.Build, or version 2 when the model is placed in
/// several memory pools): one buffer per line so that a diff of two lowerings reads like a diff of the model.
/// Deterministic: invariant culture, "\n" line endings.
/// </summary>
public static class LifetimesWriter
{
    /// <summary>The lifetimes format version written for one arena.</summary>
    public const int FormatVersion = 1;

    /// <summary>The lifetimes format version written with pools.</summary>
    public const int PoolsFormatVersion = 2;

    /// <summary>
    /// Returns the file's text. With <paramref name="pools"/> (fastest first), a version-2 file: each pool with its
    /// capacity, the model's own capacity left out (each pool has its own), and a buffer at a fixed offset (a DMA
    /// target) allowed only in the first pool, where the hardware expects it; every other buffer may go anywhere.
    /// </summary>
    public static string Render(LoweredModel model, IReadOnlyList<MemoryPool>? pools = null)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append(CultureInfo.InvariantCulture, $"  \"version\": {(pools is null ? FormatVersion : PoolsFormatVersion)},\n");
        text.Append(CultureInfo.InvariantCulture, $"  \"name\": {Quote(model.Name)},\n");
        if (pools is not null)
        {
            text.Append("  \"pools\": [\n");
            for (int i = 0; i < pools.Count; i++)
            {
                var pool = pools[i];
                text.Append(CultureInfo.InvariantCulture, $"    {{ \"name\": {Quote(pool.Name)}, \"capacity\": {pool.Capacity}");
                if (pool.Alignment is { } poolAlignment) text.Append(CultureInfo.InvariantCulture, $", \"alignment\": {poolAlignment}");
                text.Append(i + 1 < pools.Count ? " },\n" : " }\n");
            }

            text.Append("  ],\n");
        }
        else if (model.Capacity is { } capacity)
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
            text.Append("    ").Append(Buffer(model.Buffers[i], pools?[0].Name)).Append(i + 1 < model.Buffers.Count ? ",\n" : "\n");
        }

        text.Append("  ]\n}\n");
        return text.ToString();
    }

    private static string Buffer(PlannedBuffer buffer, string? fixedPool)
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
            if (fixedPool is not null) text.Append(CultureInfo.InvariantCulture, $", \"pools\": [{Quote(fixedPool)}]");
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
