namespace MiniMalloc;

/// <summary>A block of memory that must be live (and must not be overlapped) during its lifespan.</summary>
public sealed record Buffer
{
    /// <summary>Creates a buffer.</summary>
    public Buffer(string id, Lifespan lifespan, long size)
    {
        Id = id;
        Lifespan = lifespan;
        Size = size;
    }

    /// <summary>Creates a buffer from its lifespan's bounds.</summary>
    public Buffer(string id, long lower, long upper, long size) : this(id, new Lifespan(lower, upper), size) { }

    /// <summary>A unique identifier, used in files and diagnostics.</summary>
    public string Id { get; init; }

    /// <summary>The half-open interval of steps during which the buffer is live.</summary>
    public Lifespan Lifespan { get; init; }

    /// <summary>The number of bytes the buffer occupies.</summary>
    public long Size { get; init; }

    /// <summary>Every offset assigned to the buffer is a multiple of this (default 1).</summary>
    public long Alignment { get; init; } = 1;

    /// <summary>Sub-intervals of the lifespan where the buffer is inactive or only partly occupied, in increasing order.</summary>
    public IReadOnlyList<Gap> Gaps { get; init; } = [];

    /// <summary>When set, the buffer must be placed exactly at this offset.</summary>
    public long? Offset { get; init; }

    /// <summary>When set, a preferred offset (for example from a previous plan); the solver tries it first.</summary>
    public long? Hint { get; init; }

    /// <summary>
    /// When set, the buffer lives inside another buffer's bytes and is placed with it (see <see cref="BufferAlias"/>);
    /// it then has no <see cref="Offset"/> or <see cref="Hint"/> of its own. The solvers take problems without
    /// aliases: fold a problem with <see cref="AliasFolding.Fold(Problem)"/> first.
    /// </summary>
    public BufferAlias? Alias { get; init; }

    /// <summary>Size times lifespan width.</summary>
    public long Area => Size * Lifespan.Width;
}
