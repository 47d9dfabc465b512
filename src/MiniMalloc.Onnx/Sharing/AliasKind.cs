namespace MiniMalloc.Onnx;

/// <summary>Why a buffer lives in another buffer's bytes; firmware that checks its arena needs to know who writes them.</summary>
public enum AliasKind
{
    /// <summary>The output of a view operator: its bytes are (part of) its input's, the operator writes nothing.</summary>
    View,

    /// <summary>An elementwise operator's output written over an input whose bytes die at that step.</summary>
    InPlace,

    /// <summary>A Concat input produced directly into its slice of the Concat's output (the Concat copies nothing for it).</summary>
    Slice,
}

/// <summary>A buffer that lives in another's bytes: the lifetimes file's <c>alias</c>.</summary>
/// <param name="Owner">The owner's id (itself possibly an alias).</param>
/// <param name="Offset">Where this buffer's bytes begin inside the owner's.</param>
/// <param name="Kind">View, in-place output or Concat slice.</param>
public sealed record LoweredAlias(string Owner, long Offset, AliasKind Kind)
{
    /// <summary>The kind as the schedule header writes it: "view", "in-place" or "slice".</summary>
    public string KindWord => Kind switch { AliasKind.View => "view", AliasKind.InPlace => "in-place", _ => "slice" };
}
