namespace MiniMalloc.Planning;

/// <summary>
/// The pool header's C names checked when the input is read, before any search: a pool name that gives another
/// pool's or a buffer's macro (<see cref="PoolHeaderNames"/>) is error <see cref="DiagnosticCodes.PoolIdentifierCollision"/>,
/// reported at the name to change when the lifetimes file wrote it. Only with a header: without one there are no C names.
/// </summary>
internal static class PoolNameCheck
{
    /// <summary>
    /// True when the names are distinct; else false with the error added. <paramref name="document"/>: the lifetimes
    /// file read (null for CSV), whose own pools apply when <paramref name="filePools"/>, for the error's position.
    /// </summary>
    public static bool Check(Problem problem, PlanPools pools, string file, LifetimesDocument? document, bool filePools, List<Diagnostic> diagnostics)
    {
        var ids = problem.Buffers.Select(b => b.Id).ToList();
        if (PoolHeaderNames.FindCollision(pools.Pools.Select(p => p.Name).ToList(), ids) is not { } collision) return true;
        SourceLocation? location = (collision, document) switch
        {
            ({ Buffer: { } b }, not null) => document.Buffers[b].LocationOf("id"),
            ({ Pool: { } p }, { Pools: { } filed }) when filePools => filed[p].LocationOf("name"),
            _ => null,
        };
        diagnostics.Add(location is { } at
            ? LifetimesRules.Error(DiagnosticCodes.PoolIdentifierCollision, file, at, $"{collision.Message}")
            : new Diagnostic(DiagnosticCodes.PoolIdentifierCollision, DiagnosticSeverity.Error, collision.Message, file));
        return false;
    }
}
