namespace Lowering.Lifetimes;

/// <summary>Why a buffer lives in another buffer's bytes; the firmware's check needs to know who writes them.</summary>
public enum AliasKind
{
    /// <summary>The output of a view operator (Reshape, Flatten, Squeeze, Unsqueeze, Identity): its bytes are its input's, nothing is written.</summary>
    View,

    /// <summary>An elementwise operator's output written over an input that dies at that step.</summary>
    InPlace,

    /// <summary>A Concat input produced directly into its slice of the output (the Concat copies nothing for it).</summary>
    Slice,
}
