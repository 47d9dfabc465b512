namespace MiniMalloc.Planning;

/// <summary>Either a document or the diagnostics that explain why the file could not be read.</summary>
public sealed record LifetimesReadResult
{
    /// <summary>The document, or null when there are errors.</summary>
    public LifetimesDocument? Document { get; init; }

    /// <summary>Every error found (as many as the reader could find in one pass) and warnings, in file order.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>True when <see cref="Document"/> is set.</summary>
    public bool Succeeded => Document is not null;
}
