namespace MiniMalloc.Planning;

/// <summary>
/// The limits of <see cref="LifetimesLimits"/> and the C identifier rules, checked on a problem that did not come
/// from the lifetimes reader (CSV), so that every input format gets the same protection.
/// </summary>
internal static class ProblemLimits
{
    /// <summary>
    /// Adds an error per violation; true when there is none. <paramref name="checkIdentifiers"/>: ids must also
    /// make distinct C identifiers (when a header will be written).
    /// </summary>
    public static bool Check(Problem problem, string file, bool checkIdentifiers, List<Diagnostic> diagnostics)
    {
        int before = diagnostics.Count;
        var buffers = problem.Buffers;
        if (buffers.Count > LifetimesLimits.MaxBuffers)
        {
            Add(diagnostics, DiagnosticCodes.TooManyBuffers, file, $"the file has {buffers.Count} buffers; the limit is {LifetimesLimits.MaxBuffers}");
            return false;
        }
        foreach (var b in buffers)
        {
            if (LifetimesLimits.IdTooLong(b.Id) is { } tooLong) Add(diagnostics, DiagnosticCodes.IdTooLong, file, $"{tooLong}");
            if (b.Gaps.Count > LifetimesLimits.MaxGapsPerBuffer)
            {
                Add(diagnostics, DiagnosticCodes.TooManyGaps, file, $"buffer {JsonText.Quote(b.Id)} has {b.Gaps.Count} gaps; the limit is {LifetimesLimits.MaxGapsPerBuffer}");
            }
            // The CSV format allows any positive alignment (not only powers of two), up to the same limit.
            if (b.Alignment > LifetimesLimits.MaxAlignment)
            {
                Add(diagnostics, DiagnosticCodes.InvalidAlignment, file, $"buffer {JsonText.Quote(b.Id)} has alignment {b.Alignment}; the limit is 2^30");
            }
        }
        if (checkIdentifiers)
        {
            foreach (var conflict in CIdentifier.FindConflicts(buffers.Select(b => b.Id).ToList()))
            {
                Add(diagnostics, conflict.Fragment is null ? DiagnosticCodes.InvalidId : DiagnosticCodes.IdentifierCollision, file, $"{conflict.Reason}");
            }
        }
        var sizes = new (long Size, long Width)[buffers.Count];
        for (int i = 0; i < sizes.Length; i++) sizes[i] = (buffers[i].Size, buffers[i].Lifespan.Width);
        foreach (string totals in LifetimesLimits.Totals(sizes))
        {
            Add(diagnostics, DiagnosticCodes.TotalsTooLarge, file, $"{totals}");
        }
        return diagnostics.Count == before;
    }

    private static void Add(List<Diagnostic> diagnostics, string code, string file, FormattableString message) =>
        diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, FormattableString.Invariant(message), file));
}
