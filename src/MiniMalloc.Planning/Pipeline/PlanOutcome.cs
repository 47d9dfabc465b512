namespace MiniMalloc.Planning;

/// <summary>The result of <see cref="Planner.Run(PlanRequest, CancellationToken)"/>.</summary>
internal sealed record PlanOutcome
{
    /// <summary>How the run ended.</summary>
    public required PlanStatus Status { get; init; }

    /// <summary>True when a valid plan's outputs are in place (written, or already up to date).</summary>
    public bool Succeeded => Status is PlanStatus.Solved or PlanStatus.HeuristicFallback;

    /// <summary>Errors, warnings and infos, in the order they arose.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>The plan's figures, or null when the run ended without a plan in place.</summary>
    public PlanSummary? Summary { get; init; }

    /// <summary>What the search did, or null when the run stopped before searching (bad settings or input).</summary>
    public SearchReport? Search { get; init; }

    /// <summary>One line for logs: buffers, peak, capacity, lower bound, time, cache hit or solve, offsets moved.</summary>
    public required string SummaryLine { get; init; }

    /// <summary>The header's full path when one was asked for and is in place, else null.</summary>
    public string? HeaderPath { get; init; }

    /// <summary>The CSV of the plan when <see cref="PlanRequest.ReturnCsv"/> asked for it and there is a plan, else null.</summary>
    public string? Csv { get; init; }
}
