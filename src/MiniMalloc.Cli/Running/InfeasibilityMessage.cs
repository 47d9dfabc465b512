using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MiniMalloc.Cli;

/// <summary>Says why nothing fits: the over-full step when live sizes alone exceed the capacity, else an infeasible subset.</summary>
internal static class InfeasibilityMessage
{
    /// <summary>Ids beyond this many are counted, not listed.</summary>
    private const int MaxIdsListed = 20;

    /// <summary>When the run has no time limit, the explanation gets this long (it re-solves subsets).</summary>
    public static readonly TimeSpan DefaultExplanationTime = TimeSpan.FromSeconds(10);

    public static InfeasibilityExplanation Explain(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var limit = options.Timeout is { } t && t < DefaultExplanationTime ? t : DefaultExplanationTime;
        return InfeasibilityExplainer.Explain(problem, options with { Timeout = limit }, cancellationToken);
    }

    /// <summary>The message, worded as the planner words it for the build task.</summary>
    public static string Format(Problem problem, long capacity, InfeasibilityExplanation explanation)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"the {problem.Buffers.Count} buffers do not fit in the capacity of {capacity} bytes");
        if (explanation.OverfullStep is { } step)
        {
            text.Append(CultureInfo.InvariantCulture, $": at step {step} the live buffers alone need {explanation.OverfullLiveBytes} bytes");
        }
        var ids = explanation.Subset.Select(i => JsonSerializer.Serialize(problem.Buffers[i].Id)).ToList();
        string list = string.Join(", ", ids.Take(MaxIdsListed)) + (ids.Count > MaxIdsListed ? $" and {ids.Count - MaxIdsListed} more" : "");
        text.Append(CultureInfo.InvariantCulture, $"; these {ids.Count} buffers cannot be placed together: {list}");
        text.Append(explanation.IsIrreducible
            ? " (removing any one of them makes the rest fit)"
            : " (the subset may not be minimal: the time limit ran out while reducing it)");
        text.Append(CultureInfo.InvariantCulture, $"; the live bytes peak at {LiveProfile.Of(problem).Peak}");
        return text.ToString();
    }
}
