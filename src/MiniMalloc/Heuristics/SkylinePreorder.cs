namespace MiniMalloc;

/// <summary>The preorder by which <see cref="SkylineDescent"/> breaks ties among buffers of equal min offset (each key descending).</summary>
public enum SkylinePreorder
{
    /// <summary>
    /// The largest live total of any step the buffer spans, then its width (lifespan), then its area: the exact
    /// search's TWA. Measured the lowest of the search's three on networks with long-lived buffers.
    /// </summary>
    TotalWidthArea,

    /// <summary>The largest live total, then area, then width: the search's TAW.</summary>
    TotalAreaWidth,
}
