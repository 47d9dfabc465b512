using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>An unplaced buffer in the dynamic ordering of a node: its current min offset and its preorder index.</summary>
/// <remarks>Comparable, so that a span of entries sorts by calling the comparison directly (no delegate per pair).</remarks>
internal readonly record struct OrderEntry(long Offset, int Preorder) : IComparable<OrderEntry>
{
    /// <summary>The order of dynamic ordering and of canonical solutions: by offset, then by preorder index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Precedes(in OrderEntry a, in OrderEntry b)
        => a.Offset < b.Offset || (a.Offset == b.Offset && a.Preorder < b.Preorder);

    /// <summary>The same order as <see cref="Precedes"/>: by offset, then by preorder index.</summary>
    public int CompareTo(OrderEntry other)
        => Offset != other.Offset ? Offset.CompareTo(other.Offset) : Preorder.CompareTo(other.Preorder);
}
