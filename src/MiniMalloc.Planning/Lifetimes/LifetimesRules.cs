namespace MiniMalloc.Planning;

/// <summary>
/// The checks that depend on the effective capacity and alignment (the caller's values win over the file's), and
/// the conversion to the solver's <see cref="Problem"/>. Shared by the reader and <see cref="LifetimesDocument.ToProblem(long?, long?)"/>.
/// </summary>
internal static class LifetimesRules
{
    public static ProblemConversion ToProblem(LifetimesDocument document, long? capacityOverride, long? alignmentOverride)
    {
        var diagnostics = new List<Diagnostic>();
        string file = document.FilePath;
        if (capacityOverride is { } c && (c < 1 || c > LifetimesLimits.MaxValue))
        {
            diagnostics.Add(Setting(DiagnosticCodes.InvalidCapacitySetting, file, $"the capacity {c} must lie in [1, 2^53]"));
        }
        if (alignmentOverride is { } a && !IsValidAlignment(a))
        {
            diagnostics.Add(Setting(DiagnosticCodes.InvalidAlignmentSetting, file, $"the alignment {a} must be a power of two in [1, 2^30]"));
        }
        if (diagnostics.Count > 0) return new ProblemConversion { Diagnostics = diagnostics };

        long? capacity = capacityOverride ?? document.Capacity;
        long defaultAlignment = alignmentOverride ?? document.Alignment;
        string capacitySource = capacityOverride is null ? "the file's capacity" : "the capacity set for this plan";
        var buffers = new List<Buffer>(document.Buffers.Count);
        foreach (var b in document.Buffers)
        {
            long alignment = b.Alignment ?? defaultAlignment;
            if (capacity is { } limit && b.Size > limit)
            {
                diagnostics.Add(Error(DiagnosticCodes.BufferExceedsCapacity, file, b.LocationOf("size"),
                    $"buffer {JsonText.Quote(b.Id)} has size {b.Size}, more than {capacitySource} {limit}"));
            }
            if (b.Offset is { } offset)
            {
                if (offset % alignment != 0)
                {
                    diagnostics.Add(Error(DiagnosticCodes.MisalignedOffset, file, b.LocationOf("offset"),
                        $"fixed offset {offset} of buffer {JsonText.Quote(b.Id)} is not a multiple of its alignment {alignment}"));
                }
                else if (capacity is { } limit2 && b.Size <= limit2 && offset > limit2 - b.Size)
                {
                    diagnostics.Add(Error(DiagnosticCodes.BufferExceedsCapacity, file, b.LocationOf("offset"),
                        $"buffer {JsonText.Quote(b.Id)} fixed at offset {offset} with size {b.Size} ends at {offset + b.Size}, beyond {capacitySource} {limit2}"));
                }
            }
            long? hint = b.Hint;
            if (hint is { } h && b.Offset is null)
            {
                if (h % alignment != 0 || capacity is { } limit3 && h > limit3 - b.Size)
                {
                    diagnostics.Add(Error(DiagnosticCodes.UnusableHint, file, b.LocationOf("hint"),
                        $"hint {h} of buffer {JsonText.Quote(b.Id)} is ignored: it is not a multiple of the alignment {alignment} or leaves the capacity",
                        DiagnosticSeverity.Warning));
                    hint = null;
                }
            }
            buffers.Add(new Buffer(b.Id, b.Start, b.End, b.Size)
            {
                Alignment = alignment,
                Gaps = b.Gaps.Select(g => new Gap(new Lifespan(g.Start, g.End), g.Window)).ToList(),
                Offset = b.Offset,
                Hint = b.Offset is null ? hint : null,
            });
        }
        if (diagnostics.Any(d => d.IsError)) return new ProblemConversion { Diagnostics = diagnostics, Capacity = capacity, Alignment = defaultAlignment };

        var problem = new Problem(buffers, capacity ?? 0);
        // The reader has checked all of this; the solver's own checker is the last line of defence.
        if (ProblemChecker.FirstError(problem) is { } error)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.ValueOutOfRange, DiagnosticSeverity.Error, error, file));
            return new ProblemConversion { Diagnostics = diagnostics, Capacity = capacity, Alignment = defaultAlignment };
        }
        return new ProblemConversion { Problem = problem, Diagnostics = diagnostics, Capacity = capacity, Alignment = defaultAlignment };
    }

    /// <summary>True for a power of two in [1, <see cref="LifetimesLimits.MaxAlignment"/>].</summary>
    public static bool IsValidAlignment(long alignment) =>
        alignment >= 1 && alignment <= LifetimesLimits.MaxAlignment && long.IsPow2(alignment);

    private static Diagnostic Error(string code, string file, SourceLocation location, FormattableString message,
        DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(code, severity, location.JsonPath + ": " + FormattableString.Invariant(message), file, location.Line, location.Column, location.JsonPath);

    private static Diagnostic Setting(string code, string file, FormattableString message) =>
        new(code, DiagnosticSeverity.Error, FormattableString.Invariant(message), file);
}
