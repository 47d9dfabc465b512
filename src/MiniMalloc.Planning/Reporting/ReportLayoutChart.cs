using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// The upper chart: each buffer's live pieces as rectangles (x: steps, y: bytes from its offset), with the
/// capacity, peak and lower-bound lines, the critical steps shaded and, for an infeasible problem, the over-full
/// step marked and the buffers of the infeasible subset outlined. An alias group is drawn as one shape, the bytes
/// its members occupy in its root's colour, with each member outlined inside it.
/// </summary>
internal static class ReportLayoutChart
{
    private const double LabelCharWidth = 6.2;
    private const double OverfullCharWidth = 7; // 11 px bold, an upper bound
    private const double LabelMinHeight = 12;
    private const int LabelMinChars = 5; // a shortened label shows at least four characters and the ellipsis
    private const int NamesPerMergedRectangle = 3;
    private const int MaxGapsListed = 4;

    /// <summary>What the chart drew.</summary>
    public readonly record struct Counts(int Pieces, int Drawn, int Merged, int MergedRectangles, int Labels);

    public static Counts Append(StringBuilder svg, ReportContext context)
    {
        var frame = new ReportChartFrame(context, "layout", context.LayoutScale, ReportContext.LayoutTop,
            context.Options.LayoutHeight, context.LayoutTopBytes, pixelsPerTick: 40);
        double top = frame.Top, bottom = frame.Bottom, left = ReportChartFrame.Left, right = frame.Right;

        if (context.IsSketch) svg.Text(right, top - 14, "banner", "NOT A VALID PLAN: " + SketchSource(context), "end");
        frame.Open(svg, "Memory layout: offset in bytes over schedule steps");
        AppendCriticalBands(svg, context, top, bottom);
        // Behind the buffers, so that the outlines of the infeasible subset stay visible across it.
        frame.OverfullStep(svg);
        var counts = AppendBuffers(svg, context);
        var labels = frame.Lines(svg, Lines(context));
        if (context.OverfullStep is { } marked)
        {
            // At the top of the step it names, unless the line labels are there: then under them.
            string text = "over-full step " + ReportText.Integer(marked);
            double halfWidth = OverfullCharWidth * text.Length / 2;
            double x = Math.Clamp(frame.Scale.X(marked), left + halfWidth, right - halfWidth);
            double y = x - halfWidth < labels.Right + 8 ? labels.LastBaseline + 15 : top + 14;
            svg.Text(x, y, "oft", text, "middle");
        }
        frame.Close(svg);
        return counts;
    }

    /// <summary>Where the sketch came from, for its banner.</summary>
    public static string SketchSource(ReportContext context) => context.Request.Sketch is null
        ? "best-fit decreasing placement, ignoring the capacity"
        : "sketch placement";

    private static void AppendCriticalBands(StringBuilder svg, ReportContext context, double top, double bottom)
    {
        if (context.Profile.Peak <= 0) return;
        svg.Append("<g class=\"crit\">\n");
        foreach (var bar in context.Bars)
        {
            if (bar.Value != context.Profile.Peak) continue;
            svg.Rect(bar.X0, top, Math.Max(1, bar.X1 - bar.X0), bottom - top, null,
                $"critical steps [{ReportText.Integer(bar.FirstStep)}, {ReportText.Integer(bar.EndStep)}): {ReportText.BytesInFull(bar.Value)} live, the most at any step", context.LazyTitles);
        }
        svg.Append("</g>\n");
    }

