namespace MiniMalloc.Planning;

/// <summary>
/// A lifetimes file (format version 1) as read by <see cref="LifetimesReader"/>: every value has been checked
/// against the format's rules and limits with the file's own capacity and alignment. Convert it with
/// <see cref="ToProblem(long?, long?)"/>, which checks again with the caller's overrides.
/// </summary>
public sealed record LifetimesDocument
{
    /// <summary>The format version this tool reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file the document was read from (as given to the reader).</summary>
    public required string FilePath { get; init; }

    /// <summary>The format version (always <see cref="CurrentVersion"/> once read).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The model's name (the default symbol prefix), or null.</summary>
    public string? Name { get; init; }

    /// <summary>The capacity in bytes from the file, or null when the file gives none.</summary>
    public long? Capacity { get; init; }

    /// <summary>The file's default buffer alignment (1 when absent).</summary>
    public long Alignment { get; init; } = 1;

    /// <summary>The buffers, in file order (the order of offsets in plans).</summary>
    public required IReadOnlyList<LifetimesBuffer> Buffers { get; init; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex: names the input in the header banner.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Where top-level properties' values start, by property name ("capacity", "alignment", ...).</summary>
    public IReadOnlyDictionary<string, SourceLocation> PropertyLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The location of a top-level property's value, or of the document when it is absent.</summary>
    public SourceLocation LocationOf(string property) =>
        PropertyLocations.TryGetValue(property, out var location) ? location : new SourceLocation(1, 1, "$");

    /// <summary>
    /// Builds the solver's problem with the effective capacity and default alignment (the caller's value when
    /// given, else the file's) and checks the rules that depend on them (a buffer larger than the capacity, a
    /// misaligned fixed offset), reporting positioned errors.
    /// </summary>
    /// <param name="capacity">Overrides the file's capacity; null keeps it.</param>
    /// <param name="alignment">Overrides the file's default alignment; null keeps it.</param>
    public ProblemConversion ToProblem(long? capacity = null, long? alignment = null) =>
        LifetimesRules.ToProblem(this, capacity, alignment);
}
