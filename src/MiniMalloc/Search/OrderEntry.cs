using System.Runtime.CompilerServices;

namespace MiniMalloc.Search;

/// <summary>An unplaced buffer in the dynamic ordering of a node: its current min offset and its preorder index.</summary>
internal readonly record struct OrderEntry(long Offset, int Preorder)
{
    /// <summary>The order of dynamic ordering and of canonical solutions: by offset, then by preorder index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Precedes(in OrderEntry a, in OrderEntry b)
        => a.Offset < b.Offset || (a.Offset == b.Offset && a.Preorder < b.Preorder);
}