    private static Counts AppendBuffers(StringBuilder svg, ReportContext context)
    {
        var scale = context.LayoutScale;
        var buffers = context.Problem.Buffers;
        var thinner = new ReportPieceThinner(ReportContext.Left, context.Options.PlotWidth);
        var labels = new List<(double Area, int Buffer, double X, double Y, double Width, double Height)>();
        int pieces = 0, drawn = 0;
        svg.Append("<g id=\"buffers\">\n");
        for (int i = 0; i < buffers.Count; i++)
        {
            var buffer = buffers[i];
            if (context.Groups.RootOf(i) != i) continue; // drawn with its group
            var members = context.Groups.MembersOf(i);
            long offset = context.Placement.Offsets[i];
            bool inSubset = context.Subset.Contains(i);
            bool opened = false;
            (double Area, double X, double Y, double Width, double Height) largest = default;
            foreach (var (member, piece) in members.SelectMany(m => OccupiedPieces.Of(buffers[m]).Select(p => (m, p))))
            {
                long pieceOffset = context.Placement.Offsets[member];
                pieces++;
                double x = scale.X(piece.Steps.Lower), width = scale.Width(piece.Steps.Width);
                double y = scale.Y(pieceOffset + piece.Window.Upper), height = scale.Height(piece.Window.Size);
                // The infeasible subset is the point of the picture: its pieces are never merged away.
                if (!inSubset && ReportPieceThinner.IsTooSmall(width, height))
                {
                    thinner.Add(i, x, y, width, height);
                    continue;
                }
                if (!opened)
                {
                    svg.Append("<g class=\"").Append(inSubset ? "b s" : "b").Append("\" data-i=\"").Append(ReportText.Integer(i))
                        .Append("\" fill=\"").Append(ReportColors.Of(buffer.Id)).Append('"')
                        .Hover(BufferTitle(context, i, offset, inSubset), context.LazyTitles).Append(context.LazyTitles ? ">\n" : "\n");
                    opened = true;
                }
                svg.Rect(x, y, width, height);
                drawn++;
                if (width * height > largest.Area) largest = (width * height, x, y, width, height);
            }
            if (opened && members.Count > 1) AppendMemberOutlines(svg, context, members);
            if (opened) svg.Append("</g>\n");
            if (largest.Height >= LabelMinHeight && largest.Width >= LabelCharWidth * Math.Min(LabelMinChars, ReportMarkup.DisplayLength(context.Ids[i])) + 6)
            {
                labels.Add((largest.Area, i, largest.X, largest.Y, largest.Width, largest.Height));
            }
        }
        svg.Append("</g>\n");

        var merged = thinner.Merge(NamesPerMergedRectangle);
        if (merged.Count > 0)
        {
            svg.Append("<g id=\"merged\" class=\"m\">\n");
            foreach (var rectangle in merged)
            {
                svg.Append("<rect data-m=\"").Append(ReportText.Integer(rectangle.Count)).Append("\" x=\"")
                    .Append(ReportText.Number(ReportContext.Left + rectangle.Column)).Append("\" y=\"").Append(ReportText.Integer(rectangle.Top))
                    .Append("\" width=\"1\" height=\"").Append(ReportText.Integer(rectangle.Bottom - rectangle.Top)).Append('"')
                    .Hover(MergedTitle(rectangle, context.Ids), context.LazyTitles).Append(context.LazyTitles ? "/>\n" : "</rect>\n");
            }
            svg.Append("</g>\n");
        }

        int labelled = AppendLabels(svg, context, labels);
        return new Counts(pieces, drawn, thinner.Count, merged.Count, labelled);
    }

    // Each member of an alias group outlined inside the group's shape, with its own hover text.
    private static void AppendMemberOutlines(StringBuilder svg, ReportContext context, IReadOnlyList<int> members)
    {
        var scale = context.LayoutScale;
        foreach (int m in members)
        {
            var buffer = context.Problem.Buffers[m];
            long offset = context.Placement.Offsets[m];
            svg.Append("<g class=\"mo\" data-member=\"").Append(ReportText.Integer(m)).Append('"')
                .Hover(BufferTitle(context, m, offset, inSubset: false), context.LazyTitles).Append(context.LazyTitles ? ">\n" : "\n");
            foreach (var piece in OccupiedPieces.Of(buffer))
            {
                svg.Rect(scale.X(piece.Steps.Lower), scale.Y(offset + piece.Window.Upper), scale.Width(piece.Steps.Width), scale.Height(piece.Window.Size));
            }
            svg.Append("</g>\n");
        }
    }

    private static int AppendLabels(StringBuilder svg, ReportContext context, List<(double Area, int Buffer, double X, double Y, double Width, double Height)> candidates)
    {
        var chosen = candidates.OrderByDescending(c => c.Area).ThenBy(c => c.Buffer).Take(context.Options.MaxLabels).OrderBy(c => c.Buffer).ToList();
        svg.Append("<g id=\"labels\">\n");
        foreach (var label in chosen)
        {
            string id = context.Ids[label.Buffer];
            int fits = (int)((label.Width - 6) / LabelCharWidth);
            string text = ReportMarkup.DisplayLength(id) <= fits ? id : ReportMarkup.Prefix(id, fits - 1) + "\u2026";
            svg.Text(label.X + 3, label.Y + label.Height / 2 + 3.5, "l", text);
        }
        svg.Append("</g>\n");
        return chosen.Count;
    }

