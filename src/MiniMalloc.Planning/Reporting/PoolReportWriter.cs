using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// Draws a pool plan as one self-contained HTML page: the cost beside its lower bound, a table of the pools, the
/// buffers that were spilled (held in a slower pool than the fastest they may go to) with why (the steps of their
/// lifespan at which the faster pool is busy), and one chart per pool (its layout over time above its live bytes,
/// drawn as <see cref="PlanReportWriter"/> draws one arena). Deterministic, like every output.
/// </summary>
internal static class PoolReportWriter
{
    /// <summary>At most this many spilled buffers are listed (the rest are counted).</summary>
    public const int MaxSpilledListed = 200;

    /// <summary>The page; without a plan, the reason and the pools' sizes.</summary>
    public static string Render(string title, string? modelName, PoolProblem problem, PoolSolution? solution, long? costLowerBound,
        PoolInfeasibility? infeasibility)
    {
        var html = new StringBuilder(2048 + problem.Buffers.Count * 300);
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"generator\" content=\"MiniMalloc.Planning pool plan report\"/>\n")
            .Append("<title>").AppendEscaped(ReportMarkup.Visible(title)).Append(" - memory plan in pools</title>\n")
            .Append("<style>\n").Append(ReportAssets.Style.ReplaceLineEndings("\n")).Append("\n</style>\n</head>\n")
            .Append("<body class=\"").Append(solution is null ? "infeasible" : "feasible").Append("\">\n<h1>").AppendEscaped(ReportMarkup.Visible(title)).Append("</h1>\n");
        if (solution is null)
        {
            html.Append("<p class=\"verdict bad\">No plan: ").AppendEscaped(infeasibility?.Message ?? "the planner found none within its budget").Append("</p>\n");
        }
        else
        {
            long bound = costLowerBound ?? 0;
            html.Append("<p class=\"verdict ok\">Plan: cost ").Append(ReportText.Integer(solution.Cost)).Append(" (the sum of weight x pool cost); lower bound ")
                .Append(ReportText.Integer(bound)).Append(solution.Cost <= bound ? ": no plan costs less." : ".").Append("</p>\n");
        }
        html.Append("<table class=\"facts\">\n");
        if (modelName is not null) Row(html, "Model", ReportMarkup.Visible(modelName));
        Row(html, "Buffers", ReportText.Integer(problem.Buffers.Count));
        for (int p = 0; p < problem.Pools.Count; p++)
        {
            var pool = problem.Pools[p];
            string used = solution is null ? "" : ReportText.Integer(solution.PoolOf.Count(q => q == p)) + " buffers, peak " + ReportText.BytesInFull(solution.Heights[p]) + " of ";
            Row(html, "Pool " + ReportMarkup.Visible(pool.Name), used + ReportText.BytesInFull(pool.Capacity) + ", cost " + ReportText.Integer(pool.Cost) + " per unit of weight");
        }
        html.Append("</table>\n");
        if (solution is not null)
        {
            AppendSpilled(html, problem, solution);
            // The script (shared with the one-arena page) shows the hovered buffer in #info, for every chart inside #plan.
            html.Append("<p id=\"info\">Hover a rectangle to see its buffer.</p>\n<div id=\"plan\">\n");
            for (int p = 0; p < problem.Pools.Count; p++) AppendChart(html, problem, solution, p);
            html.Append("</div>\n");
        }
        html.Append("<p class=\"help\">Each chart is one pool: each rectangle is a buffer while it is live, from its first step (left) to its last (right), ")
            .Append("from its offset in the pool's arena (bottom) up by its size; below it, the pool's live bytes per step.</p>\n");
        html.Append("<script>\n").Append(ReportAssets.Script.ReplaceLineEndings("\n")).Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The buffers held in a slower pool than the fastest they may go to, each with the steps at which that faster
    /// pool is too busy for it (its live bytes plus the buffer's size exceed its capacity), or, when no step is,
    /// that the faster pool has no free offset for it over its whole lifespan (or it is cheaper elsewhere).
    /// </summary>
    private static void AppendSpilled(StringBuilder html, PoolProblem problem, PoolSolution solution)
    {
        var profiles = Enumerable.Range(0, problem.Pools.Count)
            .Select(p => LiveProfile.Of(problem.Buffers.Where((_, i) => solution.PoolOf[i] == p).ToList())).ToList();
        var spilled = new List<(int Buffer, int Fastest)>();
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            int fastest = System.Numerics.BitOperations.TrailingZeroCount(problem.AllowedPools[i]);
            if (solution.PoolOf[i] > fastest && problem.Buffers[i].Alias is null) spilled.Add((i, fastest));
        }
        html.Append("<h2>Spilled: ").Append(ReportText.Integer(spilled.Count)).Append(spilled.Count == 1 ? " buffer" : " buffers").Append(" not in the fastest pool allowed</h2>\n");
        if (spilled.Count == 0) return;
        html.Append("<table class=\"facts spilled\">\n<tr><th>Buffer</th><th>Size</th><th>Held in</th><th>Why not in the faster pool</th></tr>\n");
        foreach (var (i, fastest) in spilled.Take(MaxSpilledListed))
        {
            var buffer = problem.Buffers[i];
            var pool = problem.Pools[fastest];
            var busy = BusySteps(profiles[fastest], buffer, pool.Capacity);
            string why = busy.Count > 0
                ? ReportMarkup.Visible(pool.Name) + " is busy at steps " + string.Join(", ", busy.Take(8).Select(s => ReportText.Integer(s.Step) + " (" + ReportText.BytesInFull(s.Live) + " live)"))
                  + (busy.Count > 8 ? " and " + ReportText.Integer(busy.Count - 8) + " more" : "") + ": with " + ReportText.BytesInFull(buffer.Size) + " more it would exceed " + ReportText.BytesInFull(pool.Capacity)
                : ReportMarkup.Visible(pool.Name) + " has no free offset for it over its whole lifespan (the live buffers leave holes), or the planner found a cheaper plan with it here";
            html.Append("<tr><td>").AppendEscaped(ReportMarkup.Visible(buffer.Id)).Append("</td><td>").Append(ReportText.Integer(buffer.Size))
                .Append("</td><td>").AppendEscaped(ReportMarkup.Visible(problem.Pools[solution.PoolOf[i]].Name)).Append("</td><td>").AppendEscaped(why).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
        if (spilled.Count > MaxSpilledListed) html.Append("<p>and ").Append(ReportText.Integer(spilled.Count - MaxSpilledListed)).Append(" more.</p>\n");
    }

