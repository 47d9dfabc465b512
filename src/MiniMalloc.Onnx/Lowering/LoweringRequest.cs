namespace MiniMalloc.Onnx;

/// <summary>What to lower: the model file, shapes for its symbolic inputs, and the name to give the result.</summary>
/// <param name="ModelPath">The .onnx file.</param>
public sealed record LoweringRequest(string ModelPath)
{
    /// <summary>Shapes of graph inputs with symbolic or missing dimensions (or restating static ones).</summary>
    public IReadOnlyList<InputShape> Shapes { get; init; } = [];

    /// <summary>The lifetimes file's name; null: made from the file name.</summary>
    public string? Name { get; init; }

    /// <summary>Which values may share bytes (default <see cref="ViewLevels.Default"/>: views, in-place outputs and
    /// Concat slices).</summary>
    public ViewLevel Views { get; init; } = ViewLevels.Default;

    /// <summary>The largest model file read (default: protobuf's own limit, 2 GiB - 1).</summary>
    public long MaxFileBytes { get; init; } = Model.ModelFile.DefaultMaxBytes;
}
