namespace MiniMalloc.Tests.Property;

/// <summary>
/// The solver settings of one property run: a technique combination and either one preordering heuristic or the
/// default list. Runs are numbered so that every 1024 consecutive ones cover each of the 512 combinations once
/// with a single heuristic and once with the default list; one in four of the default-list runs shares the round
/// robin's attempts between two threads (<see cref="SolverOptions.Parallelism"/>), which must be just as correct.
/// One run in three keeps every sub-problem's ordering in the live tree that large problems use
/// (<see cref="SolverOptions.IncrementalThreshold"/> 0), and one in three mixes both representations, nested in
/// one another, so that each meets every combination.
/// </summary>
internal sealed record PropertyRun(int Index, int Mask, IReadOnlyList<string> Heuristics, int Parallelism)
{
    /// <summary>Generous enough never to fire on an eight-buffer problem; there so that a bug cannot hang the suite.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // The single heuristics: the three defaults alone, every letter alone, and a few other mixtures.
    private static readonly string[] SingleHeuristics =
        ["WAT", "TAW", "TWA", "A", "C", "L", "O", "T", "U", "W", "Z", "ZUL", "COW"];

    /// <summary>The run numbered <paramref name="index"/>.</summary>
    public static PropertyRun For(int index)
    {
        int mask = index % TechniqueCombination.Count;
        int round = index / TechniqueCombination.Count;
        IReadOnlyList<string> heuristics = round % 2 == 1
            ? SolverOptions.DefaultPreorderingHeuristics
            : [SingleHeuristics[(round / 2 + mask) % SingleHeuristics.Length]];
        int parallelism = round % 8 == 7 ? 2 : 1;
        return new PropertyRun(index, mask, heuristics, parallelism);
    }

    /// <summary>How many times all 512 combinations were run before this one: Index / 512.</summary>
    public int Round => Index / TechniqueCombination.Count;

    /// <summary>Whether this run searches with the ordering tree of large problems, whatever the problem's size.</summary>
    public bool Incremental => Index % 3 == 0;

    /// <summary>Whether this run gives some sub-problems the ordering tree and others not.</summary>
    public bool Mixed => Index % 3 == 1;

    /// <summary>The solver options of this run.</summary>
    public SolverOptions Options => TechniqueCombination.Options(Mask, Heuristics, Timeout) with
    {
        Parallelism = Parallelism,
        IncrementalThreshold = Incremental ? 0 : Mixed ? SolverOptions.MixedRepresentations : new SolverOptions().IncrementalThreshold,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"run {Index}: {TechniqueCombination.Describe(Mask)} (mask {Mask}); heuristics {string.Join(",", Heuristics)}" +
        (Parallelism > 1 ? $"; parallelism {Parallelism}" : "") + (Incremental ? "; ordering tree" : Mixed ? "; mixed orderings" : "");
}
