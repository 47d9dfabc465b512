using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// What both charts draw around their content: the title, the group that states the scale, the background, the
/// byte grid with its tick labels, the labelled horizontal lines (capacity, peak, lower bound), the over-full step,
/// the border and the step axis. A chart opens the frame, draws its content, and closes it.
/// </summary>
/// <remarks>
/// The line labels sit inside the plotting area, at its left end, just above their lines, on a white halo. A margin
/// right of the plot would put the numbers a reader looks for first at the edge of the page, where a window narrower
/// than the drawing cuts them off; the left end of the plot is on screen whenever the chart is.
/// </remarks>
internal sealed class ReportChartFrame
{
    /// <summary>From the plot's left edge to the labels' start.</summary>
    public const double LabelInset = 6;

    /// <summary>An upper bound on the width of one character of a label (11 px bold sans-serif).</summary>
    private const double LabelCharWidth = 6.5;

    /// <summary>From a line up to its label's baseline.</summary>
    private const double LabelLift = 4;

    /// <summary>From a line down to its label's baseline, for a line too close to the top for a label above it.</summary>
    private const double LabelDrop = 12;

    /// <summary>Baseline to baseline of two labels (11 px text and a little air).</summary>
    private const double LabelSpacing = 13;

    /// <summary>The highest baseline a label may have: its text stays below the plot's top border.</summary>
    private const double FirstBaseline = 12;

    /// <summary>The lowest baseline a label may have, above the bottom border (descenders included).</summary>
    private const double LastBaselineAboveBottom = 4;

    private readonly ReportContext _context;
    private readonly string _id;
    private readonly double _height;
    private readonly double _topBytes;
    private readonly double _pixelsPerTick;

    /// <param name="context">The report.</param>
    /// <param name="id">The id of the chart's group (<c>layout</c>, <c>profile</c>): tests find the scale there.</param>
    /// <param name="scale">Steps and bytes to pixels.</param>
    /// <param name="top">The y of the plot's top edge.</param>
    /// <param name="height">The plot's height.</param>
    /// <param name="topBytes">The bytes at the plot's top edge.</param>
    /// <param name="pixelsPerTick">About how many pixels apart the byte ticks are.</param>
    public ReportChartFrame(ReportContext context, string id, ReportScale scale, double top, double height, double topBytes, double pixelsPerTick)
    {
        Debug.Assert(Math.Abs(scale.Bottom - (top + height)) < 1e-6, "the scale's byte 0 is the plot's bottom edge");
        _context = context;
        _id = id;
        Scale = scale;
        Top = top;
        _height = height;
        _topBytes = topBytes;
        _pixelsPerTick = pixelsPerTick;
    }

    public ReportScale Scale { get; }
    public double Top { get; }
    public double Bottom => Scale.Bottom;
    public static double Left => ReportContext.Left;
    public double Right => _context.Right;
    private double Width => _context.Options.PlotWidth;

    /// <summary>Writes the title, opens the chart's group (stating the scale) and draws the background and grid.</summary>
    public void Open(StringBuilder svg, string title)
    {
        svg.Text(Left, Top - 14, "ct", title);
        // The scale is stated on the chart, so that a reader (or a test) can turn any rectangle back into steps and bytes.
        svg.Append("<g id=\"").Append(_id).Append("\" data-left=\"").Append(Exact(Scale.Left))
            .Append("\" data-first-step=\"").Append(ReportText.Integer(Scale.FirstStep))
            .Append("\" data-px-per-step=\"").Append(Exact(Scale.PixelsPerStep))
            .Append("\" data-bottom=\"").Append(Exact(Scale.Bottom))
            .Append("\" data-px-per-byte=\"").Append(Exact(Scale.PixelsPerByte)).Append("\">\n");
        svg.Rect(Left, Top, Width, _height, "bg");
        foreach (long bytes in ReportTicks.Binary((long)_topBytes, (int)(_height / _pixelsPerTick)))
        {
            double y = Scale.Y(bytes);
            svg.Line(Left, y, Right, y, "grid");
            svg.Text(Left - 6, y + 4, "tk", ReportText.Bytes(bytes), "end");
        }
    }

