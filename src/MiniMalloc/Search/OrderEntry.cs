namespace MiniMalloc.Search;

/// <summary>An unplaced buffer in the dynamic ordering of a node: its current min offset and its preorder index.</summary>
internal readonly record struct OrderEntry(long Offset, int Preorder);
