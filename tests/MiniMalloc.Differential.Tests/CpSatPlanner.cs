using Google.OrTools.Sat;

namespace MiniMalloc.Differential.Tests;

/// <summary>
/// The planning problem as a CP-SAT model, written from the problem statement alone (nothing of the solver is
/// reused): an offset variable per buffer (a multiple of its alignment, or its fixed offset), and for every two
/// occupied pieces live at a common step, one of the two must lie wholly below the other. An alias has no variable
/// of its own: it is its root's offset plus its offset in the root, and it may share bytes with its group (the
/// exact meaning of aliases: only the bytes members occupy are taken, holes between them stay free).
/// </summary>
internal static class CpSatPlanner
{
    /// <summary>The proven minimal height, or null when CP-SAT could not prove one within the time limit.</summary>
    public static long? MinimalHeight(Problem problem, double seconds)
    {
        var buffers = problem.Buffers;
        long total = buffers.Sum(b => b.Size + b.Alignment) + buffers.Max(b => b.Offset ?? 0);
        var model = new CpModel();
        var height = model.NewIntVar(0, total, "height");
        var offsets = new LinearExpr[buffers.Count];
        var (root, shift) = Roots(buffers);
        for (int i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            if (root[i] != i) continue;
            if (b.Offset is { } fixedOffset)
            {
                offsets[i] = LinearExpr.Constant(fixedOffset);
            }
            else
            {
                var slot = model.NewIntVar(0, total / b.Alignment, $"k{i}");
                offsets[i] = slot * b.Alignment;
            }
        }
        for (int i = 0; i < buffers.Count; i++)
        {
            if (root[i] != i) offsets[i] = offsets[root[i]] + shift[i];
            model.Add(offsets[i] + buffers[i].Size <= height);
        }
        var pieces = buffers.Select(Pieces).ToArray();
        for (int i = 0; i < buffers.Count; i++)
        {
            for (int j = i + 1; j < buffers.Count; j++)
            {
                if (root[i] == root[j]) continue;
                foreach (var (from1, to1, low1, high1) in pieces[i])
                {
                    foreach (var (from2, to2, low2, high2) in pieces[j])
                    {
                        if (to1 <= from2 || to2 <= from1) continue;
                        var iBelow = model.NewBoolVar($"below_{i}_{j}");
                        model.Add(offsets[i] + high1 <= offsets[j] + low2).OnlyEnforceIf(iBelow);
                        model.Add(offsets[j] + high2 <= offsets[i] + low1).OnlyEnforceIf(iBelow.Not());
                    }
                }
            }
        }
        model.Minimize(height);
        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{seconds} num_workers:1 random_seed:1" };
        var status = solver.Solve(model);
        return status == CpSolverStatus.Optimal ? solver.Value(height) : null;
    }

    // Each buffer's root (the end of its chain of owners) and its offset in the root.
    private static (int[] Root, long[] Shift) Roots(IReadOnlyList<Buffer> buffers)
    {
        var index = new Dictionary<string, int>();
        for (int i = 0; i < buffers.Count; i++) index[buffers[i].Id] = i;
        var root = new int[buffers.Count];
        var shift = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            int at = i;
            while (buffers[at].Alias is { } alias)
            {
                shift[i] += alias.Offset;
                at = index[alias.Owner];
            }
            root[i] = at;
        }
        return (root, shift);
    }

    // The steps and bytes (relative to the offset) a buffer occupies: its lifespan outside gaps with its whole
    // size, and each windowed gap with its window.
    private static List<(long From, long To, long Low, long High)> Pieces(Buffer b)
    {
        var pieces = new List<(long, long, long, long)>();
        long cursor = b.Lifespan.Lower;
        foreach (var gap in b.Gaps.OrderBy(g => g.Lifespan.Lower))
        {
            if (gap.Lifespan.Lower > cursor) pieces.Add((cursor, gap.Lifespan.Lower, 0, b.Size));
            if (gap.Window is { } w && w.Upper > w.Lower) pieces.Add((gap.Lifespan.Lower, gap.Lifespan.Upper, w.Lower, w.Upper));
            cursor = gap.Lifespan.Upper;
        }
        if (b.Lifespan.Upper > cursor) pieces.Add((cursor, b.Lifespan.Upper, 0, b.Size));
        return pieces;
    }
}
