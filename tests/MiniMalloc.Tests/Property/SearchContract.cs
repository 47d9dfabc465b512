namespace MiniMalloc.Tests.Property;

/// <summary>
/// The problem whose optimum the solver promises: gap windows that do not start at byte 0 reserve [0, upper), and
/// empty windows are plain gaps
/// (see src/MiniMalloc/Search/SearchableProblem.cs for why). The brute force solves this version, so the
/// comparison checks the solver exactly against its documented contract, and every plan it returns is still
/// checked against the stricter model.
/// </summary>
internal static class SearchContract
{
    public static Problem Of(Problem problem) => problem with
    {
        Buffers = problem.Buffers.Select(b => b with
        {
            Gaps = b.Gaps.Select(g => g.Window is not { } w ? g
                : w.Upper <= w.Lower ? g with { Window = null }
                : g with { Window = new Window(0, w.Upper) }).ToArray(),
        }).ToArray(),
    };
}
