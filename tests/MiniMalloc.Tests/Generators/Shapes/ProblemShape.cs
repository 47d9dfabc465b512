namespace MiniMalloc.Generators;

/// <summary>
/// The kinds of lifetime structure <see cref="ShapeProblemGenerator"/> makes: shapes seen in real models whose
/// live sets can be large, unlike <see cref="NetworkProblemGenerator"/>'s short-lived activations.
/// </summary>
internal enum ProblemShape
{
    /// <summary>A chain of operators whose outputs die within a few steps, except a share that lives for long (skip connections kept for thousands of steps).</summary>
    Network,

    /// <summary>A training step: each forward activation lives until its layer's backward step, so lifetimes nest and all of them are live at the turn.</summary>
    Training,

    /// <summary>A decoder: every layer's K and V caches live to the end of the pass, beside a dozen short intermediates per layer.</summary>
    Decoder,

    /// <summary>An encoder-decoder: encoder block i's output is read by decoder block i, so equally long skip connections overlap like roof tiles; the encoder's memory lives through the whole decoder.</summary>
    EncoderDecoder,

    /// <summary>A U-Net of residual blocks: each block's input lives across the block, and each level's output is kept (nested) until the mirrored up level; sizes halve with depth.</summary>
    UNet,

    /// <summary>Inception-like modules: one input fans out into many branches whose outputs all stay live until the module's concatenation.</summary>
    Inception,

    /// <summary>
    /// No model's structure: one buffer per step, each live for an exponentially distributed number of steps (mean
    /// the live set), so lifetimes of every length interleave at random. A check against tuning to the other shapes.
    /// </summary>
    Random,
}
