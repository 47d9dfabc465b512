namespace MiniMalloc.Onnx;

/// <summary>What a planned buffer holds.</summary>
public enum BufferRole
{
    /// <summary>A graph input, live from step 0.</summary>
    Input,

    /// <summary>A value produced and consumed inside the schedule.</summary>
    Intermediate,

    /// <summary>A graph output, live to the end of the schedule.</summary>
    Output,
}

/// <summary>One buffer of the lifetimes file: one ONNX value, possibly living in another's bytes.</summary>
/// <param name="Id">The ONNX value's name.</param>
/// <param name="Start">The step that writes it (graph inputs: 0).</param>
/// <param name="End">One past the last step that reads it (graph outputs: the step count); exclusive.</param>
/// <param name="Size">Bytes: elements times element size (sub-byte types packed).</param>
/// <param name="ElementType">The ONNX element type's name ("float", "int64", ...).</param>
/// <param name="Shape">The static shape.</param>
/// <param name="Role">Input, intermediate or output.</param>
/// <param name="Alias">The buffer whose bytes this one lives in, and why; null for a buffer of its own.</param>
public sealed record LoweredBuffer(string Id, long Start, long End, long Size, string ElementType, IReadOnlyList<long> Shape, BufferRole Role, LoweredAlias? Alias = null);

/// <summary>One step of the schedule: the node that runs and the planned buffers it reads and writes.</summary>
/// <param name="Index">The step (0-based).</param>
/// <param name="NodeIndex">The node's position in the model file.</param>
/// <param name="Name">The node's name, else "OpType_position".</param>
/// <param name="OpType">The operator.</param>
/// <param name="Reads">Planned buffers read (weights and zero-size values are not planned), in argument order.</param>
/// <param name="Writes">Planned buffers written.</param>
public sealed record LoweredStep(int Index, int NodeIndex, string Name, string OpType, IReadOnlyList<string> Reads, IReadOnlyList<string> Writes);

/// <summary>An ONNX model lowered to tensor lifetimes: the schedule, the buffers, and figures about both.</summary>
public sealed class LoweredModel
{
    /// <summary>The lifetimes file's name (the default symbol prefix of the generated header).</summary>
    public required string Name { get; init; }

    /// <summary>The model file's name (for generated comments).</summary>
    public required string SourceFile { get; init; }

    /// <summary>The steps, in execution order.</summary>
    public required IReadOnlyList<LoweredStep> Steps { get; init; }

    /// <summary>The buffers, ordered by first step, then graph-input order or output position.</summary>
    public required IReadOnlyList<LoweredBuffer> Buffers { get; init; }

    /// <summary>Nodes in the model file.</summary>
    public required int NodeCount { get; init; }

    /// <summary>Nodes computed from weights only (not steps).</summary>
    public required int WeightNodeCount { get; init; }

    /// <summary>Initializers (dense and sparse).</summary>
    public required int InitializerCount { get; init; }

    /// <summary>Step outputs whose shape came from an operator rule, and from the model's value_info.</summary>
    public required (int Inferred, int FromValueInfo) ShapeSources { get; init; }

    /// <summary>Warnings (for example: the stored node order was sorted).</summary>
    public required IReadOnlyList<LoweringDiagnostic> Warnings { get; init; }

    /// <summary>The sum of all buffer sizes.</summary>
    public long SumOfSizes => Buffers.Sum(b => b.Size);

    /// <summary>The number of buffers that live in another's bytes.</summary>
    public int AliasCount => Buffers.Count(b => b.Alias is not null);

    /// <summary>
    /// The most bytes live at one step, and the first step where that happens: a lower bound on any arena. Buffers
    /// that share bytes (aliases) count each shared byte once: a group holds, at a step, the union of the byte
    /// ranges of its members live then.
    /// </summary>
    public (long Bytes, int Step) MaxLive
    {
        get
        {
            var byId = Buffers.ToDictionary(b => b.Id, StringComparer.Ordinal);
            var owners = Buffers.Where(b => b.Alias is not null).Select(b => b.Alias!.Owner).ToHashSet(StringComparer.Ordinal);
            var delta = new long[Steps.Count + 1];
            var groups = new Dictionary<string, List<(LoweredBuffer Buffer, long Offset)>>(StringComparer.Ordinal);
            foreach (var b in Buffers)
            {
                if (b.Alias is null && !owners.Contains(b.Id))
                {
                    delta[b.Start] += b.Size;
                    delta[b.End] -= b.Size;
                    continue;
                }
                var (root, offset) = RootOf(b, byId);
                if (!groups.TryGetValue(root, out var members)) groups[root] = members = [];
                members.Add((b, offset));
            }
            foreach (var members in groups.Values)
            {
                for (int step = 0; step < Steps.Count; step++)
                {
                    long covered = 0, reached = long.MinValue;
                    foreach (var (b, offset) in members.Where(m => m.Buffer.Start <= step && step < m.Buffer.End).OrderBy(m => m.Offset))
                    {
                        long from = Math.Max(offset, reached), to = offset + b.Size;
                        if (to > from) covered += to - from;
                        reached = Math.Max(reached, to);
                    }
                    delta[step] += covered;
                    delta[step + 1] -= covered;
                }
            }
            long live = 0, best = 0;
            int at = 0;
            for (int step = 0; step < Steps.Count; step++)
            {
                live += delta[step];
                if (live > best) (best, at) = (live, step);
            }
            return (best, at);
        }
    }

    private static (string Root, long Offset) RootOf(LoweredBuffer buffer, Dictionary<string, LoweredBuffer> byId)
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
