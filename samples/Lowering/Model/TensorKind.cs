namespace Lowering.Model;

/// <summary>The role of a tensor in the graph, which decides whether and how long it is planned.</summary>
public enum TensorKind
{
    /// <summary>An intermediate result: live from its producer's step to one past its last consumer's step.</summary>
    Activation,

    /// <summary>A graph input: live from step 0 (the host writes it before the first operator runs).</summary>
    Input,

    /// <summary>A graph output: live from its producer's step to the end (the host reads it afterwards).</summary>
    Output,

    /// <summary>Weights and other constants: stored in flash, not planned in the arena.</summary>
    Constant,
}
