namespace MiniMalloc.Planning;

/// <summary>The problem a plan is validated against: with its capacity, or, without one, bounded only by the plan's own height.</summary>
internal static class PlanValidation
{
    public static Problem ProblemFor(Problem problem, Capacity? capacity, Solution solution) =>
        problem.WithCapacity(capacity?.Bytes ?? Math.Max(solution.Height, 0));

    /// <summary>The independent validator's verdict on <paramref name="solution"/>.</summary>
    public static ValidationResult Validate(Problem problem, Capacity? capacity, Solution solution) =>
        Validator.Validate(ProblemFor(problem, capacity, solution), solution);
}
