using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// The lower chart: total live bytes per step against the capacity. Steps where the live total exceeds the
/// capacity are filled red (no placement can fit there); steps at the maximum live total, which set the lower
/// bound on any plan's height, are marked orange.
/// </summary>
internal static class ReportProfileChart
{
    private const double MarkerHeight = 5;

    public static void Append(StringBuilder svg, ReportContext context)
    {
        var scale = context.ProfileScale;
        double top = context.ProfileTop, bottom = scale.Bottom, left = ReportContext.Left, right = context.Right;
        long peak = context.Profile.Peak;

        svg.Text(left, top - 14, "ct", "Live bytes per step (their maximum is the lower bound)");
        svg.Append("<g id=\"profile\" data-left=\"").Append(Exact(scale.Left))
            .Append("\" data-first-step=\"").Append(ReportText.Integer(scale.FirstStep))
            .Append("\" data-px-per-step=\"").Append(Exact(scale.PixelsPerStep))
            .Append("\" data-bottom=\"").Append(Exact(scale.Bottom))
            .Append("\" data-px-per-byte=\"").Append(Exact(scale.PixelsPerByte)).Append("\">\n");
        svg.Rect(left, top, context.Options.PlotWidth, context.Options.ProfileHeight, "bg");
        foreach (long bytes in ReportTicks.Binary((long)context.ProfileTopBytes, context.Options.ProfileHeight / 36))
        {
            double y = scale.Y(bytes);
            svg.Line(left, y, right, y, "grid");
            svg.Text(left - 6, y + 4, "tk", ReportText.Bytes(bytes), "end");
        }
        AppendArea(svg, context, bottom);
        if (context.Capacity is { } capacity && context.CapacityIsDrawn)
        {
            svg.Append("<g class=\"over\">\n");
            foreach (var bar in context.Bars)
            {
                if (bar.Value <= capacity) continue;
                svg.Rect(bar.X0, scale.Y(bar.Value), Math.Max(1, bar.X1 - bar.X0), scale.Height(bar.Value - capacity), null,
                    $"steps [{ReportText.Integer(bar.FirstStep)}, {ReportText.Integer(bar.EndStep)}): {ReportText.BytesInFull(bar.Value)} live, over the capacity by {ReportText.BytesInFull(bar.Value - capacity)}", context.LazyTitles);
            }
            svg.Append("</g>\n");
        }
        if (peak > 0)
        {
            svg.Append("<g class=\"critmark\">\n");
            foreach (var bar in context.Bars)
            {
                if (bar.Value != peak) continue;
                svg.Rect(bar.X0, top, Math.Max(1, bar.X1 - bar.X0), MarkerHeight, null,
                    $"critical steps [{ReportText.Integer(bar.FirstStep)}, {ReportText.Integer(bar.EndStep)}): {ReportText.BytesInFull(peak)} live", context.LazyTitles);
            }
            svg.Append("</g>\n");
        }
        var labels = new List<(double Y, string CssClass, string Text)>();
        if (context.Capacity is { } cap && context.CapacityIsDrawn)
        {
            svg.Line(left, scale.Y(cap), right, scale.Y(cap), "cap");
            labels.Add((scale.Y(cap), "tcap", "capacity " + ReportText.Bytes(cap)));
        }
        svg.Line(left, scale.Y(peak), right, scale.Y(peak), "lb");
        labels.Add((scale.Y(peak), "tlb", "max live " + ReportText.Bytes(peak)));
        svg.MarginLabels(labels, right + 8);
        if (context.OverfullStep is { } step)
        {
            svg.Rect(scale.X(step), top, Math.Max(1.5, scale.PixelsPerStep), bottom - top, "of", ReportLayoutChart.OverfullText(context, step));
        }
        svg.Rect(left, top, context.Options.PlotWidth, context.Options.ProfileHeight, "frame");
        ReportLayoutChart.AppendStepAxis(svg, context, scale, bottom);
        svg.Text((left + right) / 2, bottom + 34, "at", "schedule step", "middle");
        svg.Append("</g>\n");
    }

    // One closed path under the step function: a single element however many bars there are.
    private static void AppendArea(StringBuilder svg, ReportContext context, double bottom)
    {
        if (context.Bars.Count == 0) return;
        var scale = context.ProfileScale;
        svg.Append("<path class=\"live\" d=\"M").Append(ReportText.Number(context.Bars[0].X0)).Append(',').Append(ReportText.Number(bottom));
        double x = context.Bars[0].X0;
        foreach (var bar in context.Bars)
        {
            if (bar.X0 != x) svg.Append('V').Append(ReportText.Number(bottom)).Append('H').Append(ReportText.Number(bar.X0));
            svg.Append('V').Append(ReportText.Number(scale.Y(bar.Value))).Append('H').Append(ReportText.Number(bar.X1));
            x = bar.X1;
        }
        svg.Append('V').Append(ReportText.Number(bottom)).Append("Z\"/>\n");
    }

    private static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
