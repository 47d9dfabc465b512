using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace MiniMalloc.Planning.Tests.Reporting;

/// <summary>
/// The numbers a reader looks for first (capacity, peak, lower bound, max live) are labels on the charts' lines.
/// Headless Chromium lays the report out in windows of common widths; the page's own geometry (bounding boxes
/// measured in the browser) and the screenshot (the labels' colours inside those boxes) must show every label whole,
/// on screen, inside its chart and clear of the other texts.
/// </summary>
public sealed partial class ReportLabelsInBrowserTests : IDisposable
{
    private const int WindowHeight = 1300;
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("report-labels-").FullName;

    public ReportLabelsInBrowserTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Measures, after the page's own script ran, the boxes of the chart texts and frames, and records them on <html>.
    private const string MeasuringScript = """
        <script>
        (function () {
          function box(node) {
            var r = node.getBoundingClientRect();
            var chart = node.closest('g[id]');
            return { cls: node.getAttribute('class'), text: node.textContent, chart: chart === null ? '' : chart.id,
                     left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          }
          var all = function (selector) { return Array.prototype.map.call(document.querySelectorAll(selector), box); };
          var root = document.documentElement;
          root.setAttribute('data-measure', JSON.stringify({
            width: window.innerWidth, height: window.innerHeight, scrollWidth: root.scrollWidth,
            labels: all('#plan text.tcap, #plan text.tpeak, #plan text.tlb'), others: all('#plan text.ct, #plan text.banner, #plan text.oft'),
            frames: all('#plan rect.frame') }));
        })();
        </script>
        """;

    [ChromiumFact]
    public void Line_labels_are_whole_and_on_screen_at_1400_1280_and_1024_pixels()
    {
        // A capacity just above the peak: three lines close together at the top of the layout, two in the profile.
        var problem = ReportTestPlans.SampleModel();
        var plan = ReportTestPlans.FirstFit(problem);
        var request = new PlanReportRequest("kws_cnn.lifetimes.json", problem.WithCapacity(plan.Height + plan.Height / 8))
        {
            ModelName = "kws_cnn",
            Solution = plan,
        };
        foreach (int width in (ReadOnlySpan<int>)[1400, 1280, 1024])
        {
            var page = Measure(request, $"feasible-{width}", width);
            Assert.Equal(["capacity", "peak", "lower bound", "capacity", "max live"], page.Labels.Select(l => Regex.Replace(l.Text, " [0-9.]+ [KMG]?i?B$", "")));
            if (width == 1400)
            {
                // The whole drawing fits a 1400-pixel window: nothing of it is cut off or needs scrolling sideways.
                Assert.True(page.ScrollWidth <= page.Width, $"the page is {page.ScrollWidth} px wide in a {page.Width} px window");
            }
        }
    }

    [ChromiumFact]
    public void Labels_of_an_infeasible_sketch_stay_clear_of_the_banner_and_the_overfull_step()
    {
        // Over-full from step 1 on, so that its text would fall on the labels at the left end of the chart.
        var problem = ReportTestPlans.SampleModel(capacity: 26000);
        var profile = LiveProfile.Of(problem);
        long step = profile.FirstStepAbove(26000)!.Value;
        Assert.True(step <= 2, $"the over-full step {step} is not near the left end");
        var subset = Enumerable.Range(0, problem.Buffers.Count).Where(i => problem.Buffers[i].Lifespan.Contains(step)).ToList();
        var request = new PlanReportRequest("kws_cnn, capacity too small", problem)
        {
            Sketch = ReportTestPlans.FirstFit(problem),
            Explanation = new InfeasibilityExplanation { Subset = subset, IsIrreducible = true, OverfullStep = step, OverfullLiveBytes = profile.At(step) },
        };
        var page = Measure(request, "infeasible-1400", 1400);
        Assert.Contains(page.Others, t => t.Class == "oft");
        Assert.Contains(page.Others, t => t.Class == "banner");
    }

