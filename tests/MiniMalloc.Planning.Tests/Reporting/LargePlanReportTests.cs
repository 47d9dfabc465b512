using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace MiniMalloc.Planning.Tests.Reporting;

/// <summary>A 20,000-buffer plan: the report stays well formed, accounts for every piece and keeps its size in bounds.</summary>
public sealed class LargePlanReportTests(ITestOutputHelper output)
{
    // About 200 bytes per drawn piece; a plan of 20,000 buffers must stay well under what a browser loads quickly.
    private const long MaxBytes = 7_000_000;

    [Fact]
    public void Report_of_20000_buffers_accounts_for_every_piece_within_its_size_budget()
    {
        var (problem, solution) = ReportTestPlans.Guillotine(20_000, seed: 1);
        var clock = Stopwatch.StartNew();
        string html = new PlanReportWriter().Render(new PlanReportRequest("guillotine 20k", problem) { Solution = solution }, out var statistics);
        var elapsed = clock.Elapsed;
        long bytes = Encoding.UTF8.GetByteCount(html);
        output.WriteLine($"{bytes} bytes in {elapsed.TotalMilliseconds:0} ms: {statistics}");

        Assert.True(bytes < MaxBytes, $"{bytes} bytes");
        Assert.Equal(problem.Buffers.Sum(b => OccupiedPieces.Of(b).Count), statistics.Pieces);
        Assert.Equal(statistics.Pieces, statistics.DrawnPieces + statistics.MergedPieces);
        Assert.True(statistics.MergedPieces > 0, "a plan this dense has pieces smaller than a pixel");

        var report = ParsedReport.Parse(html);
        Assert.Equal(statistics.DrawnPieces, report.BufferGroups.Values.Sum(g => g.Elements(ParsedReport.Svg + "rect").Count()));
        Assert.Equal(statistics.MergedPieces, report.MergedRectangles.Sum(r => int.Parse((string)r.Attribute("data-m")!, CultureInfo.InvariantCulture)));
        // Past the static-title limit, hover texts travel as attributes: no title element per buffer.
        Assert.Empty(report.ById("buffers").Descendants(ParsedReport.Svg + "title"));

        // The live-bytes chart keeps one bar per pixel column at most, holding the column's maximum: its top is the peak.
        var profile = report.ById("profile");
        string path = (string)profile.Elements(ParsedReport.Svg + "path").Single().Attribute("d")!;
        var verticals = path.Split('V').Skip(1).Select(part => double.Parse(part.Split('H')[0].TrimEnd('Z'), CultureInfo.InvariantCulture)).ToList();
        double expectedTop = ParsedReport.Attribute(profile, "data-bottom") - LiveProfile.Of(problem).Peak * ParsedReport.Attribute(profile, "data-px-per-byte");
        Assert.Equal(expectedTop, verticals.Min(), 2);
        Assert.True(path.Count(c => c == 'H') <= 2 * new PlanReportOptions().PlotWidth, "one bar per column at most");
    }
}
