namespace MiniMalloc.Planning;

/// <summary>One pool as read from a version-2 lifetimes file, with where it was written.</summary>
internal sealed record LifetimesPool
{
    /// <summary>The pool's validated values (its cost null when the file gives none: then its position).</summary>
    public required PoolSpec Spec { get; init; }

    /// <summary>Where the pool object starts; its JSON path is <c>$.pools[i]</c>.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Where each property's value starts, by property name ("name", "capacity", ...).</summary>
    public IReadOnlyDictionary<string, SourceLocation> PropertyLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The location of <paramref name="property"/>'s value, or of the pool object when it is absent.</summary>
    public SourceLocation LocationOf(string property) =>
        PropertyLocations.TryGetValue(property, out var location) ? location : Location;
}
