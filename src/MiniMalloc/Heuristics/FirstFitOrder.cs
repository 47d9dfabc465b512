namespace MiniMalloc;

/// <summary>The order in which <see cref="FirstFitDecreasing"/> places the buffers that are not fixed.</summary>
public enum FirstFitOrder
{
    /// <summary>By decreasing size, equal sizes in time order: the runtimes' greedy planners' order.</summary>
    Size,

    /// <summary>
    /// By decreasing size class (the power of two at or below the size), each class in time order. On networks
    /// whose long-lived buffers fragment memory it packs 1-5 % lower than <see cref="Size"/>: buffers of a class
    /// placed in time order fill the holes their predecessors leave, as the sweep does, while the large classes
    /// still go first.
    /// </summary>
    SizeClass,
}
