namespace MiniMalloc.Planning;

/// <summary>One buffer as read from a lifetimes file, with the position of each of its properties.</summary>
internal sealed record LifetimesBuffer
{
    /// <summary>The id, unique within the file.</summary>
    public required string Id { get; init; }

    /// <summary>The first step at which the buffer is live.</summary>
    public required long Start { get; init; }

    /// <summary>The first step at which the buffer is no longer live (half-open lifespan).</summary>
    public required long End { get; init; }

    /// <summary>Bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The buffer's own alignment, or null to use the file's (or the caller's) default.</summary>
    public Alignment? Alignment { get; init; }

    /// <summary>Gaps in the lifespan, in file order.</summary>
    public IReadOnlyList<LifetimesGap> Gaps { get; init; } = [];

    /// <summary>A fixed offset, or null.</summary>
    public long? Offset { get; init; }

    /// <summary>A preferred offset, or null.</summary>
    public long? Hint { get; init; }

    /// <summary>The buffer lives in another buffer's bytes, or null.</summary>
    public LifetimesAlias? Alias { get; init; }

    /// <summary>The names of the pools the buffer may go to (version 2), with their positions; null: every pool.</summary>
    public IReadOnlyList<(string Name, SourceLocation Location)>? PoolNames { get; init; }

    /// <summary>What holding the buffer in a pool of cost 1 costs (version 2); null: its size.</summary>
    public long? Weight { get; init; }

    /// <summary>Where the buffer object starts; its JSON path is <c>$.buffers[i]</c>.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Where each property's value starts, by property name ("id", "size", ...).</summary>
    public IReadOnlyDictionary<string, SourceLocation> PropertyLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The location of <paramref name="property"/>'s value, or of the buffer object when it is absent.</summary>
    public SourceLocation LocationOf(string property) =>
        PropertyLocations.TryGetValue(property, out var location) ? location : Location;
}
