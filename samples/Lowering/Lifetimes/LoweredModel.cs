using Lowering.Model;

namespace Lowering.Lifetimes;

/// <summary>The result of lowering: the schedule and the buffers to plan, with a few statistics.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="SourceFile">The model file's name (no folder, so that outputs do not depend on where it is).</param>
/// <param name="Capacity">The arena capacity the model states, if any.</param>
/// <param name="Alignment">The default alignment the model states, if any.</param>
/// <param name="Steps">Operators in execution order: step i runs Steps[i].</param>
/// <param name="Buffers">Buffers to plan, ordered by first step, then by declaration.</param>
/// <param name="ConstantCount">Number of weights and constants (not planned).</param>
/// <param name="ConstantBytes">Their total size.</param>
public sealed record LoweredModel(
    string Name,
    string SourceFile,
    long? Capacity,
    long? Alignment,
    IReadOnlyList<OperatorSpec> Steps,
    IReadOnlyList<PlannedBuffer> Buffers,
    int ConstantCount,
    long ConstantBytes)
{
    /// <summary>The most bytes live at any one step (a lower bound on the arena) and the first step reaching it.</summary>
    public (long Bytes, int Step) MaxLive()
    {
        (long Bytes, int Step) best = (0, 0);
        for (int step = 0; step < Steps.Count; step++)
        {
            long live = Buffers.Sum(b => b.LiveBytesAt(step));
            if (live > best.Bytes)
            {
                best = (live, step);
            }
        }

        return best;
    }
}
