using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// Says why nothing fits: the over-full step when the live sizes alone exceed the capacity, and an infeasible subset
/// of buffers, found by re-solving subsets within <see cref="Budget"/>.
/// </summary>
internal static class InfeasibilityMessage
{
    /// <summary>At most this many buffer ids are named.</summary>
    public const int MaxIdsNamed = 20;

    /// <summary>The most time the explanation gets (it re-solves subsets): a failing run must not hang on its error message.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The explanation's time: the run's time limit, at most <see cref="MaxTime"/> (when it runs out, the subset
    /// named may not be minimal, and the message says so).
    /// </summary>
    public static TimeSpan Budget(TimeLimit limit) => limit.Span is { } span && span < MaxTime ? span : MaxTime;

    /// <summary>Explains why <paramref name="problem"/> does not fit, within <see cref="Budget"/>.</summary>
    public static InfeasibilityExplanation Explain(Problem problem, SolverOptions options, TimeLimit limit, CancellationToken cancellationToken) =>
        InfeasibilityExplainer.Explain(problem, options with { Timeout = Budget(limit) }, cancellationToken);

    /// <summary>The message of <see cref="DiagnosticCodes.Infeasible"/> for a problem without aliases.</summary>
    public static string Format(Problem problem, Capacity capacity, InfeasibilityExplanation explanation) =>
        Format(AliasFolding.Fold(problem), capacity, explanation);

    /// <summary>
    /// The message of <see cref="DiagnosticCodes.Infeasible"/>; the explanation is of <paramref name="folded"/>'s
    /// problem (one buffer per alias group, named by its root, with how many aliases share its bytes).
    /// </summary>
    public static string Format(FoldedProblem folded, Capacity capacity, InfeasibilityExplanation explanation)
    {
        var problem = folded.Problem;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"the {folded.Original.Buffers.Count} buffers do not fit in the capacity of {capacity.Bytes} bytes");
        if (explanation.OverfullStep is { } step)
        {
            text.Append(CultureInfo.InvariantCulture, $": at step {step} the live buffers alone need {explanation.OverfullLiveBytes} bytes");
        }
        var ids = explanation.Subset.Select(i => JsonText.Quote(problem.Buffers[i].Id) + Aliases(folded, i)).ToList();
        string list = string.Join(", ", ids.Take(MaxIdsNamed)) + (ids.Count > MaxIdsNamed ? $" and {ids.Count - MaxIdsNamed} more" : string.Empty);
        text.Append(CultureInfo.InvariantCulture, $"; these {ids.Count} buffers cannot be placed together: {list}");
        text.Append(explanation.IsIrreducible
            ? " (removing any one of them makes the rest fit)"
            : " (the subset may not be minimal: the time limit ran out while reducing it)");
        text.Append(CultureInfo.InvariantCulture, $"; the live bytes peak at {LiveProfile.Of(problem).Peak}");
        // The search and this explanation see each alias group as one block over its members' hull: where members
        // leave a hole, a plan of the file as written might use it, and the message must not claim more.
        if (!folded.IsExact)
        {
            text.Append("; this is as planned, with each alias group as one block: some group's members leave a hole at a step (slices, or an alias at an offset), which the planner never uses (let the aliases cover their owner from byte 0, or give more capacity)");
        }
        return text.ToString();
    }

    private static string Aliases(FoldedProblem folded, int index)
    {
        int count = folded.Groups.MembersOf(folded.Roots[index]).Count - 1;
        return count switch
        {
            0 => string.Empty,
            1 => " (with its alias)",
            _ => FormattableString.Invariant($" (with its {count} aliases)"),
        };
    }
}
