using System.Text;
using Xunit.Abstractions;
using MiniMalloc.Search;

namespace MiniMalloc.Tests.Property;

/// <summary>
/// Every lower bound the minimizer may claim is checked against the brute-force optimum on random small problems:
/// a bound above the optimum would let the minimizer call a plan optimal that is not. Checked: optimal heights are
/// multiples of <see cref="HeightGranularity"/>; a <see cref="TimeSlice"/> never needs more height than the whole
/// problem; <see cref="SubsetBound"/> never exceeds the optimum; and the minimizer's bound stays at or below the
/// optimum when its budgets are too small to finish (so that the bound is not hidden behind an optimal plan).
/// </summary>
/// <remarks>
/// Half of the problems have their sizes, fixed offsets and windows scaled by 2, 3 or 4, so that the granularity
/// is above 1 and meets alignments it must give way to (3 against 4, for example).
/// </remarks>
public class LowerBoundsAgreeWithBruteForceTests(ITestOutputHelper output)
{
    private const int BaseSeed = 20_261_125;
    private const int Problems = 1000;

    [Fact]
    public void No_lower_bound_exceeds_the_brute_force_optimum()
    {
        var failures = new StringBuilder();
        int checkedProblems = 0, scaled = 0;
        var seen = new Coverage();
        for (int p = 0; p < Problems && failures.Length < 4000; p++)
        {
            var problem = Scaled(SmallProblemGenerator.Generate(BaseSeed + p), BaseSeed + p, out bool wasScaled);
            var contract = SearchContract.Of(problem);
            if (Optimum(contract) is not { } optimum) continue;
            checkedProblems++;
            if (wasScaled) scaled++;
            if (Fault(contract, optimum, p, seen) is { } fault) failures.Append($"problem {p}: {fault}\n{ProblemCsv.Format(problem)}\n");
        }
        output.WriteLine($"{checkedProblems} problems ({scaled} scaled): granularity above 1 on {seen.Granular}, subset bound above the live bytes on {seen.RaisedBySubsets}, a search proof raised in steps above 1 on {seen.RaisedInSteps}");
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(checkedProblems > Problems * 3 / 4, $"only {checkedProblems} of {Problems} problems were usable");
        Assert.True(scaled > Problems / 5, $"only {scaled} scaled problems were usable");
        // Not vacuous: the bounds must actually rise above the live bytes on some problems.
        Assert.True(seen.Granular > Problems / 10, $"only {seen.Granular} problems had a granularity above 1");
        Assert.True(seen.RaisedBySubsets > 10, $"the subset bound rose above the live bytes on only {seen.RaisedBySubsets} problems");
        Assert.True(seen.RaisedInSteps > 5, $"a search proof raised the bound by a granularity step above 1 on only {seen.RaisedInSteps} problems");
    }

    private sealed class Coverage
    {
        public int Granular, RaisedBySubsets, RaisedInSteps;
    }

    private static string? Fault(Problem contract, long optimum, int p, Coverage seen)
    {
        var searched = SearchableProblem.WindowsFromZero(contract);
        long granularity = HeightGranularity.Of(searched);
        if (optimum % granularity != 0) return $"the optimum {optimum} is not a multiple of the granularity {granularity}";
        if (granularity > 1) seen.Granular++;

        var random = new Random(p);
        long last = contract.Buffers.Count == 0 ? 1 : contract.Buffers.Max(b => b.Lifespan.Upper);
        for (int i = 0; i < 3; i++)
        {
            long from = random.Next(0, (int)last), to = random.Next((int)from + 1, (int)last + 1);
            var slice = TimeSlice.Of(contract, from, to);
            if (Optimum(slice) is { } sliceOptimum && sliceOptimum > optimum) return $"the slice [{from}, {to}) needs {sliceOptimum}, more than the whole problem's {optimum}";
        }

        long lower = HeightGranularity.RoundUp(CapacityMinimizer.LowerBound(searched), granularity);
        var probes = new ProbeRunner(new SolverOptions(), new StopCondition(null, default), 200_000);
        long subset = SubsetBound.Raise(searched, lower, granularity, BruteForceSolver.MaxCapacity, probes,
            MinimizeOptions.DefaultHeuristics, 1_000, 100_000);
        if (subset > optimum) return $"the subset bound {subset} exceeds the optimum {optimum}";
        if (subset > lower) seen.RaisedBySubsets++;

        // Budgets far too small to finish: what is left is the bound as proven, not one an optimal plan caught up with.
        var starved = new MinimizeOptions { ProbeNodes = 1, NodeBudget = 1 + p % 4 * 300, SubsetBoundNodes = p % 2 * 300 };
        var result = new CapacityMinimizer(new SolverOptions(), starved).Minimize(contract.WithCapacity(0));
        if (result.LowerBound > optimum) return $"a starved minimizer's bound {result.LowerBound} ({result.LowerBoundProof}) exceeds the optimum {optimum}";
        if (result.Solution is { } plan && plan.Height < optimum) return $"a starved minimizer's plan of height {plan.Height} is below the optimum {optimum}";
        if (result.ProvenOptimal && result.Solution!.Height != optimum) return $"a starved minimizer claims {result.Solution.Height} optimal; the optimum is {optimum}";
        if (granularity > 1 && result.LowerBoundProof == LowerBoundProof.Search) seen.RaisedInSteps++;
        return null;
    }

    private static long? Optimum(Problem problem)
    {
        try
        {
            return new BruteForceSolver(problem).Minimize()?.Height;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    // Sizes, fixed offsets and window bounds times a factor: heights scale with it, alignments do not.
    private static Problem Scaled(Problem problem, int seed, out bool scaled)
    {
        var random = new Random(seed ^ 0x5eed);
        scaled = random.Next(2) == 0;
        if (!scaled) return problem;
        long factor = random.Next(2, 5);
        return problem with
        {
            Buffers = problem.Buffers.Select(b => b with
            {
                Size = b.Size * factor,
                Offset = b.Offset * factor,
                Hint = b.Hint * factor,
                Gaps = b.Gaps.Select(g => g.Window is { } w ? g with { Window = new Window(w.Lower * factor, w.Upper * factor) } : g).ToArray(),
            }).ToArray(),
        };
    }
}
