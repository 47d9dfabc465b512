namespace MiniMalloc.Onnx;

/// <summary>
/// Stops a lowering at the first error. Thrown only inside this library and caught by <see cref="OnnxLowering"/>,
/// which turns it into a <see cref="LoweringDiagnostic"/>: callers never see it.
/// </summary>
internal sealed class LoweringException(string code, string message) : Exception(message)
{
    /// <summary>The MMB5xxx code.</summary>
    public string Code { get; } = code;
}
