using Microsoft.Build.Framework;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>
/// Turns one MiniMallocPlan item into a <see cref="PlanRequest"/>: item metadata wins over the project-wide
/// defaults (the MiniMalloc* properties), which win over the lifetimes file's own values (left null here, so
/// the planner falls back to the file).
/// </summary>
internal static class PlanRequestMapper
{
    /// <summary>Names a setting of an item in messages: "Capacity metadata of MiniMallocPlan 'model.json'".</summary>
    public static string DescribeMetadata(ITaskItem item, string name) =>
        $"{name} metadata of MiniMallocPlan '{item.ItemSpec}'";

    /// <summary>Names a project-wide setting in messages: "MiniMallocCapacity property".</summary>
    public static string DescribeProperty(string name) => $"MiniMalloc{name} property";

    /// <summary>
    /// The request for <paramref name="item"/>, or null when one of its metadata values is unusable (the errors
    /// are added to <paramref name="errors"/>).
    /// </summary>
    public static PlanRequest? Map(ITaskItem item, PlanSettings projectDefaults, string? cacheDirectory,
        bool questionOnly, List<Diagnostic> errors, IReadOnlyList<PoolSpec>? projectPools = null)
    {
        var countBefore = errors.Count;
        var pools = PoolItems.FromMetadata(item.GetMetadata(PlanMetadata.Pools), DescribeMetadata(item, PlanMetadata.Pools), errors) ?? projectPools;
        var settings = PlanSettings
            .Parse(name => item.GetMetadata(name), name => DescribeMetadata(item, name), errors)
            .Over(projectDefaults);

        var header = NonEmpty(item.GetMetadata(PlanMetadata.HeaderFile));
        if (header is null)
        {
            errors.Add(new Diagnostic(DiagnosticCodes.MissingPath, DiagnosticSeverity.Error,
                $"MiniMallocPlan '{item.ItemSpec}' has no HeaderFile metadata: the MiniMalloc.Build targets set it; " +
                "when calling the task directly, give each item a HeaderFile."));
        }
        if (errors.Count > countBefore) return null;

        return new PlanRequest
        {
            InputPath = FullPath(item.ItemSpec),
            HeaderPath = FullPath(header!),
            SymbolPrefix = NonEmpty(item.GetMetadata(PlanMetadata.SymbolPrefix)),
            Capacity = settings.Capacity,
            Pools = pools,
            Alignment = settings.Alignment,
            MinimizeCapacity = settings.MinimizeCapacity,
            Timeout = settings.Timeout ?? PlanBudget.DefaultTimeout,
            MinimizeNodes = settings.MinimizeNodes,
            SearchNodes = settings.SearchNodes,
            CacheDirectory = NonEmpty(cacheDirectory) is { } cache ? FullPath(cache) : null,
            PreviousPlanPath = NonEmpty(item.GetMetadata(PlanMetadata.PreviousPlanFile)) is { } previous ? FullPath(previous) : null,
            ReportPath = NonEmpty(item.GetMetadata(PlanMetadata.ReportFile)) is { } report ? FullPath(report) : null,
            QuestionOnly = questionOnly,
        };
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // The targets pass full paths; a direct caller's relative paths are taken from the current directory,
    // which MSBuild sets to the project's directory while a task runs.
    private static string FullPath(string path) => Path.GetFullPath(path);
}
