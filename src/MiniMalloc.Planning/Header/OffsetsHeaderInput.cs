namespace MiniMalloc.Planning;

/// <summary>Everything the offsets header shows; <see cref="OffsetsHeaderWriter.Render(OffsetsHeaderInput)"/> is a pure function of it.</summary>
internal sealed record OffsetsHeaderInput
{
    /// <summary>The problem planned (ids, lifespans, sizes and alignments of the buffers).</summary>
    public required Problem Problem { get; init; }

    /// <summary>A plan for <see cref="Problem"/> that passed <see cref="Validator.Validate(Problem, Solution)"/>.</summary>
    public required Solution Solution { get; init; }

    /// <summary>The symbol prefix as given (sanitized with <see cref="CIdentifier.Prefix(string)"/>).</summary>
    public required string SymbolPrefix { get; init; }

    /// <summary>The capacity, when one was given: emitted as PREFIX_ARENA_CAPACITY.</summary>
    public long? Capacity { get; init; }

    /// <summary>The arena's alignment: a multiple of every buffer's alignment, so offsets stay aligned in memory.</summary>
    public long ArenaAlignment { get; init; } = 1;

    /// <summary>The tool version shown in the banner.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The input's file name (no directory, so that headers do not depend on where the repo is cloned).</summary>
    public required string SourceFileName { get; init; }

    /// <summary>A hash of the input (hex), shown in the banner.</summary>
    public required string InputHash { get; init; }

    /// <summary>
    /// The header inputs of a plan of the file at <paramref name="inputPath"/>, as this tool writes them: the
    /// banner shows this tool's version and the file's name. The MSBuild task (through the planner) and the CLI
    /// both build their inputs here, so that they write the same bytes for the same input and plan.
    /// </summary>
    public static OffsetsHeaderInput ForPlan(Problem problem, Solution solution, string symbolPrefix, long? capacity,
        long arenaAlignment, string inputPath, string inputHash) => new()
    {
        Problem = problem,
        Solution = solution,
        SymbolPrefix = symbolPrefix,
        Capacity = capacity,
        ArenaAlignment = arenaAlignment,
        ToolVersion = ToolInfo.Version,
        SourceFileName = Path.GetFileName(inputPath),
        InputHash = inputHash,
    };
}
