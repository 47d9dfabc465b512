namespace MiniMalloc.Planning;

/// <summary>
/// The facts and geometry one report is drawn from, worked out once from a checked request: the placement to
/// draw, the live profile, the lines, and where each chart sits on the page.
/// </summary>
internal sealed class ReportContext
{
    public const double Left = 100;
    // Room for the last step number, centred on the plot's right edge. The line labels sit inside the plot (see
    // ReportChartFrame), so the drawing stays narrow enough for a 1400-pixel window with the page's margins.
    public const double RightMargin = 28;
    public const double LayoutTop = 36;
    public const double GapBetweenCharts = 76;
    public const double BottomMargin = 48;

    // A capacity more than this many times above everything else would squash the plan into a thin strip.
    private const double CapacityDrawnUpTo = 2.0;
    private const double Headroom = 1.06;

    public ReportContext(PlanReportRequest request, PlanReportOptions options, Solution placement)
    {
        Request = request;
        Options = options;
        Problem = request.Problem;
        Placement = placement;
        IsSketch = request.Solution is null;
        Groups = AliasGroups.Resolve(Problem.Buffers);
        Profile = LiveProfile.Of(Problem);
        LowerBound = Math.Max(request.LowerBound ?? 0, Profile.Peak);
        long capacity = request.Capacity ?? Problem.Capacity;
        Capacity = capacity > 0 ? capacity : null;
        Title = ReportMarkup.Visible(request.Title);
        LazyTitles = Problem.Buffers.Count > options.StaticTitleLimit;
        Ids = [.. Problem.Buffers.Select(b => ReportMarkup.Visible(b.Id))];
        Subset = request.Explanation is { } explanation ? [.. explanation.Subset] : [];
        OverfullStep = request.Explanation?.OverfullStep ?? (Capacity is { } c ? Profile.FirstStepAbove(c) : null);

        long height = placement.Height;
        for (int i = 0; i < Problem.Buffers.Count; i++) height = Math.Max(height, placement.Offsets[i] + Problem.Buffers[i].Size);
        Height = height;

        FirstStep = Problem.Buffers.Count == 0 ? 0 : Problem.Buffers.Min(b => b.Lifespan.Lower);
        EndStep = Problem.Buffers.Count == 0 ? 1 : Problem.Buffers.Max(b => b.Lifespan.Upper);

        long drawnTop = Math.Max(Math.Max(Height, LowerBound), 1);
        CapacityIsDrawn = Capacity is { } cap && cap <= CapacityDrawnUpTo * drawnTop;
        if (CapacityIsDrawn) drawnTop = Math.Max(drawnTop, Capacity!.Value);
        LayoutTopBytes = Math.Ceiling(drawnTop * Headroom);
        LayoutScale = new ReportScale(Left, options.PlotWidth, FirstStep, EndStep, LayoutTop + options.LayoutHeight, options.LayoutHeight, LayoutTopBytes);

        long profileTop = Math.Max(Math.Max(Profile.Peak, 1), CapacityIsDrawn ? Capacity!.Value : 0);
        ProfileTopBytes = Math.Ceiling(profileTop * Headroom);
        ProfileTop = LayoutTop + options.LayoutHeight + GapBetweenCharts;
        ProfileScale = new ReportScale(Left, options.PlotWidth, FirstStep, EndStep, ProfileTop + options.ProfileHeight, options.ProfileHeight, ProfileTopBytes);
        Bars = ReportProfileBars.Of(Profile, ProfileScale, options.PlotWidth);

        SvgWidth = Left + options.PlotWidth + RightMargin;
        SvgHeight = ProfileTop + options.ProfileHeight + BottomMargin;
    }

    public PlanReportRequest Request { get; }
    public PlanReportOptions Options { get; }
    public Problem Problem { get; }

    /// <summary>The title as shown (control characters written out).</summary>
    public string Title { get; }

    /// <summary>True when hover texts go in <c>data-t</c> attributes rather than title elements (see <see cref="PlanReportOptions.StaticTitleLimit"/>).</summary>
    public bool LazyTitles { get; }

    /// <summary>Each buffer's id as shown (control characters written out), by buffer index.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The offsets drawn: the plan, or the sketch when there is no plan.</summary>
    public Solution Placement { get; }

    /// <summary>True when <see cref="Placement"/> is not a valid plan.</summary>
    public bool IsSketch { get; }

    /// <summary>The alias groups: each is drawn as one shape, its members outlined inside it.</summary>
    public AliasGroups Groups { get; }

    public LiveProfile Profile { get; }
    public long LowerBound { get; }
    public long? Capacity { get; }
    public bool CapacityIsDrawn { get; }

    /// <summary>Indices of the buffers of the infeasible subset (empty when there is no explanation).</summary>
    public HashSet<int> Subset { get; }

    public long? OverfullStep { get; }

    /// <summary>The highest offset + size of <see cref="Placement"/>.</summary>
    public long Height { get; }

    public long FirstStep { get; }
    public long EndStep { get; }
    public double LayoutTopBytes { get; }
    public ReportScale LayoutScale { get; }
    public double ProfileTop { get; }
    public double ProfileTopBytes { get; }
    public ReportScale ProfileScale { get; }
    public IReadOnlyList<ReportProfileBars.Bar> Bars { get; }
    public double SvgWidth { get; }
    public double SvgHeight { get; }

    /// <summary>The x of the right edge of both plotting areas.</summary>
    public double Right => Left + Options.PlotWidth;
}
