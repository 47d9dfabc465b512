using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// The whole page: head with the inline style, the verdict and a table of facts, the two charts in one SVG, a
/// short guide and the inline script. The markup is XHTML-compatible (every element closed, every text escaped),
/// so both browsers and XML parsers read it.
/// </summary>
internal static class ReportPage
{
    private const int SubsetIdsListed = 12;

    public static (string Html, PlanReportStatistics Statistics) Render(ReportContext context)
    {
        var request = context.Request;
        var html = new StringBuilder(1024 + context.Problem.Buffers.Count * 220);
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<meta name=\"generator\" content=\"MiniMalloc.Planning plan report\"/>\n")
            .Append("<title>").AppendEscaped(context.Title).Append(" - memory plan</title>\n")
            .Append("<style>\n").Append(ReportAssets.Style.ReplaceLineEndings("\n")).Append("\n</style>\n</head>\n");
        html.Append("<body class=\"").Append(BodyClass(context)).Append("\">\n")
            .Append("<h1>").AppendEscaped(context.Title).Append("</h1>\n");
        AppendVerdict(html, context);
        AppendFacts(html, context, out int factsInsertAt);
        html.Append("<p id=\"info\">Hover a rectangle to see its buffer.</p>\n");

        html.Append("<svg id=\"plan\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(ReportText.Number(context.SvgWidth))
            .Append("\" height=\"").Append(ReportText.Number(context.SvgHeight)).Append("\" viewBox=\"0 0 ")
            .Append(ReportText.Number(context.SvgWidth)).Append(' ').Append(ReportText.Number(context.SvgHeight))
            .Append("\" role=\"img\" aria-label=\"memory layout and live bytes per step\">\n");
        var counts = ReportLayoutChart.Append(html, context);
        ReportProfileChart.Append(html, context);
        html.Append("</svg>\n");

        html.Append("<p class=\"help\">Each rectangle is a buffer while it is live: from its first step (left) to its last (right), ")
            .Append("from its offset (bottom) up by its size. Holes are gaps in a buffer's lifespan; a gap with a window is drawn as that window. ")
            .Append("Grey one-pixel columns stand for pieces smaller than a pixel in both directions, merged. Orange steps hold the most live bytes: ")
            .Append("they set the lower bound, no plan is lower. Red in the lower chart is more live bytes than the capacity. ")
            .Append("Zoom the page to see small buffers; hover one for its details.</p>\n");
        html.Append("<script>\n").Append(ReportAssets.Script.ReplaceLineEndings("\n")).Append("\n</script>\n</body>\n</html>\n");

        // The drawing counts are known only once the chart is drawn, but belong in the facts above it.
        html.Insert(factsInsertAt, DrawingRow(counts));
        var statistics = new PlanReportStatistics(context.Problem.Buffers.Count, counts.Pieces, counts.Drawn, counts.Merged,
            counts.MergedRectangles, counts.Labels, context.IsSketch);
        return (html.ToString(), statistics);
    }

    private static string BodyClass(ReportContext context) =>
        context.Request.Explanation is not null ? "infeasible" : context.IsSketch ? "sketch" : "feasible";

