namespace MiniMalloc.Tests.Property;

/// <summary>
/// One of the 2^9 settings of the solver's nine technique switches, numbered by a bit mask (bit set: technique on;
/// 511: the default, everything on).
/// </summary>
internal static class TechniqueCombination
{
    /// <summary>The number of combinations.</summary>
    public const int Count = 1 << 9;

    /// <summary>The switch names, in bit order.</summary>
    public static readonly string[] Names =
    [
        "CanonicalOnly", "SectionInference", "DynamicOrdering", "CheckDominance", "UnallocatedFloor",
        "StaticPreordering", "DynamicDecomposition", "MonotonicFloor", "HatlessPruning",
    ];

    /// <summary>Options with the switches of <paramref name="mask"/> and the given heuristics.</summary>
    public static SolverOptions Options(int mask, IReadOnlyList<string> heuristics, TimeSpan? timeout) => new()
    {
        CanonicalOnly = On(mask, 0),
        SectionInference = On(mask, 1),
        DynamicOrdering = On(mask, 2),
        CheckDominance = On(mask, 3),
        UnallocatedFloor = On(mask, 4),
        StaticPreordering = On(mask, 5),
        DynamicDecomposition = On(mask, 6),
        MonotonicFloor = On(mask, 7),
        HatlessPruning = On(mask, 8),
        PreorderingHeuristics = heuristics,
        Timeout = timeout,
    };

    /// <summary>"all on", or the switches that are off, e.g. "off: CheckDominance, HatlessPruning".</summary>
    public static string Describe(int mask)
    {
        var off = Enumerable.Range(0, Names.Length).Where(bit => !On(mask, bit)).Select(bit => Names[bit]).ToList();
        return off.Count == 0 ? "all techniques on" : $"off: {string.Join(", ", off)}";
    }

    private static bool On(int mask, int bit) => (mask & (1 << bit)) != 0;
}
