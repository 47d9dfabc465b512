namespace MiniMalloc.Planning;

/// <summary>
/// The C names a pool header generates, after the prefix: per pool <c>POOL_{P}</c> and <c>{P}_ARENA_SIZE</c>,
/// <c>_ARENA_ALIGNMENT</c>, <c>_ARENA_CAPACITY</c>, <c>_BUFFER_COUNT</c>; per buffer <c>{B}_OFFSET</c>, <c>_SIZE</c>,
/// <c>_POOL</c>; and the header's own (<c>POOL_COUNT</c>, <c>BUFFER_COUNT</c>, <c>COST</c>). Pool names are data
/// like buffer ids, so two of these can be the same name; <see cref="FindCollision"/> says which, before a header is written.
/// </summary>
internal static class PoolHeaderNames
{
    private static readonly string[] PoolSuffixes = ["_ARENA_SIZE", "_ARENA_ALIGNMENT", "_ARENA_CAPACITY", "_BUFFER_COUNT"];
    private static readonly string[] BufferSuffixes = ["_OFFSET", "_SIZE", "_POOL"];
    private static readonly string[] Fixed = ["POOL_COUNT", "BUFFER_COUNT", "COST", "STATIC_ASSERT", "ASSERT_NAME", "ASSERT_NAME2", "OFFSETS_H_INCLUDED", "DEFINE_BUFFER_TABLE"];

    /// <summary>The pool's macro fragment (its name's <see cref="CIdentifier.Fragment"/>).</summary>
    public static string Fragment(string poolName) =>
        CIdentifier.Fragment(poolName) ?? throw new ArgumentException($"pool name {JsonText.Quote(poolName)} gives no C identifier", nameof(poolName));

    /// <summary>
    /// The first pair of generated names that collide (a pool's with another pool's or a buffer's): the later of the
    /// two (the pool or the buffer to rename, by index) and a sentence naming both; null when every name is distinct.
    /// Buffer ids among themselves are checked by <see cref="CIdentifier.FindConflicts"/>.
    /// </summary>
    public static PoolNameCollision? FindCollision(IReadOnlyList<string> pools, IReadOnlyList<string> bufferIds)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in Fixed) owner[name] = "the header's own PREFIX_" + name;
        for (int p = 0; p < pools.Count; p++)
        {
            string pool = pools[p], fragment = Fragment(pool);
            foreach (string name in PoolSuffixes.Select(s => fragment + s).Prepend("POOL_" + fragment))
            {
                if (owner.TryGetValue(name, out string? other)) return new PoolNameCollision(Collision(name, $"pool {JsonText.Quote(pool)}", other), Pool: p, Buffer: null);
                owner[name] = $"pool {JsonText.Quote(pool)}";
            }
        }
        for (int b = 0; b < bufferIds.Count; b++)
        {
            string id = bufferIds[b];
            if (CIdentifier.Fragment(id) is not { } fragment) continue;
            foreach (string name in BufferSuffixes.Select(s => fragment + s))
            {
                if (owner.TryGetValue(name, out string? other) && other.StartsWith("buffer ", StringComparison.Ordinal)) break;
                if (owner.TryGetValue(name, out other)) return new PoolNameCollision(Collision(name, $"buffer {JsonText.Quote(id)}", other), Pool: null, Buffer: b);
                owner[name] = $"buffer {JsonText.Quote(id)}";
            }
        }
        return null;
    }

    private static string Collision(string name, string what, string other) =>
        $"{what} and {other} both generate the C name PREFIX_{name}; rename one of them";
}

/// <summary>Two generated names of a pool header that collide: the sentence, and the pool or the buffer (by index) to rename.</summary>
internal sealed record PoolNameCollision(string Message, int? Pool, int? Buffer);
