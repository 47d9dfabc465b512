using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>
/// The settings that may come from item metadata, from a project property or from the lifetimes file itself.
/// Null means "not set at this level".
/// </summary>
internal sealed record PlanSettings(Capacity? Capacity, Alignment? Alignment, bool? MinimizeCapacity, TimeLimit? Timeout, NodeBudget? MinimizeNodes, NodeBudget? SearchNodes)
{
    /// <summary>
    /// Parses the six settings. <paramref name="valueOf"/> gives the text of a setting by its short name
    /// ("Capacity"); <paramref name="describe"/> names it in error messages ("MiniMallocCapacity property").
    /// </summary>
    public static PlanSettings Parse(Func<string, string?> valueOf, Func<string, string> describe,
        List<Diagnostic> errors)
    {
        SettingParser For(string name) => new(describe(name), errors);
        return new PlanSettings(
            For(PlanMetadata.Capacity).Capacity(valueOf(PlanMetadata.Capacity)),
            For(PlanMetadata.Alignment).Alignment(valueOf(PlanMetadata.Alignment)),
            For(PlanMetadata.MinimizeCapacity).Boolean(valueOf(PlanMetadata.MinimizeCapacity)),
            For(PlanMetadata.Timeout).Timeout(valueOf(PlanMetadata.Timeout)),
            For(PlanMetadata.MinimizeNodes).NodeBudget(valueOf(PlanMetadata.MinimizeNodes)),
            For(PlanMetadata.SearchNodes).NodeBudget(valueOf(PlanMetadata.SearchNodes)));
    }

    /// <summary>These settings where set, <paramref name="fallback"/>'s elsewhere (metadata over properties).</summary>
    public PlanSettings Over(PlanSettings fallback) => new(
        Capacity ?? fallback.Capacity,
        Alignment ?? fallback.Alignment,
        MinimizeCapacity ?? fallback.MinimizeCapacity,
        Timeout ?? fallback.Timeout,
        MinimizeNodes ?? fallback.MinimizeNodes,
        SearchNodes ?? fallback.SearchNodes);
}
