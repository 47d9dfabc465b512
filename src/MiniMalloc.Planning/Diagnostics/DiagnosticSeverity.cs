namespace MiniMalloc.Planning;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
internal enum DiagnosticSeverity
{
    /// <summary>The plan failed; nothing was written.</summary>
    Error,

    /// <summary>The plan succeeded, but something deserves attention (a fallback plan, a bound not proven).</summary>
    Warning,

    /// <summary>Worth a line in a detailed log (a cache entry ignored, a warm start unusable); never fails a build.</summary>
    Info,
}
