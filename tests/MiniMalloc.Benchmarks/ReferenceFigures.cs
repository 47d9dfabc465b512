namespace MiniMalloc.Benchmarks;

/// <summary>
/// What the authors' C++ solver (google/minimalloc) does on the eleven challenging benchmarks (capacity 1048576,
/// default settings) on this kind of machine, as issues 2 and 5 state them: median of five whole-process runs,
/// backtracks, and the outcome of minimizing the capacity within 60 s.
/// </summary>
internal static class ReferenceFigures
{
    /// <summary>One benchmark's figures.</summary>
    public sealed record Figures(double Seconds, long Backtracks, string Minimize);

    private static readonly Dictionary<string, Figures> ByInstance = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = new(4.4, 114659, "1048576"),
        ["B"] = new(3.3, 101625, "1048576"),
        ["C"] = new(0.58, 29605, "1039360"),
        ["D"] = new(2.3, 10457, "none in 60 s (1033216 by hand)"),
        ["E"] = new(3.2, 153368, "none in 600 s"),
        ["F"] = new(4.4, 50659, "1048576"),
        ["G"] = new(0.94, 4581, "1048576"),
        ["H"] = new(1.4, 4826, "1048576"),
        ["I"] = new(3.3, 13006, "1048576"),
        ["J"] = new(0.75, 1193, "none in 60 s (1035264 by hand)"),
        ["K"] = new(0.52, 7648, "1048576"),
    };

    /// <summary>The capacity the figures were measured at.</summary>
    public const long Capacity = 1_048_576;

    /// <summary>The figures for an instance named like "A" (from A.1048576.csv), or null.</summary>
    public static Figures? For(string instance) => ByInstance.GetValueOrDefault(instance);
}
