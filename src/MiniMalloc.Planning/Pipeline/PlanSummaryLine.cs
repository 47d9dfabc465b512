using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>The one line the build logs per plan: buffers, peak, capacity, lower bound, how and how fast, what was written.</summary>
internal static class PlanSummaryLine
{
    public static string Succeeded(string inputPath, PlanSummary s, PlanRequest request)
    {
        var line = new StringBuilder();
        if (s.Pools is { } pools)
        {
            line.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(inputPath)}: {s.BufferCount} buffers, {pools.Describe()}");
        }
        else
        {
            line.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(inputPath)}: {s.BufferCount} buffers, peak {s.Peak} bytes (arena {s.ArenaSize})");
            line.Append(s.Capacity is { } c ? string.Create(CultureInfo.InvariantCulture, $", capacity {c.Bytes}") : ", no capacity");
            line.Append(CultureInfo.InvariantCulture, $", lower bound {s.LowerBound}");
        }
        string how = s.CacheHit ? "cache hit" : s.Pools is { } planned ? "planned (" + planned.Method + ")" : s.FallbackUsed ? "heuristic fallback" : s.Minimized ? "minimized" : "solved";
        line.Append(CultureInfo.InvariantCulture, $", {how} in {s.Elapsed.TotalMilliseconds:0} ms");
        if (s.ProvenOptimal && s.Pools is null) line.Append(", optimal");
        if (s.Method is { } method && s.Pools is null) line.Append(", by ").Append(method);
        if (s.PreviousOffsets > 0) line.Append(CultureInfo.InvariantCulture, $", warm start: {s.MovedOffsets} of {s.PreviousOffsets} offsets moved");
        if (request.HeaderPath is not null) line.Append(request.QuestionOnly ? ", header up to date" : s.HeaderWritten ? ", header written" : ", header unchanged");
        if (s.ReportPath is { } report) line.Append(", report ").Append(report);
        return line.ToString();
    }

    public static string Failed(string inputPath, IReadOnlyList<Diagnostic> diagnostics, PlanRequest request)
    {
        int errors = diagnostics.Count(d => d.IsError);
        string name = string.IsNullOrEmpty(inputPath) ? "minimalloc" : Path.GetFileName(inputPath);
        string nothing = request.HeaderPath is null ? "nothing was written" : "the header was not written";
        return string.Create(CultureInfo.InvariantCulture, $"{name}: planning failed with {errors} error{(errors == 1 ? "" : "s")}; {nothing}");
    }
}
