using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>
/// Plans each lifetimes file into a C header of buffer offsets with <see cref="Planner"/>. Thin on purpose: it
/// maps items, metadata and properties onto a <see cref="PlanRequest"/>, runs the planner and logs what it says.
/// </summary>
public sealed class PlanMemoryLayout : Microsoft.Build.Utilities.Task, ICancelableTask, IIncrementalTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>
    /// The lifetimes files (.json or .csv). Metadata: <c>HeaderFile</c> (required: the header to write),
    /// <c>Capacity</c>, <c>Alignment</c>, <c>SymbolPrefix</c>, <c>MinimizeCapacity</c>, <c>Timeout</c>, <c>MinimizeNodes</c>, <c>SearchNodes</c> (each
    /// overrides the property of the same name), <c>ReportFile</c> (an HTML report to write) and
    /// <c>PreviousPlanFile</c> (warm start state).
    /// </summary>
    [Required]
    public ITaskItem[] Plans { get; set; } = [];

    /// <summary>
    /// Pools for every plan (the MiniMallocPool items: the identity is the name, metadata Capacity, Alignment,
    /// Cost), in order of preference; they replace the lifetimes files' pools. A plan's Pools metadata wins over them.
    /// </summary>
    public ITaskItem[] Pools { get; set; } = [];

    /// <summary>Default capacity in bytes for every plan (MiniMallocCapacity); empty: the file's own. 0 is zero bytes, as in the reference program.</summary>
    public string? Capacity { get; set; }

    /// <summary>Default buffer alignment, a power of two (MiniMallocAlignment); empty: the file's own.</summary>
    public string? Alignment { get; set; }

    /// <summary>true to minimize the arena height even with a capacity (MiniMallocMinimizeCapacity).</summary>
    public string? MinimizeCapacity { get; set; }

    /// <summary>
    /// The exact search's time limit (MiniMallocTimeout), spelled as the CLI's --timeout: seconds ("30", "2.5"), a
    /// number with units ("500ms", "1h30m"), a time span ("00:01:30") or "inf" for none; empty: 60 s, a safety net
    /// behind the node budgets. After it, a heuristic plan that fits is used, with warning MMB3003, and the plan is
    /// not stored in the plan cache (info MMB4011).
    /// </summary>
    public string? Timeout { get; set; }

    /// <summary>
    /// The search nodes the minimizer may spend when it minimizes the height (MiniMallocMinimizeNodes), a whole
    /// number; empty: its default (500,000, or ten per buffer when that is more). A longer Timeout alone does not
    /// search further: this budget, which counts work and so gives the same plan on any machine, bounds it.
    /// </summary>
    public string? MinimizeNodes { get; set; }

    /// <summary>
    /// The search nodes the exact search may spend when it fits the capacity (MiniMallocSearchNodes), a whole number;
    /// empty: its default (1,000,000, or twenty per buffer when that is more). Counts work, so a build stops at the
    /// same place on any machine; after it, a heuristic plan that fits is used.
    /// </summary>
    public string? SearchNodes { get; set; }

    /// <summary>The plan cache folder (MiniMallocCacheDirectory); empty: no cache.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Set by MSBuild under -question: a header that would be written is an error, and nothing is written.</summary>
    public bool FailIfNotIncremental { get; set; }

    /// <summary>
    /// The headers of the plans that succeeded, with metadata <c>Source</c>, <c>BufferCount</c>, <c>ArenaSize</c>,
    /// <c>CacheHit</c>, <c>HeaderWritten</c>, <c>MovedOffsets</c> (and the input item's metadata).
    /// </summary>
    [Output]
    public ITaskItem[] PlannedHeaders { get; private set; } = [];

    /// <summary>Called by MSBuild on Ctrl+C: a running solve stops promptly and nothing is written.</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        var errors = new List<Diagnostic>();
        var defaults = PlanSettings.Parse(ProjectSetting, PlanRequestMapper.DescribeProperty, errors);
        var pools = PoolItems.FromItems(Pools, errors);
        var requests = new List<(ITaskItem Item, PlanRequest Request)>();
        foreach (var item in Plans)
        {
            if (PlanRequestMapper.Map(item, defaults, CacheDirectory, FailIfNotIncremental, errors, pools) is { } request)
            {
                requests.Add((item, request));
            }
        }
        errors.AddRange(DuplicateHeaders(requests));
        if (errors.Count > 0)
        {
            foreach (var error in errors) Log.LogDiagnostic(error);
            return false;
        }

        var planned = new List<ITaskItem>();
        foreach (var (item, request) in requests)
        {
            var outcome = Planner.Run(request, _cancellation.Token);
            foreach (var diagnostic in outcome.Diagnostics) Log.LogDiagnostic(diagnostic);
            if (outcome.SummaryLine.Length > 0) Log.LogMessage(MessageImportance.Normal, outcome.SummaryLine);
            if (outcome.Succeeded) planned.Add(PlannedHeader(item, request, outcome));
        }
        PlannedHeaders = [.. planned];
        return !Log.HasLoggedErrors;
    }

    private string? ProjectSetting(string name) => name switch
    {
        PlanMetadata.Capacity => Capacity,
        PlanMetadata.Alignment => Alignment,
        PlanMetadata.MinimizeCapacity => MinimizeCapacity,
        PlanMetadata.Timeout => Timeout,
        PlanMetadata.MinimizeNodes => MinimizeNodes,
        PlanMetadata.SearchNodes => SearchNodes,
        _ => null,
    };

    // Two plans of one project writing one header would overwrite each other on every build. A plain loop rather
    // than LINQ's GroupBy: generic code over these value tuples is compiled at run time in every build.
    private static IEnumerable<Diagnostic> DuplicateHeaders(List<(ITaskItem Item, PlanRequest Request)> requests)
    {
        var byHeader = new Dictionary<string, List<ITaskItem>>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var headers = new List<string>();
        foreach (var (item, request) in requests)
        {
            string header = request.HeaderPath!;
            if (!byHeader.TryGetValue(header, out var items))
            {
                byHeader.Add(header, items = []);
                headers.Add(header);
            }
            items.Add(item);
        }
        var duplicates = new List<Diagnostic>();
        foreach (string header in headers)
        {
            var items = byHeader[header];
            if (items.Count < 2) continue;
            duplicates.Add(new Diagnostic(BuildDiagnosticCodes.DuplicateHeaderPath, DiagnosticSeverity.Error,
                $"MiniMallocPlan items {string.Join(", ", items.Select(i => $"'{i.ItemSpec}'"))} would all write " +
                $"the header '{header}'; give each a HeaderFile or a distinct file name."));
        }
        return duplicates;
    }

    private static TaskItem PlannedHeader(ITaskItem source, PlanRequest request, PlanOutcome outcome)
    {
        // The task always asks for a header (the mapper requires HeaderFile), so a successful plan has one.
        var header = new TaskItem(outcome.HeaderPath ?? request.HeaderPath!);
        source.CopyMetadataTo(header);
        header.SetMetadata(PlanMetadata.Source, request.InputPath);
        if (outcome.Summary is { } summary)
        {
            header.SetMetadata(PlanMetadata.BufferCount, summary.BufferCount.ToString(CultureInfo.InvariantCulture));
            header.SetMetadata(PlanMetadata.ArenaSize, summary.ArenaSize.ToString(CultureInfo.InvariantCulture));
            header.SetMetadata(PlanMetadata.CacheHit, summary.CacheHit ? "true" : "false");
            header.SetMetadata(PlanMetadata.HeaderWritten, summary.HeaderWritten ? "true" : "false");
            header.SetMetadata(PlanMetadata.MovedOffsets, summary.MovedOffsets.ToString(CultureInfo.InvariantCulture));
        }
        return header;
    }
}
