namespace MiniMalloc.Planning;

/// <summary>
/// The planning pipeline behind both fronts (the MSBuild task and the <c>minimalloc</c> command): read and check
/// the input, look the plan up in the cache, else solve (warm-started from the previous plan) or minimize, fall
/// back to a heuristic plan after a timeout, validate every plan, then write the outputs asked for (the header
/// only when it changed) and the build state. On failure nothing is written, except the optional report, which
/// explains the failure.
/// </summary>
internal static class Planner
{
    /// <summary>Plans <paramref name="request"/>; bad input and solver failures are diagnostics, not exceptions.</summary>
    public static PlanOutcome Run(PlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PlanRun(request, cancellationToken).Execute();
    }
}
