namespace MiniMalloc.Tests.Property;

/// <summary>
/// Reduces a problem on which the solver disagrees with the brute force to a smaller one on which it still does
/// (fewer buffers, no gaps, windows, alignments, fixed offsets or hints, smaller sizes, shorter lifespans), one
/// simplification at a time, so that the report shows the smallest reproduction found.
/// </summary>
internal static class ProblemShrinker
{
    /// <summary>
    /// The shrunk problem, its optimum and the disagreement it still shows, of the same kind as
    /// <paramref name="failure"/> (see <see cref="Kind(string)"/>).
    /// </summary>
    public static (Problem Problem, long Optimum, string Failure) Shrink(Problem problem, long optimum, string failure, PropertyRun run)
    {
        string kind = Kind(failure);
        for (int round = 0; round < 200; round++)
        {
            bool smaller = false;
            foreach (var candidate in Simplifications(problem))
            {
                if (ProblemChecker.FirstError(candidate) is not null) continue;
                var brute = new BruteForceSolver(SearchContract.Of(candidate));
                (long Height, long[] Offsets)? found;
                try
                {
                    found = brute.Minimize();
                }
                catch (TimeoutException)
                {
                    continue;
                }
                if (found is not { } best) continue;
                string? fault;
                try
                {
                    fault = BruteForceComparison.Disagreement(candidate, best.Height, brute, run);
                }
                catch (NotImplementedException)
                {
                    fault = null;
                }
                if (fault is null || Kind(fault) != kind) continue;
                (problem, optimum, failure, smaller) = (candidate, best.Height, fault, true);
                break;
            }
            if (!smaller) break;
        }
        return (problem, optimum, failure);
    }

    /// <summary>"wrong answer", or "threw" and the exception's type: shrinking keeps to one kind of failure.</summary>
    public static string Kind(string failure)
    {
        int at = failure.IndexOf(": threw ", StringComparison.Ordinal);
        return at < 0 ? "wrong answer" : "threw " + failure[(at + 8)..].Split(':')[0];
    }

    private static IEnumerable<Problem> Simplifications(Problem problem)
    {
        var buffers = problem.Buffers;
        for (int i = 0; i < buffers.Count && buffers.Count > 1; i++)
        {
            yield return problem with { Buffers = [.. buffers.Where((_, k) => k != i)] };
        }
        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            if (b.Gaps.Count > 0)
            {
                yield return Replace(problem, i, b with { Gaps = [] });
                for (int g = 0; g < b.Gaps.Count; g++)
                {
                    if (b.Gaps[g].Window is not null) yield return Replace(problem, i, b with { Gaps = [.. b.Gaps.Select((gap, k) => k == g ? gap with { Window = null } : gap)] });
                }
            }
            if (b.Offset is not null) yield return Replace(problem, i, b with { Offset = null });
            if (b.Hint is not null) yield return Replace(problem, i, b with { Hint = null });
            if (b.Alignment > 1) yield return Replace(problem, i, b with { Alignment = 1, Offset = null, Hint = null });
            if (b.Size > 1) yield return Replace(problem, i, Resized(b, b.Size - 1));
            if (b.Lifespan.Width > 1)
            {
                yield return Replace(problem, i, Relived(b, new Lifespan(b.Lifespan.Lower + 1, b.Lifespan.Upper)));
                yield return Replace(problem, i, Relived(b, new Lifespan(b.Lifespan.Lower, b.Lifespan.Upper - 1)));
            }
        }
    }

    private static Problem Replace(Problem problem, int index, Buffer buffer) =>
        problem with { Buffers = [.. problem.Buffers.Select((b, k) => k == index ? buffer : b)] };

    // Windows are cut to the new size; the checker rejects whatever else becomes malformed.
    private static Buffer Resized(Buffer b, long size) => b with
    {
        Size = size,
        Gaps = [.. b.Gaps.Select(g => g.Window is { } w ? g with { Window = new Window(Math.Min(w.Lower, size), Math.Min(w.Upper, size)) } : g)],
    };

    // Gaps are clipped to the new lifespan and dropped when nothing of them is left.
    private static Buffer Relived(Buffer b, Lifespan lifespan) => b with
    {
        Lifespan = lifespan,
        Gaps = [.. b.Gaps
            .Select(g => g with { Lifespan = new Lifespan(Math.Max(g.Lifespan.Lower, lifespan.Lower), Math.Min(g.Lifespan.Upper, lifespan.Upper)) })
            .Where(g => g.Lifespan.Width > 0)],
    };
}
