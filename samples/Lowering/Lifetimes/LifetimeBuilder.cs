using Lowering.Model;

namespace Lowering.Lifetimes;

/// <summary>
/// Turns a model and its schedule into buffer lifetimes. Step i is the i-th operator of the schedule and
/// lifespans are half-open [start, end):
/// <list type="bullet">
/// <item>a graph input lives from step 0 to one past its last consumer's step;</item>
/// <item>an intermediate lives from its producer's step to one past its last consumer's step (just its
/// producer's step when nothing reads it);</item>
/// <item>a graph output lives from its producer's step to the end;</item>
/// <item>a scratch buffer lives from its first to one past its last use, with a gap at every step where no
/// operator needs it and a window where an operator needs only part of it;</item>
/// <item>weights and constants are not planned (they stay in flash).</item>
/// </list>
/// Up to <see cref="ViewLevel"/>, buffers that are the same bytes are marked as aliases (<see cref="AliasFinder"/>).
/// </summary>
public static class LifetimeBuilder
{
    /// <summary>Lowers <paramref name="model"/> in the order <paramref name="steps"/>.</summary>
    public static LoweredModel Build(ModelDescription model, IReadOnlyList<OperatorSpec> steps, ViewLevel views = ViewLevel.All)
    {
        var stepOf = new Dictionary<OperatorSpec, int>();
        for (int i = 0; i < steps.Count; i++)
        {
            stepOf[steps[i]] = i;
        }

        var producedAt = new Dictionary<TensorSpec, int>();
        var lastReadAt = new Dictionary<TensorSpec, int>();
        foreach (var op in steps)
        {
            foreach (var output in op.Outputs)
            {
                producedAt[output] = stepOf[op];
            }

            foreach (var input in op.Inputs)
            {
                lastReadAt[input] = Math.Max(lastReadAt.GetValueOrDefault(input, -1), stepOf[op]);
            }
        }

        var buffers = new List<(PlannedBuffer Buffer, int Declared)>();
        foreach (var tensor in model.Tensors.Where(t => t.IsPlanned))
        {
            long start = tensor.Kind == TensorKind.Input ? 0 : producedAt[tensor];
            long end = tensor.Kind == TensorKind.Output
                ? steps.Count
                : Math.Max(start, lastReadAt.GetValueOrDefault(tensor, (int)start)) + 1;
            string role = tensor.Kind.ToString().ToLowerInvariant();
            buffers.Add((new PlannedBuffer(tensor.Name, role, start, end, tensor.Bytes, tensor.Alignment, tensor.Offset, []), buffers.Count));
        }

        foreach (var scratch in model.Scratch)
        {
            buffers.Add((Scratch(scratch, stepOf), buffers.Count));
        }

        var constants = model.Tensors.Where(t => !t.IsPlanned).ToList();
        return new LoweredModel(
            model.Name,
            Path.GetFileName(model.File),
            model.Capacity,
            model.Alignment,
            steps,
            AliasFinder.Mark(model, steps, buffers.OrderBy(b => b.Buffer.Start).ThenBy(b => b.Declared).Select(b => b.Buffer).ToList(), views),
            constants.Count,
            constants.Sum(t => t.Bytes));
    }

    private static PlannedBuffer Scratch(ScratchSpec scratch, IReadOnlyDictionary<OperatorSpec, int> stepOf)
    {
        var bytesAt = scratch.Uses.ToDictionary(u => (long)stepOf[u.Operator], u => u.Bytes);
        long start = bytesAt.Keys.Min();
        long end = bytesAt.Keys.Max() + 1;
        long size = scratch.Bytes;

        // Walk the lifespan and merge neighbouring steps that need the same part of the buffer.
        var gaps = new List<PlannedGap>();
        for (long step = start; step < end; step++)
        {
            long used = bytesAt.GetValueOrDefault(step, 0);
            if (used == size)
            {
                continue;
            }

            long? upper = used == 0 ? null : used;
            if (gaps.Count > 0 && gaps[^1].End == step && gaps[^1].WindowUpper == upper)
            {
                gaps[^1] = gaps[^1] with { End = step + 1 };
            }
            else
            {
                gaps.Add(new PlannedGap(step, step + 1, upper is null ? null : 0, upper));
            }
        }

        return new PlannedBuffer(scratch.Name, "scratch", start, end, size, scratch.Alignment, null, gaps);
    }
}
