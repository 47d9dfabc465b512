namespace MiniMalloc;

/// <summary>How a <see cref="MinimizeResult.LowerBound"/> was proven.</summary>
public enum LowerBoundProof
{
    /// <summary>
    /// The most bytes live at one step (or the largest buffer, or the top of a fixed one), rounded up to the step
    /// in which heights come (for example 1024 when every size is a multiple of 1024).
    /// </summary>
    MaxLive,

    /// <summary>
    /// An exact search proved that the buffers within some range of steps (a relaxation of the problem) do not fit
    /// below the bound.
    /// </summary>
    Subset,

    /// <summary>An exact search of the whole problem proved that nothing fits below the bound.</summary>
    Search,
}
