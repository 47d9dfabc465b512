using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Buffer = MiniMalloc.Buffer;

namespace MiniMalloc.Planning.Tests.Reporting;

public class PlanReportWriterTests
{
    private static readonly XNamespace Svg = ParsedReport.Svg;

    private static PlanReportRequest SampleRequest(long capacity = 65536)
    {
        var problem = ReportTestPlans.SampleModel(capacity);
        return new PlanReportRequest("kws_cnn.lifetimes.json", problem) { ModelName = "kws_cnn", Solution = ReportTestPlans.FirstFit(problem) };
    }

    [Fact]
    public void Report_is_well_formed_xhtml_with_inline_svg_and_nothing_external()
    {
        var request = SampleRequest();
        Assert.True(Validator.Validate(request.Problem, request.Solution!).IsValid);
        string html = new PlanReportWriter().Render(request);

        var report = ParsedReport.Parse(html);
        var root = report.Document.Root!;
        Assert.Equal(ParsedReport.Html + "html", root.Name);
        Assert.Single(report.Document.Descendants(Svg + "svg"));
        Assert.Single(report.Document.Descendants(ParsedReport.Html + "script"));
        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        // Self-contained: no attribute points anywhere, no style sheet imports anything.
        foreach (var attribute in report.Document.Descendants().Attributes())
        {
            Assert.DoesNotContain(attribute.Name.LocalName, new[] { "src", "href" });
        }
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_live_piece_is_one_rectangle_of_its_buffer()
    {
        var request = SampleRequest();
        string html = new PlanReportWriter().Render(request, out var statistics);

        var report = ParsedReport.Parse(html);
        var groups = report.BufferGroups;
        int pieces = request.Problem.Buffers.Sum(b => OccupiedPieces.Of(b).Count);
        Assert.Equal(pieces, groups.Values.Sum(g => g.Elements(Svg + "rect").Count()));
        for (int i = 0; i < request.Problem.Buffers.Count; i++)
        {
            Assert.Equal(OccupiedPieces.Of(request.Problem.Buffers[i]).Count, groups[i].Elements(Svg + "rect").Count());
        }
        Assert.Empty(report.MergedRectangles);
        Assert.Equal(new PlanReportStatistics(request.Problem.Buffers.Count, pieces, pieces, 0, 0, statistics.Labels, false), statistics);
        Assert.True(statistics.Labels > 0, "the sample's large buffers have room for their ids");
    }

    [Fact]
    public void Every_rectangle_turns_back_into_its_piece_of_the_plan()
    {
        var request = SampleRequest();
        var report = ParsedReport.Parse(new PlanReportWriter().Render(request));
        AssertRectanglesMatchPlan(report, request.Problem, request.Solution!);
    }

    [Fact]
    public void Rectangles_of_a_benchmark_sized_plan_match_it_within_the_rounding()
    {
        // Steps and bytes in the hundreds of thousands: a pixel is many steps and bytes, so this checks the scale, not luck.
        var (problem, solution) = ReportTestPlans.Guillotine(150, seed: 7, steps: 1_048_576, bytes: 1_048_576);
        var report = ParsedReport.Parse(new PlanReportWriter().Render(new PlanReportRequest("guillotine", problem) { Solution = solution }, out var statistics));
        Assert.Equal(statistics.Pieces, statistics.DrawnPieces);
        AssertRectanglesMatchPlan(report, problem, solution);
    }

    private static void AssertRectanglesMatchPlan(ParsedReport report, Problem problem, Solution solution)
    {
        // Coordinates are written to 0.01 px (0.001 below a pixel), so a value may be off by half of that, in plan units.
        double stepTolerance = 0.0051 / report.PixelsPerStep, byteTolerance = 0.0051 / report.PixelsPerByte;
        var groups = report.BufferGroups;
        for (int i = 0; i < problem.Buffers.Count; i++)
        {
            var rects = groups[i].Elements(Svg + "rect").ToList();
            var pieces = OccupiedPieces.Of(problem.Buffers[i]);
            for (int k = 0; k < pieces.Count; k++)
            {
                var drawn = report.Invert(rects[k]);
                var piece = pieces[k];
                long offset = solution.Offsets[i];
                string what = $"buffer {i} piece {k}";
                Assert.True(Math.Abs(drawn.StepLower - piece.Steps.Lower) <= stepTolerance, $"{what}: first step {drawn.StepLower} vs {piece.Steps.Lower}");
                Assert.True(Math.Abs(drawn.StepUpper - piece.Steps.Upper) <= 2 * stepTolerance, $"{what}: end step {drawn.StepUpper} vs {piece.Steps.Upper}");
                Assert.True(Math.Abs(drawn.ByteUpper - (offset + piece.Window.Upper)) <= byteTolerance, $"{what}: top {drawn.ByteUpper} vs {offset + piece.Window.Upper}");
                Assert.True(Math.Abs(drawn.ByteLower - (offset + piece.Window.Lower)) <= 2 * byteTolerance, $"{what}: bottom {drawn.ByteLower} vs {offset + piece.Window.Lower}");
            }
        }
    }

    [Fact]
    public void Hover_text_names_id_offset_size_lifespan_and_alignment()
    {
        var request = SampleRequest();
        var report = ParsedReport.Parse(new PlanReportWriter().Render(request));
        int index = request.Problem.Buffers.ToList().FindIndex(b => b.Id == "conv1/out");
        long offset = request.Solution!.Offsets[index];
        string title = report.BufferGroups[index].Element(Svg + "title")!.Value;
        Assert.Equal(
            $"conv1/out\noffset {offset} to {offset + 16000}, size 16000 B (15.63 KiB)\nlifespan [1, 4), alignment 64",
            title);
        int scratch = request.Problem.Buffers.ToList().FindIndex(b => b.Id == "scratch");
        Assert.EndsWith("\ngaps [3, 5), [6, 7) window [0, 512)", report.BufferGroups[scratch].Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_plans_carry_hover_text_in_attributes_that_the_script_turns_into_titles()
    {
        var request = SampleRequest();
        var eager = ParsedReport.Parse(new PlanReportWriter().Render(request));
        var lazy = ParsedReport.Parse(new PlanReportWriter(new PlanReportOptions { StaticTitleLimit = 10 }).Render(request));
        Assert.Empty(lazy.ById("buffers").Descendants(Svg + "title"));
        for (int i = 0; i < request.Problem.Buffers.Count; i++)
        {
            Assert.Equal(eager.BufferGroups[i].Element(Svg + "title")!.Value, (string)lazy.BufferGroups[i].Attribute("data-t")!);
        }
        Assert.Contains("\n", (string)lazy.BufferGroups[0].Attribute("data-t")!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")]
    [InlineData("a&b\"c'd<e>f", "a&b\"c'd<e>f")]
    [InlineData("naïve→✓ Größe 🙂", "naïve→✓ Größe 🙂")]
    [InlineData("]]><!-- x --><![CDATA[", "]]><!-- x --><![CDATA[")]
    [InlineData("ctl\u0001\u0007x\ty\nz", "ctl\\u0001\\u0007x\\u0009y\\u000Az")]
    [InlineData("rtl\u202Eevil", "rtl\\u202Eevil")]
    [InlineData("c1\u0085end", "c1\\u0085end")]
    [InlineData("bad\uFFFEchar", "bad\\uFFFEchar")]
    public void Hostile_ids_are_escaped_and_shown_as_written(string id, string shown)
    {
        var problem = new Problem([new Buffer(id, 0, 10, 400), new Buffer("plain", 5, 12, 300)], 1000);
        var request = new PlanReportRequest(id, problem) { ModelName = id, Solution = Solution.FromOffsets(problem, [0, 400]), Notes = [id] };
        string html = new PlanReportWriter().Render(request);

        Assert.All(html, c => Assert.True(c < 0x80, $"non-ASCII character U+{(int)c:X4} written raw"));
        var report = ParsedReport.Parse(html);
        Assert.Single(report.Document.Descendants(ParsedReport.Html + "script"));
        Assert.Equal(shown + "\noffset 0 to 400, size 400 B\nlifespan [0, 10), alignment 1", report.BufferGroups[0].Element(Svg + "title")!.Value);
        Assert.Equal(shown, report.Document.Descendants(ParsedReport.Html + "h1").Single().Value);
        Assert.Equal(shown + " - memory plan", report.Document.Descendants(ParsedReport.Html + "title").Single().Value);
        var label = report.ById("labels").Elements(Svg + "text").First();
        Assert.StartsWith(shown.Length <= 8 ? shown : ReportMarkupPrefix(shown), label.Value.TrimEnd('\u2026'), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_surrogate_in_an_id_is_shown_as_the_replacement_character()
    {
        // Built in code: attribute arguments cannot carry a lone surrogate intact.
        string id = "lone" + (char)0xD800 + "surrogate";
        Hostile_ids_are_escaped_and_shown_as_written(id, "lone\uFFFDsurrogate");
    }

    // The label of a long id is a prefix of what the title shows; the first few characters must match.
    private static string ReportMarkupPrefix(string shown) => shown[..Math.Min(3, shown.Length)];

    [Fact]
    public void Same_request_gives_byte_identical_reports_in_any_culture()
    {
        var request = SampleRequest() with { Notes = ["solved in 1.5 s"] };
        string first = new PlanReportWriter().Render(request);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(first, new PlanReportWriter().Render(request));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        Assert.Contains("1.5 s", first, StringComparison.Ordinal);
    }

    [Fact]
    public void A_buffer_keeps_its_colour_wherever_it_is_listed()
    {
        var request = SampleRequest();
        var reversed = new Problem(request.Problem.Buffers.Reverse().ToList(), request.Problem.Capacity);
        var reversedPlan = new Solution(request.Solution!.Offsets.Reverse().ToList(), request.Solution.Height);
        var first = ParsedReport.Parse(new PlanReportWriter().Render(request)).BufferGroups;
        var second = ParsedReport.Parse(new PlanReportWriter().Render(new PlanReportRequest("r", reversed) { Solution = reversedPlan })).BufferGroups;
        int n = request.Problem.Buffers.Count;
        var colours = Enumerable.Range(0, n).Select(i => (string)first[i].Attribute("fill")!).ToList();
        Assert.Equal(colours, Enumerable.Range(0, n).Select(i => (string)second[n - 1 - i].Attribute("fill")!).ToList());
        Assert.True(colours.Distinct().Count() >= n - 2, "ids hash to distinct colours: " + string.Join(' ', colours));
    }

    [Fact]
    public void Infeasible_report_marks_the_overfull_step_and_outlines_the_subset_on_a_sketch()
    {
        var problem = ReportTestPlans.SampleModel(capacity: 30000);
        var profile = LiveProfile.Of(problem);
        long step = profile.FirstStepAbove(30000)!.Value;
        var live = Enumerable.Range(0, problem.Buffers.Count).Where(i => problem.Buffers[i].Lifespan.Contains(step)).ToList();
        var explanation = new InfeasibilityExplanation { Subset = live, IsIrreducible = true, OverfullStep = step, OverfullLiveBytes = profile.At(step) };
        var request = new PlanReportRequest("kws", problem) { Explanation = explanation, Sketch = ReportTestPlans.FirstFit(problem) };

        string html = new PlanReportWriter().Render(request, out var statistics);
        var report = ParsedReport.Parse(html);
        Assert.True(statistics.IsSketch);
        Assert.Equal("infeasible", (string?)report.Document.Descendants(ParsedReport.Html + "body").Single().Attribute("class"));
        var outlined = report.BufferGroups.Where(g => ((string)g.Value.Attribute("class")!).Split(' ').Contains("s")).Select(g => g.Key).Order();
        Assert.Equal(live, outlined);
        Assert.Contains("NOT A VALID PLAN", html, StringComparison.Ordinal);
        Assert.Contains($"At step {step}, {profile.At(step)} B", html, StringComparison.Ordinal);
        // The over-full step is marked in both charts, where the scale puts that step.
        var markers = report.Document.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "of").ToList();
        Assert.Equal(2, markers.Count);
        Assert.All(markers, m => Assert.Equal(report.Left + (step - report.FirstStep) * report.PixelsPerStep, ParsedReport.Attribute(m, "x"), 2));
        // Red bars stand for exactly the stretches of steps whose live bytes exceed the capacity.
        var over = report.Document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "over").Elements(Svg + "rect").ToList();
        int overStretches = Enumerable.Range(0, profile.Steps.Count - 1).Count(i => profile.LiveBytes[i] > 30000
            && (i == 0 || profile.LiveBytes[i - 1] != profile.LiveBytes[i]));
        Assert.Equal(overStretches, over.Count);
    }

    [Fact]
    public void Infeasible_report_without_a_sketch_uses_best_fit_decreasing()
    {
        var problem = ReportTestPlans.SampleModel(capacity: 30000);
        var explanation = new InfeasibilityExplanation { Subset = [2, 3], IsIrreducible = false };
        string html = new PlanReportWriter().Render(new PlanReportRequest("kws", problem) { Explanation = explanation });
        Assert.Contains("best-fit decreasing", html, StringComparison.Ordinal);
        Assert.Contains("time limit ran out", html, StringComparison.Ordinal);
        Assert.Equal(problem.Buffers.Count, ParsedReport.Parse(html).BufferGroups.Count);
    }

    [Fact]
    public void Pieces_smaller_than_a_pixel_both_ways_are_merged_into_one_pixel_columns()
    {
        // 3000 one-step, one-byte buffers under a long, tall one: the small ones cannot be seen alone.
        var buffers = new List<Buffer> { new("big", 0, 100_000, 1 << 20) };
        var offsets = new List<long> { 0 };
        for (int i = 0; i < 3000; i++)
        {
            buffers.Add(new Buffer("tiny" + i, i * 30, i * 30 + 1, 1));
            offsets.Add((1 << 20) + i % 7);
        }
        buffers.Add(new Buffer("sliver", 50_000, 50_010, 1 << 19));
        offsets.Add((1 << 20) + 16);
        var problem = new Problem(buffers, 2 << 20);
        var solution = Solution.FromOffsets(problem, offsets);
        Assert.True(Validator.Validate(problem, solution).IsValid);

        string html = new PlanReportWriter().Render(new PlanReportRequest("tiny", problem) { Solution = solution }, out var statistics);
        var report = ParsedReport.Parse(html);
        Assert.Equal(3000, statistics.MergedPieces);
        Assert.Equal(2, statistics.DrawnPieces);
        Assert.Equal(statistics.Pieces, statistics.DrawnPieces + statistics.MergedPieces);
        // The sliver is 0.12 px wide but a quarter of the chart tall: it stays, with its own hover text.
        Assert.Equal(new[] { 0, 3001 }, report.BufferGroups.Keys.Order());
        var merged = report.MergedRectangles;
        Assert.Equal(statistics.MergedRectangles, merged.Count);
        Assert.InRange(merged.Count, 1, 1200);
        Assert.All(merged, r => Assert.Equal("1", (string)r.Attribute("width")!));
        Assert.Equal(3000, merged.Sum(r => int.Parse((string)r.Attribute("data-m")!, CultureInfo.InvariantCulture)));
        // Each merged rectangle covers the pixels its pieces fall on.
        var boxes = merged.Select(r => (X: ParsedReport.Attribute(r, "x"), Y: ParsedReport.Attribute(r, "y"), Height: ParsedReport.Attribute(r, "height"))).ToList();
        foreach (var tiny in Enumerable.Range(1, 3000))
        {
            double x = report.Left + (buffers[tiny].Lifespan.Lower + 0.5 - report.FirstStep) * report.PixelsPerStep;
            double y = report.Bottom - (offsets[tiny] + 0.5) * report.PixelsPerByte;
            Assert.Contains(boxes, r => r.X <= x && x <= r.X + 1 && r.Y <= y && y <= r.Y + r.Height);
        }
    }

    [Fact]
    public void Capacity_far_above_the_plan_is_named_but_not_drawn_to_scale()
    {
        var request = SampleRequest(capacity: ProblemChecker.MaxValue);
        string html = new PlanReportWriter().Render(request);
        Assert.Contains("(off the chart)", html, StringComparison.Ordinal);
        var report = ParsedReport.Parse(html);
        Assert.DoesNotContain(report.Document.Descendants(Svg + "line"), l => (string?)l.Attribute("class") == "cap");
        // The plan fills most of the chart instead of a sliver at its bottom.
        Assert.InRange(report.PixelsPerByte * request.Solution!.Height, 400, 520);
    }

    [Fact]
    public void Empty_problem_gives_an_empty_but_valid_report()
    {
        string html = new PlanReportWriter().Render(new PlanReportRequest("empty", new Problem([], 0)) { Solution = new Solution([], 0) }, out var statistics);
        Assert.Empty(ParsedReport.Parse(html).BufferGroups);
        Assert.Equal(0, statistics.Pieces);
    }

    [Fact]
    public void Mismatched_inputs_are_refused_with_a_reason()
    {
        var request = SampleRequest();
        var writer = new PlanReportWriter();
        var e1 = Assert.Throws<ArgumentException>(() => writer.Render(request with { Solution = new Solution([0, 1], 1) }));
        Assert.Contains("2 offsets for 15 buffers", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => writer.Render(request with
        {
            Explanation = new InfeasibilityExplanation { Subset = [3, 99], IsIrreducible = true },
        }));
        Assert.Contains("buffer 99", e2.Message, StringComparison.Ordinal);
        var duplicate = new Problem([new Buffer("x", 0, 1, 1), new Buffer("x", 0, 1, 1)], 10);
        var e3 = Assert.Throws<ArgumentException>(() => writer.Render(new PlanReportRequest("d", duplicate) { Solution = new Solution([0, 1], 2) }));
        Assert.Contains("used twice", e3.Message, StringComparison.Ordinal);
        var negative = request.Solution!.Offsets.ToArray();
        negative[4] = -64;
        var e4 = Assert.Throws<ArgumentException>(() => writer.Render(request with { Solution = new Solution(negative, 1) }));
        Assert.Contains("buffer 4 ('scratch') at offset -64", e4.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PlanReportWriter(new PlanReportOptions { PlotWidth = 10 }));
    }

    [Fact]
    public void Write_replaces_the_file_atomically_and_leaves_no_temporary_files()
    {
        string folder = Directory.CreateTempSubdirectory("report-write-").FullName;
        try
        {
            string path = Path.Combine(folder, "kws.plan.html");
            File.WriteAllText(path, "old report");
            var request = SampleRequest();
            var statistics = new PlanReportWriter().Write(request, path);
            Assert.Equal(new PlanReportWriter().Render(request), File.ReadAllText(path, Encoding.UTF8));
            Assert.Equal(statistics.Pieces, statistics.DrawnPieces);
            Assert.Equal([path], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