    private Measured Measure(PlanReportRequest request, string name, int width)
    {
        string reportPath = Path.Combine(_folder, name + ".plan.html");
        new PlanReportWriter().Write(request, reportPath);
        // The report stays as written; a copy carries the measuring script.
        string measuredPath = Path.Combine(_folder, name + ".measured.html");
        string html = File.ReadAllText(reportPath);
        int end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        File.WriteAllText(measuredPath, html[..end] + MeasuringScript + html[end..]);
        string pngPath = Path.Combine(_folder, name + ".png");
        var page = HeadlessChromium.Load(measuredPath, pngPath, width, WindowHeight);
        Assert.Contains("data-script=\"ok\"", page.Dom, StringComparison.Ordinal);
        Assert.Empty(HeadlessChromium.ScriptErrors(page.Log));

        var match = MeasurePattern().Match(page.Dom);
        Assert.True(match.Success, "the measuring script left no data-measure attribute");
        var measured = JsonSerializer.Deserialize<Measured>(WebUtility.HtmlDecode(match.Groups[1].Value), JsonOptions)!;
        Assert.Equal(width, measured.Width);
        var image = PngImage.Read(pngPath);
        foreach (var label in measured.Labels)
        {
            _output.WriteLine($"{name}: {label.Chart} {label.Class} \"{label.Text}\" at [{label.Left:0.#}, {label.Right:0.#}] x [{label.Top:0.#}, {label.Bottom:0.#}]");
        }
        AssertLabelsAreVisible(measured, image, name);
        return measured;
    }

    private static void AssertLabelsAreVisible(Measured page, PngImage image, string name)
    {
        Assert.NotEmpty(page.Labels);
        foreach (var label in page.Labels)
        {
            string what = $"{name}: label \"{label.Text}\"";
            Assert.True(label.Right - label.Left > 30 && label.Bottom - label.Top > 8, $"{what} has no size");
            Assert.True(label.Left >= 0 && label.Right <= page.Width && label.Top >= 0 && label.Bottom <= page.Height,
                $"{what} [{label.Left:0.#}, {label.Right:0.#}] x [{label.Top:0.#}, {label.Bottom:0.#}] leaves the {page.Width} x {page.Height} window");
            var frame = page.Frames.Single(f => f.Chart == label.Chart);
            Assert.True(label.Left >= frame.Left && label.Right <= frame.Right && label.Top >= frame.Top && label.Bottom <= frame.Bottom,
                $"{what} leaves its chart's plotting area");
            foreach (var other in page.Labels.Concat(page.Others).Where(o => !ReferenceEquals(o, label)))
            {
                Assert.False(label.Overlaps(other), $"{what} overlaps \"{other.Text}\"");
            }
            // The screenshot shows the label's colour inside its box (the upper part: the line may pass under the rest).
            int painted = CountNear(image, LabelColour(label.Class), label.Left, label.Top, label.Right, label.Top + (label.Bottom - label.Top) * 0.6);
            Assert.True(painted >= 15, $"{what}: only {painted} pixels of its colour in its box on the screenshot");
        }
    }

    private static string LabelColour(string cssClass) => cssClass switch
    {
        "tcap" => "#b3261e",
        "tpeak" => "#1f4fbf",
        "tlb" => "#1d6b35",
        _ => throw new ArgumentException($"no colour known for label class {cssClass}"),
    };

    private static int CountNear(PngImage image, string hex, double left, double top, double right, double bottom)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        int count = 0;
        for (int y = Math.Max(0, (int)top); y < Math.Min(image.Height, (int)Math.Ceiling(bottom)); y++)
        {
            for (int x = Math.Max(0, (int)left); x < Math.Min(image.Width, (int)Math.Ceiling(right)); x++)
            {
                var (pr, pg, pb) = image.Pixel(x, y);
                if (Math.Abs(pr - r) <= 24 && Math.Abs(pg - g) <= 24 && Math.Abs(pb - b) <= 24) count++;
            }
        }
        return count;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    [GeneratedRegex("data-measure=\"([^\"]*)\"")]
    private static partial Regex MeasurePattern();

    private sealed record Measured(int Width, int Height, int ScrollWidth, List<Box> Labels, List<Box> Others, List<Box> Frames);

    private sealed record Box(string Cls, string Text, string Chart, double Left, double Right, double Top, double Bottom)
    {
        public string Class => Cls;

        public bool Overlaps(Box other) =>
            Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;
    }
}