    private static List<ReportLine> Lines(ReportContext context)
    {
        var lines = new List<ReportLine>();
        if (context.Capacity is { } capacity)
        {
            lines.Add(context.CapacityIsDrawn
                ? new ReportLine(capacity, "cap", "tcap", "capacity " + ReportText.Bytes(capacity))
                : new ReportLine(null, "cap", "tcap", "capacity " + ReportText.Bytes(capacity) + " (off the chart)"));
        }
        if (context.Problem.Buffers.Count > 0)
        {
            lines.Add(new ReportLine(context.Height, "peak", "tpeak", (context.IsSketch ? "sketch peak " : "peak ") + ReportText.Bytes(context.Height)));
        }
        lines.Add(new ReportLine(context.LowerBound, "lb", "tlb", "lower bound " + ReportText.Bytes(context.LowerBound)));
        return lines;
    }

    private static string BufferTitle(ReportContext context, int index, long offset, bool inSubset)
    {
        var buffer = context.Problem.Buffers[index];
        var text = new StringBuilder();
        text.Append(context.Ids[index]).Append('\n')
            .Append("offset ").Append(ReportText.Integer(offset)).Append(" to ").Append(ReportText.Integer(offset + buffer.Size))
            .Append(", size ").Append(ReportText.BytesInFull(buffer.Size)).Append('\n')
            .Append("lifespan [").Append(ReportText.Integer(buffer.Lifespan.Lower)).Append(", ").Append(ReportText.Integer(buffer.Lifespan.Upper))
            .Append("), alignment ").Append(ReportText.Integer(buffer.Alignment));
        if (buffer.Offset is not null) text.Append(", fixed offset");
        if (buffer.Gaps.Count > 0)
        {
            text.Append("\ngaps ");
            for (int g = 0; g < buffer.Gaps.Count && g < MaxGapsListed; g++)
            {
                var gap = buffer.Gaps[g];
                if (g > 0) text.Append(", ");
                text.Append('[').Append(ReportText.Integer(gap.Lifespan.Lower)).Append(", ").Append(ReportText.Integer(gap.Lifespan.Upper)).Append(')');
                if (gap.Window is { } w) text.Append(" window [").Append(ReportText.Integer(w.Lower)).Append(", ").Append(ReportText.Integer(w.Upper)).Append(')');
            }
            if (buffer.Gaps.Count > MaxGapsListed) text.Append(", and ").Append(ReportText.Integer(buffer.Gaps.Count - MaxGapsListed)).Append(" more");
        }
        if (buffer.Alias is { } alias)
        {
            text.Append("\nalias of ").Append(ReportMarkup.Visible(alias.Owner)).Append(" from its byte ").Append(ReportText.Integer(alias.Offset)).Append(" (shares its bytes)");
        }
        else if (context.Groups.MembersOf(index) is { Count: > 1 } members)
        {
            var aliases = members.Where(m => m != index).ToList();
            text.Append("\nshares its bytes with ").Append(ReportText.Integer(aliases.Count)).Append(aliases.Count == 1 ? " alias: " : " aliases: ")
                .AppendJoin(", ", aliases.Take(MaxGapsListed).Select(m => context.Ids[m]));
            if (aliases.Count > MaxGapsListed) text.Append(", and ").Append(ReportText.Integer(aliases.Count - MaxGapsListed)).Append(" more");
        }
        if (inSubset) text.Append("\nin the infeasible subset");
        return text.ToString();
    }

    private static string MergedTitle(ReportPieceThinner.Merged rectangle, IReadOnlyList<string> ids)
    {
        var text = new StringBuilder();
        text.Append(rectangle.Count.ToString(CultureInfo.InvariantCulture))
            .Append(rectangle.Count == 1 ? " piece" : " pieces").Append(" smaller than a pixel, of ");
        for (int k = 0; k < rectangle.Buffers.Count; k++)
        {
            if (k > 0) text.Append(", ");
            string id = ids[rectangle.Buffers[k]];
            text.Append(ReportMarkup.DisplayLength(id) <= 40 ? id : ReportMarkup.Prefix(id, 39) + "\u2026");
        }
        if (rectangle.MoreBuffers) text.Append(" and others");
        return text.ToString();
    }
}
