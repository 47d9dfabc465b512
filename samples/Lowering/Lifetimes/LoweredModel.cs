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
    /// <summary>
    /// The most bytes live at any one step (a lower bound on the arena) and the first step reaching it. Buffers that
    /// share bytes (aliases) count each shared byte once.
    /// </summary>
    public (long Bytes, int Step) MaxLive()
    {
        var byId = Buffers.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var placed = Buffers.Select(b => (Buffer: b, Place: RootOf(b, byId))).ToList();
        (long Bytes, int Step) best = (0, 0);
        for (int step = 0; step < Steps.Count; step++)
        {
            long live = 0;
            foreach (var group in placed.GroupBy(p => p.Place.Root))
            {
                // The union of the members' occupied ranges, shifted into the root.
                long reached = long.MinValue;
                foreach (var (lower, upper) in group.Select(p => (p.Buffer.OccupiedAt(step), p.Place.Offset))
                             .Where(r => r.Item1.Upper > r.Item1.Lower)
                             .Select(r => (r.Item1.Lower + r.Offset, r.Item1.Upper + r.Offset))
                             .OrderBy(r => r.Item1))
                {
                    long from = Math.Max(lower, reached);
                    if (upper > from)
                    {
                        live += upper - from;
                        reached = upper;
                    }
                }
            }

            if (live > best.Bytes)
            {
                best = (live, step);
            }
        }

        return best;
    }

    /// <summary>The number of buffers that are aliases of another.</summary>
    public int AliasCount => Buffers.Count(b => b.Alias is not null);

    private static (string Root, long Offset) RootOf(PlannedBuffer buffer, Dictionary<string, PlannedBuffer> byId)
    {
        long offset = 0;
        while (buffer.Alias is { } alias)
        {
            offset += alias.Offset;
            buffer = byId[alias.Owner];
        }

        return (buffer.Id, offset);
    }
}
