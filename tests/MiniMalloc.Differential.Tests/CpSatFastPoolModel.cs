using Google.OrTools.Sat;

namespace MiniMalloc.Differential.Tests;

/// <summary>
/// A two-pool problem whose second pool holds every buffer at once (so that only the first pool's placement is a
/// question) as a CP-SAT model with addresses, written from the problem statement: per buffer a literal "in the
/// first pool" and an offset there; each kept buffer is a rectangle (its lifespan by its bytes), all of them in one
/// two-dimensional no-overlap constraint, with the live bytes at every step within the capacity as a redundant
/// cumulative constraint. The objective is the weight held in the second pool times its cost (the first pool's cost
/// times the rest). Buffers without gaps, aliases, fixed offsets or alignment. Sizes and the capacity are divided by
/// the greatest common divisor of the sizes (an exact rescaling), so that the model is smaller. A plan given as a hint
/// is the search's first solution.
/// </summary>
internal static class CpSatFastPoolModel
{
    public sealed record Outcome(CpSolverStatus Status, long? Cost, long CostBound, PoolSolution? Solution);

    public static Outcome Solve(PoolProblem problem, PoolSolution? hint, double seconds, int workers)
    {
        var buffers = problem.Buffers;
        var fast = problem.Pools[0];
        var slow = problem.Pools[1];
        int n = buffers.Count;
        if (buffers.Sum(b => b.Size) > slow.Capacity) throw new ArgumentException("the second pool must hold every buffer at once");
        if (buffers.Any(b => b.Gaps.Count > 0 || b.Alias is not null || b.Offset is not null || b.Alignment != 1) || fast.Alignment != 1 || slow.Alignment != 1)
        {
            throw new ArgumentException("buffers without gaps, aliases, fixed offsets or alignment only");
        }
        long unit = buffers.Aggregate(0L, (g, b) => Gcd(g, b.Size));
        long capacity = fast.Capacity / unit;
        var model = new CpModel();
        var kept = new BoolVar[n];
        var offsets = new IntVar[n];
        var rectangles = model.AddNoOverlap2D();
        var live = model.AddCumulative(capacity);
        var costs = new List<LinearExpr>();
        long constant = 0;
        for (int i = 0; i < n; i++)
        {
            var b = buffers[i];
            long size = b.Size / unit;
            kept[i] = model.NewBoolVar($"kept{i}");
            long costFast = problem.Weights[i] * fast.Cost, costSlow = problem.Weights[i] * slow.Cost;
            bool fastAllowed = (problem.AllowedPools[i] & 1UL) != 0 && size <= capacity;
            bool slowAllowed = (problem.AllowedPools[i] & 2UL) != 0;
            if (!fastAllowed) model.Add(kept[i] == 0);
            if (!slowAllowed) model.Add(kept[i] == 1);
            offsets[i] = model.NewIntVar(0, Math.Max(0, capacity - size), $"offset{i}");
            var time = model.NewOptionalFixedSizeIntervalVar(LinearExpr.Constant(b.Lifespan.Lower), b.Lifespan.Width, kept[i], $"time{i}");
            var space = model.NewOptionalFixedSizeIntervalVar(offsets[i], size, kept[i], $"space{i}");
            rectangles.AddRectangle(time, space);
            live.AddDemand(time, size);
            constant += costSlow;
            costs.Add(kept[i] * (costFast - costSlow));
            if (hint is not null)
            {
                model.AddHint(kept[i], hint.PoolOf[i] == 0 ? 1 : 0);
                if (hint.PoolOf[i] == 0) model.AddHint(offsets[i], hint.Offsets[i] / unit);
            }
        }
        model.Minimize(LinearExpr.Sum(costs) + constant);
        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{seconds} num_workers:{workers} random_seed:1" };
        var status = solver.Solve(model);
        long bound = (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return new Outcome(status, null, bound, null);
        // The plan: kept buffers at their offsets in the first pool, the others stacked in the second.
        var poolOf = new int[n];
        var at = new long[n];
        long stack = 0;
        for (int i = 0; i < n; i++)
        {
            if (solver.Value(kept[i]) == 1) at[i] = solver.Value(offsets[i]) * unit;
            else
            {
                poolOf[i] = 1;
                at[i] = stack;
                stack += buffers[i].Size;
            }
        }
        var solution = PoolSolution.From(problem, poolOf, at);
        return new Outcome(status, solution.Cost, bound, solution);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
