namespace MiniMalloc.Planning;

/// <summary>The result of <see cref="PlanCache.TryGet(string, Problem, Capacity?)"/>: an entry whose plan is valid, or none, with infos on why.</summary>
internal sealed record PlanCacheLookup
{
    /// <summary>The entry, or null on a miss (absent, corrupt or invalid entries are misses).</summary>
    public PlanCacheEntry? Entry { get; init; }

    /// <summary>Infos about entries ignored (never errors).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when <see cref="Entry"/> is set.</summary>
    public bool Hit => Entry is not null;
}
