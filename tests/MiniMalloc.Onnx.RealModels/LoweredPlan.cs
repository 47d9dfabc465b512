using System.Diagnostics;
using MiniMalloc.Planning;

namespace MiniMalloc.Onnx.RealModels;

/// <summary>A lowered model's lifetimes file planned as <c>minimalloc --minimize-capacity</c> plans it.</summary>
/// <param name="Offsets">Each buffer's offset, by id.</param>
/// <param name="Height">The arena reached.</param>
/// <param name="LowerBound">The proven lower bound.</param>
/// <param name="ProvenOptimal">Height equals the lower bound.</param>
/// <param name="Valid">The independent validator passed the plan.</param>
/// <param name="Elapsed">Time to read the file, minimize and validate.</param>
public sealed record LoweredPlan(IReadOnlyDictionary<string, long> Offsets, long Height, long LowerBound, bool ProvenOptimal, bool Valid, TimeSpan Elapsed)
{
    /// <summary>Reads <paramref name="lifetimesPath"/> with the public reader (as the task and minimalloc do) and
    /// minimizes its height with the default options; throws when the file is rejected or nothing is found.</summary>
    public static LoweredPlan Minimize(string lifetimesPath)
    {
        var clock = Stopwatch.StartNew();
        var read = LifetimesReader.Read(lifetimesPath);
        if (read.Problem is not { } problem) throw new InvalidOperationException(string.Join("\n", read.Diagnostics));
        var result = new CapacityMinimizer().Minimize(problem.WithCapacity(0));
        var solution = result.Solution ?? throw new InvalidOperationException($"no plan for {lifetimesPath}: {result.Status}");
        bool valid = Validator.Validate(problem.WithCapacity(solution.Height), solution).IsValid;
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < problem.Buffers.Count; i++) offsets[problem.Buffers[i].Id] = solution.Offsets[i];
        return new LoweredPlan(offsets, solution.Height, result.LowerBound, result.ProvenOptimal, valid, clock.Elapsed);
    }
}
