using MiniMalloc.Search;

namespace MiniMalloc;

/// <summary>Explains an infeasible problem: an irreducible infeasible subset and, if any, the over-full step.</summary>
public static class InfeasibilityExplainer
{
    /// <summary>
    /// Computes the explanation. Call it only for a problem found infeasible; the time limit of
    /// <paramref name="options"/> bounds the work, and a partial (reducible) subset is returned when it runs out.
    /// </summary>
    public static InfeasibilityExplanation Explain(Problem problem, SolverOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (ProblemChecker.FirstError(problem) is { } error) throw new ArgumentException(error, nameof(problem));
        options ??= new SolverOptions();
        var stop = new StopCondition(options.Timeout, cancellationToken);
        var solver = new Solver(options with { Timeout = null });
        var profile = LiveProfile.Of(problem);
        long? step = profile.FirstStepAbove(problem.Capacity);
        List<int> candidates;
        if (step is { } t)
        {
            // The buffers live at the over-full step already exceed the capacity; drop those not needed for that.
            candidates = [];
            long live = 0;
            for (int i = 0; i < problem.Buffers.Count; i++)
            {
                long bytes = LiveBytesAt(problem.Buffers[i], t);
                if (bytes <= 0) continue;
                candidates.Add(i);
                live += bytes;
            }
            foreach (int i in candidates.ToArray())
            {
                long bytes = LiveBytesAt(problem.Buffers[i], t);
                if (live - bytes > problem.Capacity)
                {
                    candidates.Remove(i);
                    live -= bytes;
                }
            }
        }
        else
        {
            candidates = Enumerable.Range(0, problem.Buffers.Count).ToList();
        }
        bool irreducible = DeletionFilter(problem, candidates, solver, stop);
        return new InfeasibilityExplanation
        {
            Subset = candidates,
            IsIrreducible = irreducible,
            OverfullStep = step,
            OverfullLiveBytes = step is { } s ? profile.At(s) : 0,
        };
    }

    // Removes each buffer whose removal leaves the rest infeasible; what remains is irreducible unless time ran out.
    private static bool DeletionFilter(Problem problem, List<int> subset, Solver solver, StopCondition stop)
    {
        foreach (int candidate in subset.ToArray())
        {
            if (stop.ShouldStop()) return false;
            var rest = subset.Where(i => i != candidate).Select(i => problem.Buffers[i]).ToArray();
            var result = solver.Solve(problem with { Buffers = rest }, stop);
            if (result.Status == SolveStatus.Infeasible) subset.Remove(candidate);
            else if (result.Status != SolveStatus.Solved) return false;
        }
        return true;
    }

    private static long LiveBytesAt(Buffer buffer, long step)
    {
        foreach (var piece in OccupiedPieces.Of(buffer))
        {
            if (piece.Steps.Contains(step)) return piece.Window.Size;
        }
        return 0;
    }
}
