namespace MiniMalloc.Planning;

/// <summary>
/// The limits of <see cref="LifetimesLimits"/> and the C identifier rules, checked on a problem that did not come
/// from the JSON reader (CSV), so that every input format gets the same protection.
/// </summary>
internal static class ProblemLimits
{
    /// <summary>Adds an error per violation; true when there is none.</summary>
    public static bool Check(Problem problem, string file, List<Diagnostic> diagnostics)
    {
        int before = diagnostics.Count;
        var buffers = problem.Buffers;
        if (buffers.Count > LifetimesLimits.MaxBuffers)
        {
            Add(diagnostics, DiagnosticCodes.TooManyBuffers, file, $"the file has {buffers.Count} buffers; the limit is {LifetimesLimits.MaxBuffers}");
            return false;
        }
        Int128 totalSize = 0, totalArea = 0;
        foreach (var b in buffers)
        {
            if (b.Id.Length > LifetimesLimits.MaxIdLength)
            {
                Add(diagnostics, DiagnosticCodes.IdTooLong, file, $"id {JsonText.Quote(b.Id)} is {b.Id.Length} characters long; the limit is {LifetimesLimits.MaxIdLength}");
            }
            if (b.Gaps.Count > LifetimesLimits.MaxGapsPerBuffer)
            {
                Add(diagnostics, DiagnosticCodes.TooManyGaps, file, $"buffer {JsonText.Quote(b.Id)} has {b.Gaps.Count} gaps; the limit is {LifetimesLimits.MaxGapsPerBuffer}");
            }
            if (b.Alignment > LifetimesLimits.MaxAlignment)
            {
                Add(diagnostics, DiagnosticCodes.InvalidAlignment, file, $"buffer {JsonText.Quote(b.Id)} has alignment {b.Alignment}; the limit is 2^30");
            }
            totalSize += b.Size;
            totalArea += (Int128)b.Size * b.Lifespan.Width;
        }
        foreach (var conflict in CIdentifier.FindConflicts(buffers.Select(b => b.Id).ToList()))
        {
            Add(diagnostics, conflict.Fragment is null ? DiagnosticCodes.InvalidId : DiagnosticCodes.IdentifierCollision, file, $"{conflict.Reason}");
        }
        if (totalSize > LifetimesLimits.MaxTotalSize)
        {
            Add(diagnostics, DiagnosticCodes.TotalsTooLarge, file, $"the sizes add up to {totalSize} bytes; the limit is 2^53");
        }
        if (totalArea > LifetimesLimits.MaxTotalArea)
        {
            Add(diagnostics, DiagnosticCodes.TotalsTooLarge, file, $"the areas (size x lifespan) add up to {totalArea}; the limit is 2^62");
        }
        return diagnostics.Count == before;
    }

    private static void Add(List<Diagnostic> diagnostics, string code, string file, FormattableString message) =>
        diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, FormattableString.Invariant(message), file));
}