    /// <summary>The steps of <paramref name="buffer"/>'s lifespan at which the pool's live bytes leave less room than its size.</summary>
    public static List<(long Step, long Live)> BusySteps(LiveProfile profile, Buffer buffer, long capacity)
    {
        var busy = new List<(long, long)>();
        for (int k = 0; k < profile.Steps.Count; k++)
        {
            long step = profile.Steps[k];
            long end = k + 1 < profile.Steps.Count ? profile.Steps[k + 1] : long.MaxValue;
            if (end <= buffer.Lifespan.Lower || step >= buffer.Lifespan.Upper) continue;
            long live = profile.LiveBytes[k];
            if (live + buffer.Size > capacity) busy.Add((Math.Max(step, buffer.Lifespan.Lower), live));
        }
        return busy;
    }

    private static void AppendChart(StringBuilder html, PoolProblem problem, PoolSolution solution, int p)
    {
        var indices = Enumerable.Range(0, problem.Buffers.Count).Where(i => solution.PoolOf[i] == p).ToList();
        var pool = problem.Pools[p];
        html.Append("<h2>Pool ").AppendEscaped(ReportMarkup.Visible(pool.Name)).Append("</h2>\n");
        if (indices.Count == 0)
        {
            html.Append("<p>No buffer is held in this pool.</p>\n");
            return;
        }
        var mine = new Problem(indices.Select(i => problem.Buffers[i]).ToList(), pool.Capacity);
        var placement = new Solution(indices.Select(i => solution.Offsets[i]).ToList(), solution.Heights[p]);
        var context = new ReportContext(new PlanReportRequest(pool.Name, mine) { Solution = placement, Capacity = pool.Capacity }, new PlanReportOptions(), placement);
        html.Append("<svg id=\"pool-").Append(ReportText.Integer(p)).Append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(ReportText.Number(context.SvgWidth))
            .Append("\" height=\"").Append(ReportText.Number(context.SvgHeight)).Append("\" viewBox=\"0 0 ")
            .Append(ReportText.Number(context.SvgWidth)).Append(' ').Append(ReportText.Number(context.SvgHeight))
            .Append("\" role=\"img\" aria-label=\"memory layout and live bytes per step of one pool\">\n");
        ReportLayoutChart.Append(html, context);
        ReportProfileChart.Append(html, context);
        html.Append("</svg>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").AppendEscaped(name).Append("</th><td>").AppendEscaped(value).Append("</td></tr>\n");
}
