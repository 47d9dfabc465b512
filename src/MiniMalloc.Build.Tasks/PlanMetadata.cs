namespace MiniMalloc.Build.Tasks;

/// <summary>The metadata names of a MiniMallocPlan item, as the targets pass them to <see cref="PlanMemoryLayout"/>.</summary>
internal static class PlanMetadata
{
    // Set by the project (item metadata); empty means "use the property, then the file's own value".
    public const string Capacity = nameof(Capacity);
    public const string Alignment = nameof(Alignment);
    public const string SymbolPrefix = nameof(SymbolPrefix);
    public const string MinimizeCapacity = nameof(MinimizeCapacity);
    public const string Timeout = nameof(Timeout);
    public const string MinimizeNodes = nameof(MinimizeNodes);
    public const string SearchNodes = nameof(SearchNodes);

    // Resolved by the targets to full paths (header default, report 'true'/'false', state under obj/).
    public const string HeaderFile = nameof(HeaderFile);
    public const string Pools = nameof(Pools);
    public const string ReportFile = nameof(ReportFile);
    public const string PreviousPlanFile = nameof(PreviousPlanFile);

    // Set on the task's output items.
    public const string Source = nameof(Source);
    public const string BufferCount = nameof(BufferCount);
    public const string ArenaSize = nameof(ArenaSize);
    public const string CacheHit = nameof(CacheHit);
    public const string HeaderWritten = nameof(HeaderWritten);
    public const string MovedOffsets = nameof(MovedOffsets);
}
