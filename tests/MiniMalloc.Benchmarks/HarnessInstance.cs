using MiniMalloc.Generators;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// One problem a command measures: a benchmark file of the folder, or, with <c>--generated</c>, a network-like
/// problem of one of the <c>--sizes</c> (<see cref="NetworkProblemGenerator"/>, capacity <c>--slack</c> times its
/// lower bound, seed <c>--seed</c>).
/// </summary>
internal sealed record HarnessInstance(string Name, Func<Problem> Load, ReferenceFigures.Figures? Reference)
{
    /// <summary>The instances <paramref name="args"/> select, in order.</summary>
    public static List<HarnessInstance> Select(HarnessArguments args)
    {
        if (args.Generated)
        {
            return [.. args.Sizes.Select(size => new HarnessInstance($"network {size}",
                () => NetworkProblemGenerator.Generate(size, args.Seed, args.Slack), null))];
        }
        return [.. BenchmarkInstance.InFolder(SolveCommand.BenchmarkFolder(args), args.Capacity, args.Only)
            .Select(file => new HarnessInstance(file.Name, file.Load,
                file.Capacity == ReferenceFigures.Capacity ? ReferenceFigures.For(file.Name) : null))];
    }
}
