using System.Text;

namespace MiniMalloc.Planning;

/// <summary>Small SVG element writers shared by both charts; every text goes through <see cref="ReportMarkup"/>.</summary>
internal static class ReportSvg
{
    /// <summary>Appends a rectangle, with a hover text when one is given (see <see cref="Hover"/>).</summary>
    public static StringBuilder Rect(this StringBuilder svg, double x, double y, double width, double height, string? cssClass = null,
        string? title = null, bool lazyTitle = false)
    {
        svg.Append("<rect");
        if (cssClass is not null) svg.Append(" class=\"").Append(cssClass).Append('"');
        svg.Append(" x=\"").Append(ReportText.Number(x))
            .Append("\" y=\"").Append(ReportText.Number(y))
            .Append("\" width=\"").Append(Size(width))
            .Append("\" height=\"").Append(Size(height)).Append('"');
        if (title is null) return svg.Append("/>\n");
        return svg.Hover(title, lazyTitle).Append(lazyTitle ? "/>\n" : "</rect>\n");
    }

    /// <summary>
    /// Ends an open start tag with a hover text: a <c>&lt;title&gt;</c> child (the tag is then left open), or, when
    /// <paramref name="lazy"/>, a <c>data-t</c> attribute (the tag is left unclosed) that the script turns into a
    /// title on hover. Chromium spends seconds on tens of thousands of title elements, so large plans use the latter.
    /// </summary>
    public static StringBuilder Hover(this StringBuilder svg, string title, bool lazy) => lazy
        ? svg.Append(" data-t=\"").AppendEscaped(title, inAttribute: true).Append('"')
        : svg.Append("><title>").AppendEscaped(title).Append("</title>");

    /// <summary>Appends a line from (x1, y1) to (x2, y2).</summary>
    public static StringBuilder Line(this StringBuilder svg, double x1, double y1, double x2, double y2, string cssClass) =>
        svg.Append("<line class=\"").Append(cssClass)
            .Append("\" x1=\"").Append(ReportText.Number(x1)).Append("\" y1=\"").Append(ReportText.Number(y1))
            .Append("\" x2=\"").Append(ReportText.Number(x2)).Append("\" y2=\"").Append(ReportText.Number(y2)).Append("\"/>\n");

    /// <summary>Appends a text; <paramref name="anchor"/> is "start" (default), "middle" or "end".</summary>
    public static StringBuilder Text(this StringBuilder svg, double x, double y, string cssClass, string text, string? anchor = null)
    {
        svg.Append("<text class=\"").Append(cssClass).Append("\" x=\"").Append(ReportText.Number(x))
            .Append("\" y=\"").Append(ReportText.Number(y)).Append('"');
        if (anchor is not null) svg.Append(" text-anchor=\"").Append(anchor).Append('"');
        return svg.Append('>').AppendEscaped(text).Append("</text>\n");
    }

    // Widths and heights below a pixel keep a third decimal, so thin slivers are not rounded away to nothing.
    private static string Size(double value) =>
        value is > 0 and < 1 ? Math.Round(value, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : ReportText.Number(value);
}
