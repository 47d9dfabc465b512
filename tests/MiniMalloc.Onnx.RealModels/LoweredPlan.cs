using System.Diagnostics;
using MiniMalloc.Planning;

namespace MiniMalloc.Onnx.RealModels;

/// <summary>A lowered model's lifetimes file planned as <c>minimalloc --minimize-capacity</c> plans it.</summary>
/// <param name="Problem">The problem as read from the file (aliases included).</param>
/// <param name="Offsets">Each buffer's offset, by id (an alias's absolute offset).</param>
/// <param name="Height">The arena reached.</param>
/// <param name="LowerBound">The proven lower bound.</param>
/// <param name="ProvenOptimal">Height equals the lower bound.</param>
/// <param name="Valid">The independent validator passed the plan (alias equations included).</param>
/// <param name="Elapsed">Time to read the file, minimize and validate.</param>
public sealed record LoweredPlan(Problem Problem, IReadOnlyDictionary<string, long> Offsets, long Height, long LowerBound, bool ProvenOptimal, bool Valid, TimeSpan Elapsed)
{
    /// <summary>Reads <paramref name="lifetimesPath"/> with the public reader (as the task and minimalloc do), folds
    /// its alias groups (the solvers take problems without aliases), minimizes the height with the default options,
    /// and expands the plan back to every buffer; throws when the file is rejected or nothing is found.
    /// <paramref name="nodeBudget"/>: the minimizer's search nodes (null: its default, as minimalloc's).</summary>
    public static LoweredPlan Minimize(string lifetimesPath, long? nodeBudget = null)
    {
        var clock = Stopwatch.StartNew();
        var read = LifetimesReader.Read(lifetimesPath);
        if (read.Problem is not { } problem) throw new InvalidOperationException(string.Join("\n", read.Diagnostics));
        var folded = AliasFolding.Fold(problem.WithCapacity(0));
        var result = new CapacityMinimizer(null, new MinimizeOptions { NodeBudget = nodeBudget }).Minimize(folded.Problem);
        var solution = folded.Expand(result.Solution ?? throw new InvalidOperationException($"no plan for {lifetimesPath}: {result.Status}"));
        bool valid = Validator.Validate(problem.WithCapacity(solution.Height), solution).IsValid;
        return new LoweredPlan(problem, OffsetsById(problem, solution), solution.Height, result.LowerBound, result.ProvenOptimal, valid, clock.Elapsed);
    }

    /// <summary>The offsets of <paramref name="solution"/> by buffer id.</summary>
    public static Dictionary<string, long> OffsetsById(Problem problem, Solution solution)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < problem.Buffers.Count; i++) offsets[problem.Buffers[i].Id] = solution.Offsets[i];
        return offsets;
    }
}
