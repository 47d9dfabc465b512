namespace MiniMalloc;

/// <summary>A set of buffers to place within <see cref="Capacity"/> bytes.</summary>
public sealed record Problem
{
    /// <summary>Creates a problem.</summary>
    public Problem(IReadOnlyList<Buffer> buffers, long capacity)
    {
        Buffers = buffers;
        Capacity = capacity;
    }

    /// <summary>The buffers, in the order that offsets are reported.</summary>
    public IReadOnlyList<Buffer> Buffers { get; init; }

    /// <summary>No buffer may end above this many bytes: offset + size &lt;= capacity.</summary>
    public long Capacity { get; init; }

    /// <summary>A copy of this problem with another capacity.</summary>
    public Problem WithCapacity(long capacity) => this with { Capacity = capacity };
}
