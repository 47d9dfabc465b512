namespace MiniMalloc.Planning;

/// <summary>The result of <see cref="LifetimesDocument.ToProblem(long?, long?)"/>.</summary>
public sealed record ProblemConversion
{
    /// <summary>The problem (capacity 0 when none is given: minimize), or null when there are errors.</summary>
    public Problem? Problem { get; init; }

    /// <summary>Errors and warnings found, in file order.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>The effective capacity, or null when neither the caller nor the file gives one.</summary>
    public long? Capacity { get; init; }

    /// <summary>The effective default alignment of buffers.</summary>
    public long Alignment { get; init; } = 1;

    /// <summary>True when <see cref="Problem"/> is set (no errors).</summary>
    public bool Succeeded => Problem is not null;
}
