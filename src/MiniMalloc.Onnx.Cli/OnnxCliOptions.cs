namespace MiniMalloc.Onnx.Cli;

/// <summary>What one run was asked to do, after parsing and checking the flags.</summary>
internal sealed record OnnxCliOptions(string Input, string Output)
{
    /// <summary>Shapes of graph inputs (from --shape).</summary>
    public IReadOnlyList<InputShape> Shapes { get; init; } = [];

    /// <summary>The lifetimes file's name (null: made from the model file's name).</summary>
    public string? Name { get; init; }

    /// <summary>Which values share bytes (from --views).</summary>
    public ViewLevel Views { get; init; } = ViewLevels.Default;

    /// <summary>The schedule header to write, or null.</summary>
    public string? ScheduleHeader { get; init; }
}
