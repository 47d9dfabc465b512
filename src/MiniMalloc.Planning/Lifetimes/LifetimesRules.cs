namespace MiniMalloc.Planning;

/// <summary>
/// The checks that depend on the effective capacity and alignment (the caller's values win over the file's), and
/// the conversion to the solver's <see cref="Problem"/>: done once, by the reader, for every caller.
/// </summary>
internal static class LifetimesRules
{
    /// <summary>
    /// Converts <paramref name="document"/> with the effective capacity and alignment, adding a positioned error per
    /// rule broken (and a warning per unusable hint) to <paramref name="diagnostics"/>; null when there are errors.
    /// </summary>
    public static Problem? ToProblem(LifetimesDocument document, Capacity? capacity, Alignment defaultAlignment,
        bool capacityOverridden, List<Diagnostic> diagnostics)
    {
        string file = document.FilePath;
        int errors = 0;
        string capacitySource = capacityOverridden ? "the capacity set for this plan" : "the file's capacity";
        var buffers = new List<Buffer>(document.Buffers.Count);
        foreach (var b in document.Buffers)
        {
            // As the parser does: enough errors to act on, never one per buffer of a large model (a capacity of 0).
            if (errors >= LifetimesParser.MaxErrors) break;
            if (b.PoolNames is [var (poolName, poolLocation), ..])
            {
                // Only a version-2 file gets here with pool names: one without pools (and none set for the plan).
                errors++;
                diagnostics.Add(Error(DiagnosticCodes.UnknownPool, file, poolLocation,
                    $"buffer {JsonText.Quote(b.Id)} names pool {JsonText.Quote(poolName)}, but the file defines no pools (give them in \"pools\", or set them for the plan)"));
                continue;
            }
            if (b.Alias is { } alias)
            {
                // An alias's place follows from its owner's: the default alignment, the capacity and placement
                // checks are the owner's (the alias rules below say what an alias may not ask for).
                buffers.Add(new Buffer(b.Id, b.Start, b.End, b.Size)
                {
                    Alignment = b.Alignment?.Bytes ?? 1,
                    Gaps = b.Gaps.Select(g => new Gap(new Lifespan(g.Start, g.End), g.Window)).ToList(),
                    Offset = b.Offset,
                    Hint = b.Hint,
                    Alias = alias.ToModel(),
                });
                continue;
            }
            long alignment = (b.Alignment ?? defaultAlignment).Bytes;
            if (capacity is { Bytes: var limit } && b.Size > limit)
            {
                errors++;
                diagnostics.Add(Error(DiagnosticCodes.BufferExceedsCapacity, file, b.LocationOf("size"),
                    $"buffer {JsonText.Quote(b.Id)} has size {b.Size}, more than {capacitySource} {limit}"));
            }
            if (b.Offset is { } offset)
            {
                if (offset % alignment != 0)
                {
                    errors++;
                    diagnostics.Add(Error(DiagnosticCodes.MisalignedOffset, file, b.LocationOf("offset"),
                        $"fixed offset {offset} of buffer {JsonText.Quote(b.Id)} is not a multiple of its alignment {alignment}"));
                }
                else if (capacity is { Bytes: var top } && b.Size <= top && offset > top - b.Size)
                {
                    errors++;
                    diagnostics.Add(Error(DiagnosticCodes.BufferExceedsCapacity, file, b.LocationOf("offset"),
                        $"buffer {JsonText.Quote(b.Id)} fixed at offset {offset} with size {b.Size} ends at {offset + b.Size}, beyond {capacitySource} {top}"));
                }
            }
            long? hint = b.Hint;
            if (hint is { } h && b.Offset is null && (h % alignment != 0 || capacity is { Bytes: var room } && h > room - b.Size))
            {
                diagnostics.Add(Error(DiagnosticCodes.UnusableHint, file, b.LocationOf("hint"),
                    $"hint {h} of buffer {JsonText.Quote(b.Id)} is ignored: it is not a multiple of the alignment {alignment} or leaves the capacity",
                    DiagnosticSeverity.Warning));
                hint = null;
            }
            buffers.Add(new Buffer(b.Id, b.Start, b.End, b.Size)
            {
                Alignment = alignment,
                Gaps = b.Gaps.Select(g => new Gap(new Lifespan(g.Start, g.End), g.Window)).ToList(),
                Offset = b.Offset,
                Hint = b.Offset is null ? hint : null,
            });
        }
        if (errors > 0) return null;
        if (!CheckAliases(document, buffers, diagnostics)) return null;

        var problem = new Problem(buffers, capacity?.Bytes ?? 0);
        // The reader has checked all of this; the solver's own checker is the last line of defence.
        if (ProblemChecker.FirstError(problem, allowAliases: true) is { } error)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.ValueOutOfRange, DiagnosticSeverity.Error, error, file));
            return null;
        }
        return problem;
    }

    /// <summary>
    /// The alias rules, which need every buffer (and the effective alignments): owners that exist, no cycles, bytes
    /// within the owner, no placement of its own, an alignment the owner can give. Each error is reported at the
    /// value that would have to change.
    /// </summary>
    internal static bool CheckAliases(LifetimesDocument document, List<Buffer> buffers, List<Diagnostic> diagnostics)
    {
        var groups = AliasGroups.Resolve(buffers);
        foreach (var error in groups.Errors.Take(LifetimesParser.MaxErrors))
        {
            var b = document.Buffers[error.BufferIndex];
            var alias = b.Alias!;
            var (code, location) = error.Kind switch
            {
                AliasErrorKind.UnknownOwner => (DiagnosticCodes.UnknownAliasOwner, alias.OfLocation),
                AliasErrorKind.Cycle => (DiagnosticCodes.AliasCycle, alias.OfLocation),
                AliasErrorKind.OutOfRange => (DiagnosticCodes.AliasOutOfRange, alias.OffsetLocation),
                AliasErrorKind.OwnPlacement => (DiagnosticCodes.AliasPlacement, b.LocationOf(b.Offset is not null ? "offset" : "hint")),
                _ => (DiagnosticCodes.AliasAlignment, b.LocationOf("alignment")),
            };
            diagnostics.Add(Error(code, document.FilePath, location, $"{error.Message}"));
        }
        return groups.Errors.Count == 0;
    }

    internal static Diagnostic Error(string code, string file, SourceLocation location, FormattableString message,
        DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(code, severity, location.JsonPath + ": " + FormattableString.Invariant(message), file, location.Line, location.Column, location.JsonPath);
}
