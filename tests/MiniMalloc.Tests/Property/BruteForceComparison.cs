namespace MiniMalloc.Tests.Property;

/// <summary>
/// Compares the solver and the capacity minimizer with <see cref="BruteForceSolver"/> on one problem under one
/// run's settings: the optimum fits, one byte less does not, more room still fits, the minimizer finds the
/// optimum and proves it, and every solution passes both the library's validator and the brute force's own check.
/// </summary>
internal static class BruteForceComparison
{
    /// <summary>Null when everything agrees, else a sentence saying what did not.</summary>
    /// <exception cref="NotImplementedException">Propagated, so that a missing solver fails fast and plainly.</exception>
    public static string? Disagreement(Problem problem, long optimum, BruteForceSolver brute, PropertyRun run)
    {
        var options = run.Options;
        var solver = new global::MiniMalloc.Solver(options); // qualified: a sibling test namespace is called Solver

        string? fault = ExpectSolved($"solve at the optimum {optimum}", () => solver.Solve(problem.WithCapacity(optimum)), problem.WithCapacity(optimum), brute);
        if (fault is not null) return fault;

        if (optimum > 0)
        {
            fault = ExpectInfeasible($"solve at {optimum - 1}, one below the optimum", () => solver.Solve(problem.WithCapacity(optimum - 1)), problem.WithCapacity(optimum - 1));
            if (fault is not null) return fault;
        }

        // Half of the rounds check a roomier capacity, the other half the minimizer: half the work, and every
        // combination is still minimized 32 times, 16 with a single heuristic and 16 with the default list.
        if (run.Round / 2 % 2 == 0)
        {
            long roomy = Math.Min(BruteForceSolver.MaxCapacity, optimum + 1 + run.Index % 7);
            return ExpectSolved($"solve at {roomy}, above the optimum", () => solver.Solve(problem.WithCapacity(roomy)), problem.WithCapacity(roomy), brute);
        }

        // The minimizer's capacity is a ceiling (0: none): try no ceiling, a tight one and a loose one.
        long ceiling = (run.Index / 2 % 3) switch { 0 => 0, 1 => optimum, _ => Math.Min(BruteForceSolver.MaxCapacity, optimum + 3) };
        fault = ExpectMinimum(problem.WithCapacity(ceiling), optimum, brute, options);
        if (fault is not null) return fault;

        if (run.Round / 2 % 4 == 1 && optimum - 1 > 0)
        {
            var minimizer = new CapacityMinimizer(options);
            fault = ExpectInfeasible($"minimize with ceiling {optimum - 1}, below the optimum", () =>
            {
                var m = minimizer.Minimize(problem.WithCapacity(optimum - 1));
                return new SolveResult { Status = m.Status, Solution = m.Solution, Statistics = m.Statistics };
            }, problem.WithCapacity(optimum - 1));
            if (fault is not null) return fault;
        }
        return null;
    }

    private static string? ExpectSolved(string what, Func<SolveResult> solve, Problem atCapacity, BruteForceSolver brute)
    {
        var (result, error) = Run(what, solve);
        if (error is not null) return error;
        if (result!.Status != SolveStatus.Solved) return $"{what}: expected Solved (the brute force fits it), got {result.Status}";
        if (result.Solution is null) return $"{what}: Solved without a solution";
        return Check(what, atCapacity, result.Solution, brute);
    }

    private static string? ExpectInfeasible(string what, Func<SolveResult> solve, Problem atCapacity)
    {
        var (result, error) = Run(what, solve);
        if (error is not null) return error;
        if (result!.Status == SolveStatus.Infeasible) return null;
        if (result.Solution is { } solution)
        {
            // Should this ever pass the validator, the brute force would be the one in the wrong: say so.
            var verdict = Validator.Validate(atCapacity, solution);
            return $"{what}: expected Infeasible, got {result.Status} with offsets [{string.Join(", ", solution.Offsets)}] " +
                (verdict.IsValid ? "which PASS the validator (brute force wrong?)" : $"which fail the validator: {verdict.Message}");
        }
        return $"{what}: expected Infeasible, got {result.Status}";
    }

    private static string? ExpectMinimum(Problem problem, long optimum, BruteForceSolver brute, SolverOptions options)
    {
        string what = $"minimize with ceiling {problem.Capacity}";
        MinimizeResult result;
        try
        {
            result = new CapacityMinimizer(options).Minimize(problem);
        }
        catch (Exception e) when (e is not NotImplementedException)
        {
            return Threw(what, e);
        }
        if (result.Status != SolveStatus.Solved || result.Solution is null) return $"{what}: expected Solved at {optimum}, got {result.Status}";
        if (result.Solution.Height != optimum) return $"{what}: height {result.Solution.Height}, but the brute-force optimum is {optimum}";
        if (!result.ProvenOptimal) return $"{what}: found the optimum {optimum} but did not prove it (lower bound {result.LowerBound})";
        if (result.LowerBound < brute.LowerBound) return $"{what}: lower bound {result.LowerBound} is below the live-bytes peak {brute.LowerBound}";
        return Check(what, problem.WithCapacity(optimum), result.Solution, brute);
    }

    private static string? Check(string what, Problem atCapacity, Solution solution, BruteForceSolver brute)
    {
        var verdict = Validator.Validate(atCapacity, solution);
        if (!verdict.IsValid) return $"{what}: the validator rejects offsets [{string.Join(", ", solution.Offsets)}]: {verdict.Message}";
        if (brute.FindViolation(solution.Offsets, atCapacity.Capacity) is { } violation)
        {
            return $"{what}: the validator accepts offsets [{string.Join(", ", solution.Offsets)}] but the brute force's own check does not: {violation}";
        }
        return null;
    }

    private static (SolveResult? Result, string? Error) Run(string what, Func<SolveResult> solve)
    {
        try
        {
            return (solve(), null);
        }
        catch (Exception e) when (e is not NotImplementedException)
        {
            return (null, Threw(what, e));
        }
    }

    // The exception and where it was thrown, for the solver's author.
    private static string Threw(string what, Exception e)
    {
        string where = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
        return $"{what}: threw {e.GetType().Name}: {e.Message} {where}";
    }
}
