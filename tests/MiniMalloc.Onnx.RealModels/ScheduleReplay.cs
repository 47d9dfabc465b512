namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// Runs a lowered model's schedule over its planned arena without computing anything: every byte carries the tag
/// of the buffer that last wrote it. The caller writes the graph inputs before step 0; at each step the node first
/// reads its inputs (every byte must still carry what its producer left there), then writes its outputs (tagging
/// their bytes), and then every output and every input is read again. A lifetime that ends a step early, or two
/// buffers live at once on the same bytes, shows up as a read of a foreign tag. The schedule's reads and writes
/// come from the ONNX graph (the nodes' arguments), not from the lifetimes, so the check is independent of them.
/// <para>Shared bytes follow their meaning for a firmware that runs the operators in place: a view writes nothing
/// and must read what its owner holds there; a Concat slice writes its bytes inside the Concat's output, which then
/// writes only the rest and must read the slices' data there; an in-place output writes over its input, which is
/// therefore not read again after the step (the node reads element i before it writes it). Nothing else excuses a
/// foreign tag: two buffers of different groups on the same bytes are caught exactly as without aliases.</para>
/// </summary>
public static class ScheduleReplay
{
    /// <summary>Null when every read found its own data; else what went wrong, naming the step, node and buffers.</summary>
    public static string? Run(LoweredModel model, IReadOnlyDictionary<string, long> offsets, long arenaSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(offsets);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < model.Buffers.Count; i++) index[model.Buffers[i].Id] = i;
        var slicesOf = model.Buffers.Where(b => b.Alias is { Kind: AliasKind.Slice })
            .ToLookup(b => b.Alias!.Owner, b => (Index: index[b.Id], b.Alias!.Offset, b.Size), StringComparer.Ordinal);
        var expected = new Dictionary<int, List<(long From, long To, int Tag)>>();
        var tags = new int[arenaSize];
        Array.Fill(tags, -1);

        foreach (var b in model.Buffers.Where(b => b.Role == BufferRole.Input || (b.Role == BufferRole.Output && b.Start == 0 && !model.Steps.Any(s => s.Writes.Contains(b.Id)))))
        {
            Write(b.Id);
        }
        foreach (var step in model.Steps)
        {
            foreach (var value in step.Reads)
            {
                if (Verify(value) is { } problem) return $"step {step.Index} ({step.OpType} {step.Name}), before it runs: {problem}";
            }
            foreach (var output in step.Writes) Write(output);
            var overwritten = step.Writes.Select(w => model.Buffers[index[w]]).Where(b => b.Alias is { Kind: AliasKind.InPlace })
                .Select(b => Root(b.Id)).ToHashSet(StringComparer.Ordinal);
            foreach (var value in step.Writes.Concat(step.Reads.Where(r => !overwritten.Contains(Root(r)))))
            {
                if (Verify(value) is { } problem) return $"step {step.Index} ({step.OpType} {step.Name}): {problem}";
            }
        }
        foreach (var b in model.Buffers.Where(b => b.Role == BufferRole.Output))
        {
            if (Verify(b.Id) is { } problem) return $"after the last step, reading graph output: {problem}";
        }
        return null;

        string Root(string id)
        {
            while (model.Buffers[index[id]].Alias is { } alias) id = alias.Owner;
            return id;
        }

        // A view writes nothing; any other buffer writes its bytes except those its slices were produced into.
        void Write(string id)
        {
            int b = index[id];
            var buffer = model.Buffers[b];
            if (buffer.Alias is { Kind: AliasKind.View }) return;
            foreach (var (from, to, tag) in Expected(b))
            {
                if (tag == b) tags.AsSpan(checked((int)(offsets[id] + from)), checked((int)(to - from))).Fill(b);
            }
        }

        string? Verify(string id)
        {
            int b = index[id];
            foreach (var (from, to, tag) in Expected(b))
            {
                var bytes = tags.AsSpan(checked((int)(offsets[id] + from)), checked((int)(to - from)));
                int bad = bytes.IndexOfAnyExcept(tag);
                if (bad < 0) continue;
                string by = bytes[bad] < 0 ? "never written" : $"overwritten by \"{model.Buffers[bytes[bad]].Id}\"";
                string whose = tag == b ? "" : $" (holding \"{model.Buffers[tag].Id}\"'s data)";
                return $"byte {from + bad} of \"{id}\"{whose} (arena offset {offsets[id] + from + bad}) was {by}";
            }
            return null;
        }

        // Which buffer's data each byte range of buffer b holds while b is live: a view its owner's (there); any
        // other buffer its own, except where a slice of it was produced (that slice's).
        List<(long From, long To, int Tag)> Expected(int b)
        {
            if (expected.TryGetValue(b, out var known)) return known;
            var buffer = model.Buffers[b];
            var ranges = new List<(long From, long To, int Tag)>();
            if (buffer.Alias is { Kind: AliasKind.View } view)
            {
                foreach (var (from, to, tag) in Expected(index[view.Owner]))
                {
                    long lower = Math.Max(from, view.Offset), upper = Math.Min(to, view.Offset + buffer.Size);
                    if (upper > lower) ranges.Add((lower - view.Offset, upper - view.Offset, tag));
                }
            }
            else
            {
                long cursor = 0;
                foreach (var (slice, offset, size) in slicesOf[buffer.Id].OrderBy(s => s.Offset))
                {
                    if (offset > cursor) ranges.Add((cursor, offset, b));
                    ranges.AddRange(Expected(slice).Select(r => (r.From + offset, r.To + offset, r.Tag)));
                    cursor = offset + size;
                }
                if (buffer.Size > cursor) ranges.Add((cursor, buffer.Size, b));
            }
            expected[b] = ranges;
            return ranges;
        }
    }
}
