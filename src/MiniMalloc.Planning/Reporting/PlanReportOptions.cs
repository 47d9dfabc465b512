namespace MiniMalloc.Planning;

/// <summary>Sizes of the drawing, in CSS pixels. The defaults suit a laptop screen.</summary>
internal sealed record PlanReportOptions
{
    /// <summary>Width of the plotting area of both charts (default 1200).</summary>
    public int PlotWidth { get; init; } = 1200;

    /// <summary>Height of the memory-layout chart (default 520).</summary>
    public int LayoutHeight { get; init; } = 520;

    /// <summary>Height of the live-bytes chart below it (default 160).</summary>
    public int ProfileHeight { get; init; } = 160;

    /// <summary>At most this many buffers get a text label, the largest first (default 400).</summary>
    public int MaxLabels { get; init; } = 400;

    /// <summary>
    /// Plans with more buffers than this (default 1000) carry their hover texts in <c>data-t</c> attributes, which the
    /// page's script shows on hover, instead of SVG <c>&lt;title&gt;</c> elements: Chromium takes seconds to load tens
    /// of thousands of title elements, and a few milliseconds for the attributes.
    /// </summary>
    public int StaticTitleLimit { get; init; } = 1000;

    /// <summary>Returns a sentence naming the first bad setting, or null when all are usable.</summary>
    public string? Validate()
    {
        if (PlotWidth is < 100 or > 20_000) return $"PlotWidth {PlotWidth} must be in [100, 20000]";
        if (LayoutHeight is < 50 or > 20_000) return $"LayoutHeight {LayoutHeight} must be in [50, 20000]";
        if (ProfileHeight is < 30 or > 5_000) return $"ProfileHeight {ProfileHeight} must be in [30, 5000]";
        if (StaticTitleLimit < 0) return $"StaticTitleLimit {StaticTitleLimit} must not be negative";
        if (MaxLabels < 0) return $"MaxLabels {MaxLabels} must not be negative";
        return null;
    }
}
