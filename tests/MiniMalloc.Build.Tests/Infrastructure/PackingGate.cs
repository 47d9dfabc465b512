namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>
/// One packing of MiniMalloc.Build at a time in this test run. Packing publishes the task once per platform, which
/// compiles it into the task project's obj/ folders; two packs at once (the package fixtures' and the sample
/// pipeline's) would write and read the same files there.
/// </summary>
public static class PackingGate
{
    private static readonly Lock Gate = new();

    /// <summary>Runs <paramref name="pack"/> while no other pack of this run does.</summary>
    public static T Run<T>(Func<T> pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        lock (Gate) return pack();
    }
}