    private static void AppendVerdict(StringBuilder html, ReportContext context)
    {
        var request = context.Request;
        string capacity = context.Capacity is { } c ? ReportText.BytesInFull(c) : "no capacity";
        if (!context.IsSketch)
        {
            string optimal = context.Height <= context.LowerBound ? " It equals the lower bound: no plan is lower." : "";
            // The writer draws what it is given; it still says so when a "plan" does not fit its capacity.
            bool fits = context.Capacity is not { } limit || context.Height <= limit;
            html.Append(fits ? "<p class=\"verdict ok\">Plan: peak " : "<p class=\"verdict bad\">Plan: peak ").AppendEscaped(ReportText.BytesInFull(context.Height));
            if (context.Capacity is not null) html.Append(fits ? " within " : " exceeds the capacity, ").AppendEscaped(capacity);
            html.Append('.').AppendEscaped(optimal).Append("</p>\n");
        }
        else if (request.Explanation is { } explanation)
        {
            html.Append("<p class=\"verdict bad\">Infeasible: the buffers do not fit in ").AppendEscaped(capacity).Append(". ");
            if (context.OverfullStep is { } step)
            {
                html.Append("At step ").Append(ReportText.Integer(step)).Append(", ").AppendEscaped(ReportText.BytesInFull(context.Profile.At(step)))
                    .Append(" are live at once.");
            }
            else
            {
                html.Append("No step holds more live bytes than that: the highlighted buffers cannot be packed together (their sizes, lifespans and alignments leave holes).");
            }
            html.Append(" The picture is not a valid plan; the ").Append(ReportText.Integer(explanation.Subset.Count))
                .Append(" outlined buffers form the infeasible subset.</p>\n");
        }
        else
        {
            html.Append("<p class=\"verdict warn\">No plan. The picture is a sketch (").AppendEscaped(ReportLayoutChart.SketchSource(context))
                .Append("), not a valid plan.</p>\n");
        }
    }

    private static void AppendFacts(StringBuilder html, ReportContext context, out int drawingRowAt)
    {
        var request = context.Request;
        html.Append("<table class=\"facts\">\n");
        if (request.ModelName is { } name) Row(html, "Model", ReportMarkup.Visible(name));
        Row(html, "Buffers", ReportText.Integer(context.Problem.Buffers.Count) + " buffers, over steps ["
            + ReportText.Integer(context.FirstStep) + ", " + ReportText.Integer(context.EndStep) + ")");
        Row(html, context.IsSketch ? "Sketch peak" : "Peak", ReportText.BytesInFull(context.Height));
        string boundSource = request.LowerBound is { } given && given > context.Profile.Peak
            ? "proved by the search" : "the most bytes live at one step, first at step " + ReportText.Integer(context.Profile.PeakStep);
        Row(html, "Lower bound", ReportText.BytesInFull(context.LowerBound) + ": " + boundSource);
        if (!context.IsSketch && context.LowerBound > 0)
        {
            double above = (context.Height - context.LowerBound) * 100.0 / context.LowerBound;
            Row(html, "Above the bound", above.ToString("0.##", CultureInfo.InvariantCulture) + " %");
        }
        Row(html, "Capacity", context.Capacity is { } c
            ? ReportText.BytesInFull(c) + (context.CapacityIsDrawn ? "" : ", far above the plan: not drawn to scale")
            : "none given");
        if (context.OverfullStep is { } step) Row(html, "Over-full step", ReportChartFrame.OverfullText(context, step));
        if (request.Explanation is { } explanation)
        {
            var ids = new StringBuilder();
            for (int k = 0; k < explanation.Subset.Count && k < SubsetIdsListed; k++)
            {
                if (k > 0) ids.Append(", ");
                ids.Append(context.Ids[explanation.Subset[k]]);
            }
            if (explanation.Subset.Count > SubsetIdsListed) ids.Append(", and ").Append(ReportText.Integer(explanation.Subset.Count - SubsetIdsListed)).Append(" more");
            ids.Append(explanation.IsIrreducible ? " (irreducible: without any one of them the rest fit)" : " (not reduced further: the time limit ran out)");
            Row(html, "Infeasible subset", ReportText.Integer(explanation.Subset.Count) + " buffers: " + ids);
        }
        drawingRowAt = html.Length;
        foreach (string note in request.Notes) Row(html, "Note", ReportMarkup.Visible(note));
        html.Append("</table>\n");
    }

    private static string DrawingRow(ReportLayoutChart.Counts counts)
    {
        string text = ReportText.Integer(counts.Pieces) + " live pieces: " + ReportText.Integer(counts.Drawn) + " drawn";
        if (counts.Merged > 0)
        {
            text += ", " + ReportText.Integer(counts.Merged) + " smaller than a pixel merged into " + ReportText.Integer(counts.MergedRectangles) + " grey columns";
        }
        return Row(new StringBuilder(), "Drawing", text).ToString();
    }

    private static StringBuilder Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").AppendEscaped(name).Append("</th><td>").AppendEscaped(value).Append("</td></tr>\n");
}
