namespace Lowering.Model;

/// <summary>An element type of a tensor and its size in bytes.</summary>
/// <param name="Name">The name used in model files, e.g. <c>int8</c> or <c>float16</c>.</param>
/// <param name="Bytes">Bytes per element.</param>
public sealed record DataType(string Name, int Bytes)
{
    private static readonly IReadOnlyDictionary<string, DataType> Known = new[]
    {
        new DataType("bool", 1), new DataType("int8", 1), new DataType("uint8", 1),
        new DataType("int16", 2), new DataType("uint16", 2), new DataType("float16", 2), new DataType("bfloat16", 2),
        new DataType("int32", 4), new DataType("uint32", 4), new DataType("float32", 4),
        new DataType("int64", 8), new DataType("float64", 8),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every supported name, for error messages.</summary>
    public static string KnownNames => string.Join(", ", Known.Keys);

    /// <summary>Looks a dtype up by its exact name.</summary>
    public static DataType? Find(string name) => Known.GetValueOrDefault(name);
}
