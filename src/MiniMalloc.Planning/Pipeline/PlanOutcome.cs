namespace MiniMalloc.Planning;

/// <summary>The result of <see cref="Planner.Run(PlanRequest, CancellationToken)"/>.</summary>
public sealed record PlanOutcome
{
    /// <summary>True when a valid plan's header is in place (written, or already up to date).</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Errors, warnings and infos, in the order they arose.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>The plan's figures, or null when planning failed before a plan existed.</summary>
    public PlanSummary? Summary { get; init; }

    /// <summary>One line for logs: buffers, peak, capacity, lower bound, time, cache hit or solve, offsets moved.</summary>
    public required string SummaryLine { get; init; }

    /// <summary>The header's full path when it is in place, else null.</summary>
    public string? HeaderPath { get; init; }
}
