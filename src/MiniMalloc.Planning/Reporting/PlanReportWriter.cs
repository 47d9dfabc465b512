namespace MiniMalloc.Planning;

/// <summary>
/// Draws a plan as a self-contained HTML page (inline SVG, style and script; nothing fetched from the network):
/// the memory layout over time above the live bytes per step, with capacity, peak and lower bound. For a problem
/// without a plan it draws the best picture there is: a sketch placement, the over-full step and the buffers of
/// the infeasible subset. Output is deterministic: the same request gives byte-identical pages.
/// </summary>
/// <remarks>
/// Large plans stay light: a live piece smaller than one pixel in both directions is not drawn alone but merged
/// with the others in its pixel column into one grey rectangle per run of pixel rows; the live-bytes chart keeps
/// one bar per pixel column (the column's maximum) once the profile changes more often than there are columns.
/// </remarks>
internal sealed class PlanReportWriter
{
    /// <summary>Creates a writer with the given sizes (default: <see cref="PlanReportOptions"/>'s).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PlanReportWriter(PlanReportOptions? options = null)
    {
        Options = options ?? new PlanReportOptions();
        if (Options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
    }

    /// <summary>The sizes used.</summary>
    public PlanReportOptions Options { get; }

    /// <summary>Returns the page for <paramref name="request"/>.</summary>
    /// <exception cref="ArgumentException">The problem is malformed, or the solution, sketch or explanation does not match it.</exception>
    public string Render(PlanReportRequest request) => Render(request, out _);

    /// <summary>Returns the page for <paramref name="request"/>, and what it drew.</summary>
    /// <exception cref="ArgumentException">The problem is malformed, or the solution, sketch or explanation does not match it.</exception>
    public string Render(PlanReportRequest request, out PlanReportStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(request);
        var placement = CheckedPlacement(request);
        var (html, drawn) = ReportPage.Render(new ReportContext(request, Options, placement));
        statistics = drawn;
        return html;
    }

    /// <summary>
    /// Writes the page to <paramref name="path"/> atomically (a temporary file in the same folder, then a rename),
    /// leaving the file untouched when it already holds this page. Returns what was drawn.
    /// </summary>
    /// <exception cref="ArgumentException">The problem is malformed, or the solution, sketch or explanation does not match it.</exception>
    /// <exception cref="IOException">The file cannot be written; a previous report is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission; a previous report is left as it was.</exception>
    public PlanReportStatistics Write(PlanReportRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string html = Render(request, out var statistics);
        AtomicFile.WriteIfChanged(path, html);
        return statistics;
    }

    private static Solution CheckedPlacement(PlanReportRequest request)
    {
        var problem = request.Problem ?? throw new ArgumentException("the request has no problem", nameof(request));
        if (request.Title is null) throw new ArgumentException("the request has no title", nameof(request));
        if (ProblemChecker.FirstError(problem, allowAliases: true) is { } error) throw new ArgumentException(error, nameof(request));
        int count = problem.Buffers.Count;
        if (request.Explanation is { } explanation)
        {
            foreach (int index in explanation.Subset)
            {
                if (index < 0 || index >= count)
                {
                    throw new ArgumentException($"the infeasible subset names buffer {index}, but the problem has {count} buffers", nameof(request));
                }
            }
        }
        // Without a plan, the best picture is still a placement: the caller's sketch, else the quick heuristic's.
        var placement = request.Solution ?? request.Sketch ?? Sketch(problem);
        string what = request.Solution is not null ? "solution" : "sketch";
        if (placement.Offsets.Count != count)
        {
            throw new ArgumentException($"the {what} has {placement.Offsets.Count} offsets for {count} buffers", nameof(request));
        }
        for (int i = 0; i < count; i++)
        {
            long offset = placement.Offsets[i];
            if (offset < 0 || offset > ProblemChecker.MaxValue)
            {
                throw new ArgumentException($"the {what} places buffer {i} ('{problem.Buffers[i].Id}') at offset {offset}, outside [0, {ProblemChecker.MaxValue}]", nameof(request));
            }
        }
        return placement;
    }

    // The quick heuristic places alias groups folded, as the planner does, and every member where its group puts it.
    private static Solution Sketch(Problem problem)
    {
        var folded = AliasFolding.Fold(problem);
        return folded.Expand(BestFitDecreasing.Solve(folded.Problem));
    }
}
