using System.Text;
using Xunit.Abstractions;

namespace MiniMalloc.Tests.Property;

/// <summary>
/// Random small problems with random alias groups, each solved as the planner solves it (folded, minimized,
/// expanded) and compared with two brute forces: one over the exact meaning of aliases (<see cref="AliasOccupancy"/>:
/// each group holds exactly the union of its live members' bytes, holes free for others) and one over the folded
/// problem (the search's contract). The minimizer must reach the folded optimum and prove it; the expanded plan
/// must pass the validator and the exact model's own check; the folded optimum is never below the exact one, and
/// equals it whenever the folding says it is exact, which it must say for every problem whose aliases are views
/// and in-place outputs.
/// </summary>
public class AliasGroupsAgreeWithBruteForceTests(ITestOutputHelper output)
{
    private const int BaseSeed = 20_260_314;
    private const int Problems = 2000;

    [Fact]
    public void Folded_alias_groups_reach_the_exact_optimum_of_views_and_in_place_outputs()
    {
        var failures = new StringBuilder();
        int checkedProblems = 0, exact = 0, exactOfAll = 0, lostToHull = 0, aliases = 0;
        double worstLoss = 0, totalLoss = 0;
        for (int p = 0; p < Problems && failures.Length < 4000; p++)
        {
            var kinds = p % 2 == 0 ? AliasProblemGenerator.Kinds.ViewsAndInPlace : AliasProblemGenerator.Kinds.All;
            var problem = AliasProblemGenerator.AddAliases(SearchContract.Of(SmallProblemGenerator.Generate(BaseSeed + p)), BaseSeed + p, kinds);
            if (ProblemChecker.FirstError(problem, allowAliases: true) is not null) continue;
            var folded = AliasFolding.Fold(problem);
            var exactModel = AliasOccupancy.Model(problem);
            long exactOptimum, foldedOptimum;
            try
            {
                if (new BruteForceSolver(exactModel).Minimize() is not { } e) continue; // clashing fixed offsets, or too tall
                if (new BruteForceSolver(SearchContract.Of(folded.Problem)).Minimize() is not { } f) continue;
                (exactOptimum, foldedOptimum) = (e.Height, f.Height);
            }
            catch (TimeoutException)
            {
                continue;
            }
            checkedProblems++;
            aliases += problem.Buffers.Count(b => b.Alias is not null);
            if (folded.IsExact) exact++;
            if (folded.IsExact && kinds == AliasProblemGenerator.Kinds.All) exactOfAll++;
            if (foldedOptimum > exactOptimum)
            {
                lostToHull++;
                double loss = (double)(foldedOptimum - exactOptimum) / exactOptimum;
                totalLoss += loss;
                worstLoss = Math.Max(worstLoss, loss);
            }
            if (Fault(problem, folded, exactModel, exactOptimum, foldedOptimum, kinds) is { } fault)
            {
                failures.Append($"problem {p}: {fault}\n{ProblemCsv.Format(problem)}\n");
            }
        }
        output.WriteLine($"{checkedProblems} problems with {aliases} aliases: {exact} folded exactly ({exactOfAll} of them with slices or other aliases), " +
            $"{lostToHull} where covering holes cost height (by {(lostToHull == 0 ? 0 : totalLoss / lostToHull):P1} on average, {worstLoss:P1} at most)");
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(checkedProblems > Problems * 3 / 4, $"only {checkedProblems} of {Problems} problems were usable");
        // Not vacuous: both kinds of group occur, and covering holes does cost height on some problems.
        Assert.True(exactOfAll > 20 && lostToHull > 0 && exact < checkedProblems, $"exact {exact}, exact with slices {exactOfAll}, lost {lostToHull}");
    }

    private static string? Fault(Problem problem, FoldedProblem folded, TinyOccupancy exactModel, long exactOptimum, long foldedOptimum, AliasProblemGenerator.Kinds kinds)
    {
        if (kinds == AliasProblemGenerator.Kinds.ViewsAndInPlace && !folded.IsExact) return "views and in-place outputs were not folded exactly";
        if (foldedOptimum < exactOptimum) return $"the folded optimum {foldedOptimum} is below the exact optimum {exactOptimum}: folding lost a constraint";
        if (folded.IsExact && foldedOptimum != exactOptimum) return $"folded exactly, but its optimum {foldedOptimum} is not the exact optimum {exactOptimum}";

        var minimized = new CapacityMinimizer().Minimize(folded.Problem.WithCapacity(0));
        if (minimized.Solution is not { } best) return $"the minimizer found nothing ({minimized.Status})";
        if (best.Height != foldedOptimum || !minimized.ProvenOptimal) return $"the minimizer reached {best.Height} (proven: {minimized.ProvenOptimal}); the folded optimum is {foldedOptimum}";
        var plan = folded.Expand(best);
        var verdict = Validator.Validate(problem.WithCapacity(best.Height), plan);
        if (!verdict.IsValid) return $"the expanded plan fails the validator: {verdict.Message}";
        var (roots, _, _) = AliasOccupancy.Groups(problem);
        if (exactModel.FindViolation(roots.Select(r => plan.Offsets[r]).ToList(), best.Height) is { } violation) return $"the expanded plan fails the exact model: {violation}";
        if (foldedOptimum > 0 && new Solver().Solve(folded.Problem.WithCapacity(foldedOptimum - 1)).Status != SolveStatus.Infeasible)
        {
            return $"the folded problem is not infeasible one byte below its optimum {foldedOptimum}";
        }
        return null;
    }
}
