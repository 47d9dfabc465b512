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
        var frame = new ReportChartFrame(context, "profile", context.ProfileScale, context.ProfileTop,
            context.Options.ProfileHeight, context.ProfileTopBytes, pixelsPerTick: 36);
        var scale = frame.Scale;
        double top = frame.Top, bottom = frame.Bottom;
        long peak = context.Profile.Peak;

        frame.Open(svg, "Live bytes per step (their maximum is the lower bound)");
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
        var lines = new List<ReportLine>();
        if (context.Capacity is { } cap && context.CapacityIsDrawn) lines.Add(new ReportLine(cap, "cap", "tcap", "capacity " + ReportText.Bytes(cap)));
        lines.Add(new ReportLine(peak, "lb", "tlb", "max live " + ReportText.Bytes(peak)));
        frame.Lines(svg, lines);
        frame.OverfullStep(svg);
        frame.Close(svg, axisTitle: "schedule step");
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
}
