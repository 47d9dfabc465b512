namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// Runs a lowered model's schedule over its planned arena without computing anything: every byte carries the tag
/// of the buffer that last wrote it. The caller writes the graph inputs before step 0; at each step the node writes
/// its outputs (tagging their bytes) and then reads its inputs, and every byte read must still carry the tag of
/// the buffer read; after the last step the graph outputs are read. A lifetime that ends a step early, or two
/// buffers live at once on the same bytes, shows up as a read of a foreign tag. The schedule's reads and writes
/// come from the ONNX graph (the nodes' arguments), not from the lifetimes, so the check is independent of them.
/// </summary>
public static class ScheduleReplay
{
    /// <summary>Null when every read found its own data; else what went wrong, naming the step, node and buffers.</summary>
    public static string? Run(LoweredModel model, IReadOnlyDictionary<string, long> offsets, long arenaSize)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < model.Buffers.Count; i++) index[model.Buffers[i].Id] = i;
        var tags = new int[arenaSize];
        Array.Fill(tags, -1);

        foreach (var b in model.Buffers.Where(b => b.Role == BufferRole.Input || (b.Role == BufferRole.Output && b.Start == 0 && !model.Steps.Any(s => s.Writes.Contains(b.Id)))))
        {
            Write(b.Id);
        }
        foreach (var step in model.Steps)
        {
            foreach (var output in step.Writes) Write(output);
            foreach (var value in step.Writes.Concat(step.Reads))
            {
                if (Verify(value) is { } problem) return $"step {step.Index} ({step.OpType} {step.Name}): {problem}";
            }
        }
        foreach (var b in model.Buffers.Where(b => b.Role == BufferRole.Output))
        {
            if (Verify(b.Id) is { } problem) return $"after the last step, reading graph output: {problem}";
        }
        return null;

        void Write(string id)
        {
            var buffer = model.Buffers[index[id]];
            tags.AsSpan(checked((int)offsets[id]), checked((int)buffer.Size)).Fill(index[id]);
        }

        string? Verify(string id)
        {
            int tag = index[id];
            var buffer = model.Buffers[tag];
            var bytes = tags.AsSpan(checked((int)offsets[id]), checked((int)buffer.Size));
            int bad = bytes.IndexOfAnyExcept(tag);
            if (bad < 0) return null;
            string by = bytes[bad] < 0 ? "never written" : $"overwritten by \"{model.Buffers[bytes[bad]].Id}\"";
            return $"byte {bad} of \"{id}\" (arena offset {offsets[id] + bad}) was {by}";
        }
    }
}
