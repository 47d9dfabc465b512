using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>
/// The solver options as the plan cache key records them: every public option of <see cref="SolverOptions"/> by
/// name, in ordinal name order, with its value as invariant text. Listed here rather than found by reflection,
/// which a cache hit would pay for in every build (several milliseconds before anything is warm); a test checks
/// this list against the type's public properties, so an option added to the solver cannot be left out.
/// </summary>
internal static class SolverOptionsRecord
{
    /// <summary>The (name, text) of every public option, in ordinal name order.</summary>
    public static (string Name, string Value)[] Of(SolverOptions options) =>
    [
        (nameof(SolverOptions.CanonicalOnly), Text(options.CanonicalOnly)),
        (nameof(SolverOptions.CheckDominance), Text(options.CheckDominance)),
        (nameof(SolverOptions.DynamicDecomposition), Text(options.DynamicDecomposition)),
        (nameof(SolverOptions.DynamicOrdering), Text(options.DynamicOrdering)),
        (nameof(SolverOptions.HatlessPruning), Text(options.HatlessPruning)),
        (nameof(SolverOptions.LargeProblemHeuristic), Text(options.LargeProblemHeuristic)),
        (nameof(SolverOptions.MonotonicFloor), Text(options.MonotonicFloor)),
        (nameof(SolverOptions.NodeBudget), options.NodeBudget is { } nodes ? nodes.ToString(CultureInfo.InvariantCulture) : "null"),
        (nameof(SolverOptions.Parallelism), options.Parallelism.ToString(CultureInfo.InvariantCulture)),
        (nameof(SolverOptions.PreorderingHeuristics), Text(options.PreorderingHeuristics)),
        (nameof(SolverOptions.SectionInference), Text(options.SectionInference)),
        (nameof(SolverOptions.StaticPreordering), Text(options.StaticPreordering)),
        (nameof(SolverOptions.Timeout), options.Timeout is { } timeout ? timeout.Ticks.ToString(CultureInfo.InvariantCulture) : "null"),
        (nameof(SolverOptions.UnallocatedFloor), Text(options.UnallocatedFloor)),
        (nameof(SolverOptions.WorkBudget), options.WorkBudget is { } work ? work.ToString(CultureInfo.InvariantCulture) : "null"),
    ];

    private static string Text(bool value) => value ? "true" : "false";

    private static string Text(IReadOnlyList<string> list) =>
        string.Join("\u001f", list) + "\u001e" + list.Count.ToString(CultureInfo.InvariantCulture);
}
