using System.Globalization;
using System.Text;

namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>One buffer of a test model.</summary>
public sealed record TestBuffer(string Id, int Start, int End, long Size, long? Alignment = null, long? Offset = null);

/// <summary>Lifetimes files for the tests, written the way a model-lowering tool would.</summary>
public static class LifetimesModels
{
    /// <summary>
    /// A small keyword-spotting network: a chain of layer outputs with skip connections, weights live throughout,
    /// one fixed DMA buffer and mixed alignments. No gaps, so the C checker's "overlapping lifespans never share a
    /// byte" is exactly the plan's invariant. Peak live bytes: 40 KiB or so.
    /// </summary>
    public static IReadOnlyList<TestBuffer> KeywordSpotter { get; } =
    [
        new("dma_in", 0, 14, 1024, Offset: 0),
        new("input", 0, 2, 4000),
        new("conv1/out", 1, 4, 16000, Alignment: 64),
        new("conv1/scratch", 1, 2, 2048),
        new("conv2/out", 3, 6, 12000, Alignment: 64),
        new("pool1/out", 5, 8, 6000),
        new("conv3/out", 7, 10, 8000, Alignment: 32),
        new("skip", 2, 9, 3000),
        new("conv3/scratch", 7, 8, 4096),
        new("dense1/out", 9, 12, 2000),
        new("dense1/weights_cache", 8, 11, 5000),
        new("dense2/out", 11, 13, 1000),
        new("softmax/out", 12, 14, 256),
        new("logits", 13, 14, 128),
    ];

    /// <summary>The lifetimes JSON of <paramref name="buffers"/> (format version 1).</summary>
    public static string Json(IReadOnlyList<TestBuffer> buffers, string name = "kws_cnn", long? capacity = 262144,
        long alignment = 16)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"version\": 1,\n  \"name\": \"").Append(name).Append("\",\n");
        if (capacity is { } c) text.Append("  \"capacity\": ").Append(c.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        text.Append("  \"alignment\": ").Append(alignment.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        text.Append("  \"buffers\": [\n");
        for (var i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            text.Append(CultureInfo.InvariantCulture,
                $"    {{ \"id\": \"{b.Id}\", \"start\": {b.Start}, \"end\": {b.End}, \"size\": {b.Size}");
            if (b.Alignment is { } a) text.Append(CultureInfo.InvariantCulture, $", \"alignment\": {a}");
            if (b.Offset is { } o) text.Append(CultureInfo.InvariantCulture, $", \"offset\": {o}");
            text.Append(" }").Append(i + 1 < buffers.Count ? ",\n" : "\n");
        }
        text.Append("  ]\n}\n");
        return text.ToString();
    }

    /// <summary>
    /// The buffers as a version-2 file with two pools, a small fast "sram" of <paramref name="sram"/> bytes and a
    /// large "dram": every buffer may go to either, but a fixed one (its offset is in sram) only to sram.
    /// </summary>
    public static string PoolJson(IReadOnlyList<TestBuffer> buffers, long sram = 24576, string name = "kws_cnn")
    {
        string json = Json(buffers, name, capacity: null).Replace("\"version\": 1,", "\"version\": 2,", StringComparison.Ordinal);
        json = json.Replace("  \"buffers\": [\n", string.Create(CultureInfo.InvariantCulture,
            $"  \"pools\": [\n    {{ \"name\": \"sram\", \"capacity\": {sram}, \"alignment\": 64 }},\n    {{ \"name\": \"dram\", \"capacity\": 1048576, \"alignment\": 64 }}\n  ],\n  \"buffers\": [\n"), StringComparison.Ordinal);
        return json.Replace(", \"offset\": ", ", \"pools\": [\"sram\"], \"offset\": ", StringComparison.Ordinal);
    }

    /// <summary>The same buffers with one buffer's size changed.</summary>
    public static IReadOnlyList<TestBuffer> WithSize(IReadOnlyList<TestBuffer> buffers, string id, long size) =>
        [.. buffers.Select(b => b.Id == id ? b with { Size = size } : b)];
}
