using MiniMalloc.Tests.Property;
using Xunit.Abstractions;

namespace MiniMalloc.Differential.Tests;

/// <summary>
/// Random problems with alignment, gaps, windows and fixed offsets, larger than the brute force reaches (two
/// generated problems side by side, up to 16 buffers), checked against CP-SAT on feasibility and minimal height.
/// A fast subset runs in the suite; set MINIMALLOC_DIFFERENTIAL_PROBLEMS (for example to 5000) for a long run.
/// </summary>
public class SolverAgreesWithCpSatTests(ITestOutputHelper output)
{
    private const int DefaultProblems = 100;
    private const int BaseSeed = 70_000_000;

    [Fact]
    public void Solver_agrees_with_cp_sat_on_feasibility_and_minimal_height()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("MINIMALLOC_DIFFERENTIAL_PROBLEMS"), out int n) && n > 0 ? n : DefaultProblems;
        var disagreements = new List<string>();
        int proven = 0;
        for (int p = 0; p < count && disagreements.Count < 5; p++)
        {
            var problem = SearchContract.Of(Combine(SmallProblemGenerator.Generate(BaseSeed + 2 * p), SmallProblemGenerator.Generate(BaseSeed + 2 * p + 1)));
            if (CpSatPlanner.MinimalHeight(problem, seconds: 10) is not { } optimum) continue;
            proven++;
            var minimized = new CapacityMinimizer().Minimize(problem.WithCapacity(0));
            string? fault = null;
            if (minimized.Solution is null) fault = $"minimizer found nothing ({minimized.Status})";
            else if (minimized.Solution.Height != optimum) fault = $"minimizer height {minimized.Solution.Height}, CP-SAT optimum {optimum}";
            else if (!minimized.ProvenOptimal) fault = "minimizer did not prove the optimum";
            else if (!Validator.Validate(problem.WithCapacity(optimum), minimized.Solution).IsValid) fault = "minimized plan invalid";
            var atOptimum = new Solver().Solve(problem.WithCapacity(optimum));
            if (atOptimum.Status != SolveStatus.Solved || !Validator.Validate(problem.WithCapacity(optimum), atOptimum.Solution!).IsValid)
            {
                fault ??= $"at the optimum {optimum}: {atOptimum.Status}";
            }
            if (optimum > 0 && new Solver().Solve(problem.WithCapacity(optimum - 1)).Status != SolveStatus.Infeasible)
            {
                fault ??= $"at {optimum - 1}, below the optimum: not infeasible";
            }
            if (fault is not null) disagreements.Add($"problem {p}: {fault}\n{Csv(problem)}");
        }
        output.WriteLine($"{count} problems, {proven} proven by CP-SAT, {disagreements.Count} disagreements");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(proven >= count * 9 / 10, $"CP-SAT proved only {proven} of {count}");
    }

    /// <summary>
    /// Random alias groups on the same problems, against CP-SAT's exact model of aliases (members at their root's
    /// offset plus their own, holes between them free): the folded problem never fits below the exact optimum,
    /// fits at it whenever the folding says it is exact (its plan expanded passing the validator), and views and
    /// in-place outputs always fold exactly. (The minimizer's part is the brute-force property test's.)
    /// </summary>
    [Fact]
    public void Folded_alias_groups_agree_with_cp_sat_on_the_exact_meaning_of_aliases()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("MINIMALLOC_DIFFERENTIAL_PROBLEMS"), out int n) && n > 0 ? n / 2 : DefaultProblems / 2;
        var disagreements = new List<string>();
        int proven = 0, exact = 0, lost = 0;
        for (int p = 0; p < count && disagreements.Count < 5; p++)
        {
            var kinds = p % 2 == 0 ? AliasProblemGenerator.Kinds.ViewsAndInPlace : AliasProblemGenerator.Kinds.All;
            var combined = SearchContract.Of(Combine(SmallProblemGenerator.Generate(AliasSeed + 2 * p), SmallProblemGenerator.Generate(AliasSeed + 2 * p + 1)));
            var problem = AliasProblemGenerator.AddAliases(combined, AliasSeed + p, kinds);
            if (ProblemChecker.FirstError(problem, allowAliases: true) is not null) continue;
            if (CpSatPlanner.MinimalHeight(problem, seconds: 10) is not { } optimum) continue;
            proven++;
            var folded = AliasFolding.Fold(problem);
            var solver = new Solver();
            string? fault = null;
            // At the exact optimum the folded problem fits exactly when it is folded exactly (else it may not: holes
            // covered); one byte below, never: folding only adds constraints.
            var atOptimum = solver.Solve(folded.Problem.WithCapacity(optimum));
            if (atOptimum.Solution is { } plan && !Validator.Validate(problem.WithCapacity(optimum), folded.Expand(plan)).IsValid) fault = "expanded plan invalid";
            else if (folded.IsExact && atOptimum.Status != SolveStatus.Solved) fault = $"folded exactly, but not solved at the CP-SAT optimum {optimum}: {atOptimum.Status}";
            else if (optimum > 0 && solver.Solve(folded.Problem.WithCapacity(optimum - 1)).Status != SolveStatus.Infeasible) fault = $"at {optimum - 1}, below the exact optimum: not infeasible";
            else if (kinds == AliasProblemGenerator.Kinds.ViewsAndInPlace && !folded.IsExact) fault = "views and in-place outputs not folded exactly";
            if (folded.IsExact) exact++;
            if (atOptimum.Status == SolveStatus.Infeasible) lost++;
            if (fault is not null) disagreements.Add($"problem {p}: {fault}\n{Csv(problem)}");
        }
        output.WriteLine($"{count} alias problems, {proven} proven by CP-SAT, {exact} folded exactly, {lost} where covering holes cost height, {disagreements.Count} disagreements");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(proven >= count * 8 / 10, $"CP-SAT proved only {proven} of {count}");
        Assert.True(exact >= count / 2, $"only {exact} of {count} folded exactly");
    }

    private const int AliasSeed = 71_000_000;

    private static Problem Combine(Problem a, Problem b)
    {
        long shift = a.Buffers.Count == 0 ? 0 : a.Buffers.Max(x => x.Lifespan.Upper) / 2;
        var second = b.Buffers.Select(x => x with
        {
            Id = "c" + x.Id,
            Lifespan = new Lifespan(x.Lifespan.Lower + shift, x.Lifespan.Upper + shift),
            Gaps = x.Gaps.Select(g => g with { Lifespan = new Lifespan(g.Lifespan.Lower + shift, g.Lifespan.Upper + shift) }).ToArray(),
        });
        return new Problem([.. a.Buffers, .. second], 0);
    }

    private static string Csv(Problem problem) => CsvProblemWriter.Write(problem, null);
}
