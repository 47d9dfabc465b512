using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// Renders the HTML report for --report=FILE (issue 6) with the planning library's writer, as the planner does:
/// the plan when there is one, else the best picture there is (a sketch, the over-full step, the infeasible subset).
/// </summary>
internal static class ReportOutput
{
    public static string Render(LoadedInput input, string inputPath, PlanAttempt attempt, InfeasibilityExplanation? explanation)
    {
        var request = new PlanReportRequest(Path.GetFileName(inputPath), input.Problem with { Capacity = input.Capacity ?? 0 })
        {
            ModelName = input.ModelName,
            Solution = attempt.Solution,
            LowerBound = attempt.LowerBound,
            Capacity = input.Capacity,
            Explanation = explanation,
        };
        return new PlanReportWriter().Render(request);
    }
}
