namespace MiniMalloc.Cli;

/// <summary>The tool's exit codes (documented in --help and the README).</summary>
internal static class ExitCodes
{
    /// <summary>A plan was found (and written).</summary>
    public const int Solved = 0;

    /// <summary>No plan fits in the capacity (proven).</summary>
    public const int NoSolution = 1;

    /// <summary>Bad input, bad flags, or an output that cannot be written; nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>The time limit ran out (or the run was cancelled) before the question was decided; nothing was written.</summary>
    public const int TimedOut = 3;

    /// <summary>A bug: a plan failed validation or an unexpected exception escaped; nothing was written.</summary>
    public const int InternalError = 4;
}
