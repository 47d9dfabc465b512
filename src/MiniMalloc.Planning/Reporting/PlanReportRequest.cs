namespace MiniMalloc.Planning;

/// <summary>
/// What <see cref="PlanReportWriter"/> draws: a problem, and either its plan or, for a problem without one, the
/// reason (an infeasibility explanation) and a sketch to draw instead.
/// </summary>
internal sealed record PlanReportRequest
{
    /// <summary>Creates a request for <paramref name="problem"/>, headed <paramref name="title"/>.</summary>
    public PlanReportRequest(string title, Problem problem)
    {
        Title = title;
        Problem = problem;
    }

    /// <summary>The page heading, e.g. the input file's name.</summary>
    public string Title { get; init; }

    /// <summary>The problem planned; its buffer order is the order of <see cref="Solution"/>'s offsets.</summary>
    public Problem Problem { get; init; }

    /// <summary>The model's name (the lifetimes file's <c>name</c>), or null.</summary>
    public string? ModelName { get; init; }

    /// <summary>The plan, or null when there is none (infeasible, timed out, cancelled).</summary>
    public Solution? Solution { get; init; }

    /// <summary>
    /// When <see cref="Solution"/> is null: a placement to draw instead, labelled as not a valid plan. When this
    /// is null too, the writer draws <see cref="BestFitDecreasing"/>'s placement (which ignores the capacity).
    /// </summary>
    public Solution? Sketch { get; init; }

    /// <summary>The best lower bound on the height known to the caller; null: the problem's maximum live bytes.</summary>
    public long? LowerBound { get; init; }

    /// <summary>
    /// The capacity to draw; null: <see cref="Problem.Capacity"/>. Zero or less means no capacity. A capacity far
    /// above the plan is named in the summary but not drawn to scale.
    /// </summary>
    public long? Capacity { get; init; }

    /// <summary>Why the problem does not fit, when it does not: its buffers are highlighted, the over-full step marked.</summary>
    public InfeasibilityExplanation? Explanation { get; init; }

    /// <summary>Extra lines for the summary (solve time, cache hit, ...). Keep them free of timestamps for byte-identical reports.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
