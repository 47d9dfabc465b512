namespace MiniMalloc.Onnx;

/// <summary>Whether a diagnostic stops the lowering.</summary>
public enum LoweringSeverity
{
    /// <summary>The lowering goes on; the outputs are written.</summary>
    Warning,

    /// <summary>Nothing is written.</summary>
    Error,
}

/// <summary>
/// One coded message about a model. <see cref="ToString"/> gives MSBuild's canonical form
/// (<c>FILE: error MMB5102: node "Conv_3" (Conv): ...</c>), so a build that runs the command logs it against the
/// model file; the message names the node or value at fault (a binary file has no lines to point at).
/// </summary>
public sealed record LoweringDiagnostic(string Code, LoweringSeverity Severity, string File, string Message)
{
    /// <summary>Canonical error format: <c>origin: error CODE: text</c>.</summary>
    public override string ToString() =>
        $"{File}: {(Severity == LoweringSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}
