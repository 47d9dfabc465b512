using System.Diagnostics;
using Xunit.Abstractions;

namespace MiniMalloc.Planning.Tests.Reporting;

/// <summary>
/// Reports opened in a real browser (headless Chromium): the page's script runs without error, and the screenshot
/// shows a picture, not a blank page. One browser run per report gives both the DOM and the screenshot.
/// </summary>
public sealed class PlanReportBrowserTests : IDisposable
{
    private const int WindowWidth = 1560, WindowHeight = 1120;
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("report-browser-").FullName;

    public PlanReportBrowserTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [ChromiumFact]
    public void Sample_model_report_renders_with_its_buffers_in_their_colours()
    {
        var problem = ReportTestPlans.SampleModel();
        var request = new PlanReportRequest("kws_cnn.lifetimes.json", problem) { ModelName = "kws_cnn", Solution = ReportTestPlans.FirstFit(problem) };
        var (image, html) = Render(request, "sample");
        // The biggest buffer's fill must cover a good patch of the screenshot.
        int conv1 = problem.Buffers.ToList().FindIndex(b => b.Id == "conv1/out");
        string fill = (string)ParsedReport.Parse(html).BufferGroups[conv1].Attribute("fill")!;
        Assert.True(CountNear(image, fill) > 2000, $"the fill {fill} of conv1/out covers only {CountNear(image, fill)} pixels");
    }

    [ChromiumBenchmarkFact("benchmarks/challenging/A.1048576.csv")]
    public void Challenging_benchmark_report_renders()
    {
        string path = ReportTestPlans.SharedFile("benchmarks/challenging/A.1048576.csv")!;
        var problem = CsvProblemReader.Read(path, capacity: 1_048_576);
        var plan = ReportTestPlans.FirstFit(problem);
        Assert.True(Validator.Validate(problem.WithCapacity(plan.Height), plan).IsValid);
        var request = new PlanReportRequest(Path.GetFileName(path), problem) { Solution = plan, Capacity = plan.Height };
        var (image, _) = Render(request, "benchmark-A");
        Assert.True(CountNear(image, "#1f4fbf") > 100, "the peak line and the live-bytes outline are drawn in blue");
    }

    [ChromiumFact]
    public void Infeasible_report_renders_the_overfull_steps_in_red()
    {
        var problem = ReportTestPlans.SampleModel(capacity: 30000);
        var profile = LiveProfile.Of(problem);
        long step = profile.FirstStepAbove(30000)!.Value;
        var subset = Enumerable.Range(0, problem.Buffers.Count).Where(i => problem.Buffers[i].Lifespan.Contains(step)).ToList();
        var request = new PlanReportRequest("kws_cnn, capacity too small", problem)
        {
            Sketch = ReportTestPlans.FirstFit(problem),
            Explanation = new InfeasibilityExplanation { Subset = subset, IsIrreducible = true, OverfullStep = step, OverfullLiveBytes = profile.At(step) },
        };
        var (image, _) = Render(request, "infeasible");
        Assert.True(CountNear(image, "#e0453a") > 500, "live bytes above the capacity are filled red");
    }

    [ChromiumFact]
    public void Report_of_20000_buffers_renders()
    {
        var (problem, solution) = ReportTestPlans.Guillotine(20_000, seed: 1);
        Render(new PlanReportRequest("guillotine 20k", problem) { Solution = solution }, "guillotine-20k");
    }

    private (PngImage Image, string Html) Render(PlanReportRequest request, string name)
    {
        string htmlPath = Path.Combine(_folder, name + ".plan.html"), pngPath = Path.Combine(_folder, name + ".png");
        var statistics = new PlanReportWriter().Write(request, htmlPath);
        var clock = Stopwatch.StartNew();
        var page = HeadlessChromium.Load(htmlPath, pngPath, WindowWidth, WindowHeight);
        string ready = System.Text.RegularExpressions.Regex.Match(page.Dom, "data-ready-ms=\"([0-9]+)\"").Groups[1].Value;
        _output.WriteLine($"{name}: {new FileInfo(htmlPath).Length} bytes, {statistics}; page ready after {ready} ms, Chromium run {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Contains("data-script=\"ok\"", page.Dom, StringComparison.Ordinal);
        Assert.Empty(HeadlessChromium.ScriptErrors(page.Log));
        var image = PngImage.Read(pngPath);
        Assert.Equal((WindowWidth, WindowHeight), (image.Width, image.Height));
        AssertNotBlank(image);
        return (image, File.ReadAllText(htmlPath));
    }

    private static void AssertNotBlank(PngImage image)
    {
        double sum = 0, sumOfSquares = 0;
        int pixels = image.Width * image.Height, white = 0;
        var colours = new HashSet<int>();
        for (int i = 0; i < pixels; i++)
        {
            byte r = image.Rgb[3 * i], g = image.Rgb[3 * i + 1], b = image.Rgb[3 * i + 2];
            double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            sum += luminance;
            sumOfSquares += luminance * luminance;
            if (r > 245 && g > 245 && b > 245) white++;
            colours.Add(r << 16 | g << 8 | b);
        }
        double mean = sum / pixels, deviation = Math.Sqrt(Math.Max(0, sumOfSquares / pixels - mean * mean));
        Assert.True(deviation > 15, $"the screenshot is nearly uniform: luminance deviation {deviation:0.0}");
        Assert.True(colours.Count > 50, $"the screenshot has only {colours.Count} colours");
        Assert.True(white < pixels * 0.9, $"the screenshot is {100.0 * white / pixels:0}% white");
    }

    // Pixels within a small distance of a #rrggbb colour (antialiasing and colour conversion may shift it a little).
    private static int CountNear(PngImage image, string hex)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        int count = 0;
        for (int i = 0; i < image.Width * image.Height; i++)
        {
            if (Math.Abs(image.Rgb[3 * i] - r) <= 6 && Math.Abs(image.Rgb[3 * i + 1] - g) <= 6 && Math.Abs(image.Rgb[3 * i + 2] - b) <= 6) count++;
        }
        return count;
    }
}

/// <summary>A browser test on a file of ../shared; skipped with the reason when Chromium or the file is missing.</summary>
public sealed class ChromiumBenchmarkFactAttribute : FactAttribute
{
    public ChromiumBenchmarkFactAttribute(string sharedFile)
    {
        if (HeadlessChromium.Find() is null)
        {
            Skip = new ChromiumFactAttribute().Skip;
        }
        else if (ReportTestPlans.SharedFile(sharedFile) is null)
        {
            Skip = $"../shared/{sharedFile} not found beside the repository (a CI clone has it at <clone>/../shared)";
        }
    }
}