    /// <summary>
    /// Draws each line across the plot and its label at the plot's left end; a line without bytes is a note (a
    /// label only) at the top. Labels of lines closer than a text line are moved apart (a peak equal to its lower
    /// bound must not print both labels on top of each other), and none leaves the plot. Returns the right edge and
    /// the lowest baseline of the labels, for text that must stay clear of them.
    /// </summary>
    public (double Right, double LastBaseline) Lines(StringBuilder svg, IReadOnlyList<ReportLine> lines)
    {
        double first = Top + FirstBaseline;
        var lineYs = new double[lines.Count];
        var wanted = new double[lines.Count];
        for (int k = 0; k < lines.Count; k++)
        {
            if (lines[k].Bytes is { } bytes)
            {
                double y = Scale.Y(bytes);
                svg.Line(Left, y, Right, y, lines[k].LineClass);
                lineYs[k] = y;
                wanted[k] = y - LabelLift >= first ? y - LabelLift : y + LabelDrop;
            }
            else
            {
                lineYs[k] = double.NegativeInfinity;
                wanted[k] = first;
            }
        }
        var baselines = Baselines(lineYs, wanted, first, Bottom - LastBaselineAboveBottom, LabelSpacing);
        svg.Append("<g class=\"ll\">\n");
        double right = Left, lastBaseline = Top;
        for (int k = 0; k < lines.Count; k++)
        {
            svg.Text(Left + LabelInset, baselines[k], lines[k].LabelClass, lines[k].Label);
            right = Math.Max(right, Left + LabelInset + LabelCharWidth * ReportMarkup.DisplayLength(lines[k].Label));
            lastBaseline = Math.Max(lastBaseline, baselines[k]);
        }
        svg.Append("</g>\n");
        return (right, lastBaseline);
    }

    /// <summary>Marks the over-full step, if there is one, across the plot's height.</summary>
    public void OverfullStep(StringBuilder svg)
    {
        if (_context.OverfullStep is { } step)
        {
            svg.Rect(Scale.X(step), Top, Math.Max(1.5, Scale.PixelsPerStep), Bottom - Top, "of", OverfullText(_context, step));
        }
    }

    /// <summary>Draws the border and the step axis under it (with <paramref name="axisTitle"/>, if any), and closes the chart's group.</summary>
    public void Close(StringBuilder svg, string? axisTitle = null)
    {
        svg.Rect(Left, Top, Width, _height, "frame");
        foreach (long step in ReportTicks.Decimal(_context.FirstStep, _context.EndStep, _context.Options.PlotWidth / 110))
        {
            double x = Scale.X(step);
            svg.Line(x, Bottom, x, Bottom + 4, "axis");
            svg.Text(x, Bottom + 16, "tk", ReportText.Integer(step), "middle");
        }
        if (axisTitle is not null) svg.Text((Left + Right) / 2, Bottom + 34, "at", axisTitle, "middle");
        svg.Append("</g>\n");
    }

    /// <summary>The hover text of the over-full step.</summary>
    public static string OverfullText(ReportContext context, long step)
    {
        long live = context.Profile.At(step);
        return $"over-full at step {ReportText.Integer(step)}: {ReportText.BytesInFull(live)} live, capacity {ReportText.BytesInFull(context.Capacity ?? 0)}";
    }

    /// <summary>
    /// Baselines for the labels of lines at <paramref name="lineYs"/> that want to sit at <paramref name="wanted"/>
    /// (by index): in the lines' top-to-bottom order (ties keep the given order), each at least
    /// <paramref name="spacing"/> below the one before, all within [<paramref name="first"/>, <paramref name="last"/>]
    /// when they fit there.
    /// </summary>
    internal static double[] Baselines(IReadOnlyList<double> lineYs, IReadOnlyList<double> wanted, double first, double last, double spacing)
    {
        Debug.Assert(lineYs.Count == wanted.Count);
        int[] order = [.. Enumerable.Range(0, wanted.Count).OrderBy(k => lineYs[k]).ThenBy(k => k)];
        var placed = new double[wanted.Count];
        double previous = double.NegativeInfinity;
        foreach (int k in order)
        {
            placed[k] = Math.Max(Math.Max(wanted[k], first), previous + spacing);
            previous = placed[k];
        }
        // Pushed below the plot: move the lowest labels back up, as far as the ones above them allow.
        double next = double.PositiveInfinity;
        for (int i = order.Length - 1; i >= 0; i--)
        {
            int k = order[i];
            placed[k] = Math.Min(placed[k], Math.Min(last, next - spacing));
            next = placed[k];
        }
        return placed;
    }

    private static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
