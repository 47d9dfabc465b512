namespace MiniMalloc.Planning;

/// <summary>
/// A lifetimes file (format version 1, or 2 with pools) as read by <see cref="LifetimesReader"/>: every value has been checked
/// against the format's rules and limits, and the reader has turned it into a <see cref="Problem"/> with the
/// effective capacity and alignment (<see cref="LifetimesReadResult.Problem"/>).
/// </summary>
internal sealed record LifetimesDocument
{
    /// <summary>The format version of one-arena files (version 2 adds pools; a file without pools is written as version 1).</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file the document was read from (as given to the reader).</summary>
    public required string FilePath { get; init; }

    /// <summary>The format version: 1, or 2 (pools and weights allowed).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The model's name (the default symbol prefix), or null.</summary>
    public string? Name { get; init; }

    /// <summary>The capacity in bytes from the file, or null when the file gives none.</summary>
    public Capacity? Capacity { get; init; }

    /// <summary>The file's pools in order of preference (version 2), or null when it gives none.</summary>
    public IReadOnlyList<LifetimesPool>? Pools { get; init; }

    /// <summary>The file's default buffer alignment (1 when absent).</summary>
    public Alignment Alignment { get; init; }

    /// <summary>The buffers, in file order (the order of offsets in plans).</summary>
    public required IReadOnlyList<LifetimesBuffer> Buffers { get; init; }

    /// <summary>The SHA-256 of the file's bytes, computed when first asked for.</summary>
    public required ContentDigest Digest { get; init; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex: names the input in the header banner.</summary>
    public string ContentHash => Digest.Hex;

    /// <summary>Where top-level properties' values start, by property name ("capacity", "alignment", ...).</summary>
    public IReadOnlyDictionary<string, SourceLocation> PropertyLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The location of a top-level property's value, or of the document when it is absent.</summary>
    public SourceLocation LocationOf(string property) =>
        PropertyLocations.TryGetValue(property, out var location) ? location : new SourceLocation(1, 1, "$");
}
