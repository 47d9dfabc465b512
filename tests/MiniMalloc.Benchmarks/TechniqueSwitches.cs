namespace MiniMalloc.Benchmarks;

/// <summary>
/// The solver's nine technique switches by name, for <c>--disable=...</c>: a short name, a long one, and the
/// reference's flag spelling (underscores instead of dashes) are all accepted.
/// </summary>
internal static class TechniqueSwitches
{
    private sealed record Switch(string[] Names, Func<SolverOptions, bool> IsOn, Func<SolverOptions, SolverOptions> TurnOff);

    private static readonly Switch[] All =
    [
        new(["canonical", "canonical-only"], o => o.CanonicalOnly, o => o with { CanonicalOnly = false }),
        new(["section-inference"], o => o.SectionInference, o => o with { SectionInference = false }),
        new(["dynamic-ordering"], o => o.DynamicOrdering, o => o with { DynamicOrdering = false }),
        new(["dominance", "check-dominance"], o => o.CheckDominance, o => o with { CheckDominance = false }),
        new(["unallocated-floor"], o => o.UnallocatedFloor, o => o with { UnallocatedFloor = false }),
        new(["preordering", "static-preordering"], o => o.StaticPreordering, o => o with { StaticPreordering = false }),
        new(["decomposition", "dynamic-decomposition"], o => o.DynamicDecomposition, o => o with { DynamicDecomposition = false }),
        new(["monotonic-floor"], o => o.MonotonicFloor, o => o with { MonotonicFloor = false }),
        new(["hatless", "hatless-pruning"], o => o.HatlessPruning, o => o with { HatlessPruning = false }),
    ];

    /// <summary>The short names, for the usage text.</summary>
    public static IEnumerable<string> ShortNames => All.Select(s => s.Names[0]);

    /// <summary>Turns off the named switch ("all": every one); false when the name is unknown.</summary>
    public static bool TryDisable(SolverOptions options, string name, out SolverOptions result)
    {
        string key = name.Trim().ToLowerInvariant().Replace('_', '-');
        if (key == "all")
        {
            result = All.Aggregate(options, (o, s) => s.TurnOff(o));
            return true;
        }
        var match = All.FirstOrDefault(s => s.Names.Contains(key));
        result = match is null ? options : match.TurnOff(options);
        return match is not null;
    }

    /// <summary>True when the search is the reference's default one: every switch on, the default heuristics, one thread.</summary>
    public static bool IsReferenceSearch(SolverOptions options) =>
        All.All(s => s.IsOn(options)) && options.Parallelism == 1
        && options.PreorderingHeuristics.SequenceEqual(SolverOptions.DefaultPreorderingHeuristics);

    /// <summary>"all techniques on", or the switches that are off by short name; and the parallelism when above 1.</summary>
    public static string Describe(SolverOptions options)
    {
        var off = All.Where(s => !s.IsOn(options)).Select(s => s.Names[0]).ToList();
        string techniques = off.Count == 0 ? "all techniques on" : $"off: {string.Join(", ", off)}";
        return options.Parallelism > 1 ? $"{techniques}; parallelism {options.Parallelism}" : techniques;
    }
}
