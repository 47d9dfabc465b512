namespace MiniMalloc.Onnx;

/// <summary>The lowered model, or the error that stopped the lowering; warnings in both cases.</summary>
public sealed record LoweringResult(LoweredModel? Model, IReadOnlyList<LoweringDiagnostic> Diagnostics)
{
    /// <summary>True when there is a model (no error).</summary>
    public bool Succeeded => Model is not null;
}
