using Google.OrTools.Sat;

namespace MiniMalloc.Differential.Tests;

/// <summary>
/// The pool problem as a CP-SAT model, written from the problem statement alone (nothing of the planner is
/// reused): per buffer and allowed pool a literal (exactly one is true) and an offset variable, a multiple of both
/// alignments within that pool's capacity (or the fixed offset); for every two occupied pieces live at a common step
/// and every pool both may go to, when both are in that pool one lies wholly below the other. The objective is the
/// sum of weight times pool cost. Problems without aliases.
/// </summary>
internal static class CpSatPoolPlanner
{
    public enum Verdict { Optimal, Infeasible, Unknown }

    public static (Verdict Verdict, long Cost) MinimalCost(PoolProblem problem, double seconds)
    {
        var buffers = problem.Buffers;
        var pools = problem.Pools;
        int n = buffers.Count;
        var model = new CpModel();
        var inPool = new BoolVar?[n, pools.Count];
        var offset = new LinearExpr?[n, pools.Count];
        var cost = new List<LinearExpr>();
        for (int i = 0; i < n; i++)
        {
            var b = buffers[i];
            var choices = new List<ILiteral>();
            for (int p = 0; p < pools.Count; p++)
            {
                if ((problem.AllowedPools[i] & (1UL << p)) == 0) continue;
                long alignment = Lcm(b.Alignment, pools[p].Alignment);
                long room = pools[p].Capacity - b.Size;
                if (room < 0) continue;
                if (b.Offset is { } fixedOffset && (fixedOffset % alignment != 0 || fixedOffset > room)) continue;
                var literal = model.NewBoolVar($"x{i}_{p}");
                inPool[i, p] = literal;
                choices.Add(literal);
                offset[i, p] = b.Offset is { } o ? LinearExpr.Constant(o) : model.NewIntVar(0, room / alignment, $"k{i}_{p}") * alignment;
                cost.Add(literal * (problem.Weights[i] * pools[p].Cost));
            }
            if (choices.Count == 0) return (Verdict.Infeasible, 0);
            model.AddExactlyOne(choices);
        }
        var pieces = buffers.Select(Pieces).ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                foreach (var (from1, to1, low1, high1) in pieces[i])
                {
                    foreach (var (from2, to2, low2, high2) in pieces[j])
                    {
                        if (to1 <= from2 || to2 <= from1) continue;
                        for (int p = 0; p < pools.Count; p++)
                        {
                            if (inPool[i, p] is not { } a || inPool[j, p] is not { } c) continue;
                            var iBelow = model.NewBoolVar($"below_{i}_{j}_{p}");
                            model.Add(offset[i, p]! + high1 <= offset[j, p]! + low2).OnlyEnforceIf([iBelow, a, c]);
                            model.Add(offset[j, p]! + high2 <= offset[i, p]! + low1).OnlyEnforceIf([iBelow.Not(), a, c]);
                        }
                    }
                }
            }
        }
        model.Minimize(LinearExpr.Sum(cost));
        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{seconds} num_workers:1 random_seed:1" };
        var status = solver.Solve(model);
        return status switch
        {
            CpSolverStatus.Optimal => (Verdict.Optimal, (long)Math.Round(solver.ObjectiveValue)),
            CpSolverStatus.Infeasible => (Verdict.Infeasible, 0),
            _ => (Verdict.Unknown, 0),
        };
    }

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }

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
