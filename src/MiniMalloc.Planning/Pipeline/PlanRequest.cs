namespace MiniMalloc.Planning;

/// <summary>
/// What to plan and where to write it. Values set here win over the input file's own (the caller resolves
/// metadata &gt; properties &gt; file before filling this in).
/// </summary>
public sealed record PlanRequest
{
    /// <summary>The lifetimes file: .json (format version 1) or .csv (the reference's format).</summary>
    public required string InputPath { get; init; }

    /// <summary>The C header to write.</summary>
    public required string HeaderPath { get; init; }

    /// <summary>The symbol prefix; null: the file's name, else the input's file name.</summary>
    public string? SymbolPrefix { get; init; }

    /// <summary>The capacity in bytes; null: the file's, else none (the height is minimized).</summary>
    public long? Capacity { get; init; }

    /// <summary>The default buffer alignment; null: the file's, else 1.</summary>
    public long? Alignment { get; init; }

    /// <summary>Minimize the height; null: minimize only when there is no capacity.</summary>
    public bool? MinimizeCapacity { get; init; }

    /// <summary>The solver's time limit; null: the one in <see cref="Solver"/>, else none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The plan cache folder; null: no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Warm start: the last plan of this item is read from and written to this file (null: no warm start).</summary>
    public string? PreviousPlanPath { get; init; }

    /// <summary>The HTML report to write (issue 6); null: none.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Solver settings; null: the defaults.</summary>
    public SolverOptions? Solver { get; init; }

    /// <summary>Check only (MSBuild -question): report a header that would be written as an error and write nothing.</summary>
    public bool QuestionOnly { get; init; }
}
