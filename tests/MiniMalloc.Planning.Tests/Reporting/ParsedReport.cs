using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace MiniMalloc.Planning.Tests.Reporting;

/// <summary>A report read back as XML, with the layout chart's scale, so tests can turn rectangles back into steps and bytes.</summary>
internal sealed class ParsedReport
{
    public static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private ParsedReport(XDocument document)
    {
        Document = document;
        Layout = ById("layout");
        Left = Attribute(Layout, "data-left");
        FirstStep = long.Parse(Layout.Attribute("data-first-step")!.Value, CultureInfo.InvariantCulture);
        PixelsPerStep = Attribute(Layout, "data-px-per-step");
        Bottom = Attribute(Layout, "data-bottom");
        PixelsPerByte = Attribute(Layout, "data-px-per-byte");
    }

    /// <summary>Parses <paramref name="html"/> as XML (the report promises XHTML-compatible markup); throws when it is not well formed.</summary>
    public static ParsedReport Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return new ParsedReport(XDocument.Load(reader));
    }

    public XDocument Document { get; }
    public XElement Layout { get; }
    public double Left { get; }
    public long FirstStep { get; }
    public double PixelsPerStep { get; }
    public double Bottom { get; }
    public double PixelsPerByte { get; }

    /// <summary>The group of each buffer drawn, by buffer index.</summary>
    public IReadOnlyDictionary<int, XElement> BufferGroups => ById("buffers").Elements(Svg + "g")
        .ToDictionary(g => int.Parse(g.Attribute("data-i")!.Value, CultureInfo.InvariantCulture));

    /// <summary>The merged grey rectangles (none when nothing was too small).</summary>
    public IReadOnlyList<XElement> MergedRectangles =>
        Document.Descendants(Svg + "g").FirstOrDefault(g => (string?)g.Attribute("id") == "merged")?.Elements(Svg + "rect").ToList() ?? [];

    public XElement ById(string id) => Document.Descendants().Single(e => (string?)e.Attribute("id") == id);

    public static double Attribute(XElement element, string name) =>
        double.Parse(element.Attribute(name)!.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A rectangle turned back into the plan: steps [lower, upper) and bytes [lower, upper), as reals.</summary>
    public (double StepLower, double StepUpper, double ByteLower, double ByteUpper) Invert(XElement rect)
    {
        double x = Attribute(rect, "x"), y = Attribute(rect, "y"), width = Attribute(rect, "width"), height = Attribute(rect, "height");
        double stepLower = FirstStep + (x - Left) / PixelsPerStep;
        double byteUpper = (Bottom - y) / PixelsPerByte;
        return (stepLower, stepLower + width / PixelsPerStep, byteUpper - height / PixelsPerByte, byteUpper);
    }
}
