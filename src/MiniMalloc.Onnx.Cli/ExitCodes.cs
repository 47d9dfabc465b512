namespace MiniMalloc.Onnx.Cli;

/// <summary>The command's exit codes (documented in --help and docs/onnx.md).</summary>
internal static class ExitCodes
{
    /// <summary>The outputs were written (or were already up to date).</summary>
    public const int Lowered = 0;

    /// <summary>Bad model, bad flags, or an output that cannot be written; nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>A bug: an unexpected exception escaped; nothing was written.</summary>
    public const int InternalError = 4;
}
