namespace MiniMalloc.Planning;

/// <summary>The lifetimes parser's rules on values read together: ids, a buffer's gaps, and the buffers as a whole.</summary>
internal sealed partial class LifetimesParser
{
    private bool CheckId(string id, SourceLocation location)
    {
        if (id.Length == 0)
        {
            Error(DiagnosticCodes.InvalidId, location, $"the id is empty");
            return false;
        }
        if (LifetimesLimits.IdTooLong(id) is { } tooLong)
        {
            Error(DiagnosticCodes.IdTooLong, location, $"{tooLong}");
            return false;
        }
        if (CIdentifier.Fragment(id) is null)
        {
            Error(DiagnosticCodes.InvalidId, location, $"id {JsonText.Quote(id)} has no letter or digit to build a C identifier from");
            return false;
        }
        return true;
    }

    private void CheckGaps(List<(LifetimesGap Gap, SourceLocation WindowLocation)> gaps, long start, long end, long size)
    {
        long previousEnd = long.MinValue;
        foreach (var (gap, windowLocation) in gaps)
        {
            var location = gap.Location;
            if (gap.End <= gap.Start)
            {
                Error(DiagnosticCodes.InvalidGap, location, $"gap [{gap.Start}, {gap.End}) is empty: its end must be greater than its start");
            }
            else if (gap.Start < start || gap.End > end)
            {
                Error(DiagnosticCodes.GapOutsideLifespan, location, $"gap [{gap.Start}, {gap.End}) lies outside the buffer's lifespan [{start}, {end})");
            }
            else if (gap.Start < previousEnd)
            {
                Error(DiagnosticCodes.InvalidGap, location, $"gap [{gap.Start}, {gap.End}) overlaps or precedes the gap before it (gaps must be in increasing order)");
            }
            if (gap.Window is { } window && window.Upper > size)
            {
                Error(DiagnosticCodes.InvalidWindow, windowLocation, $"window [{window.Lower}, {window.Upper}] reaches beyond the buffer's size {size}");
            }
            previousEnd = Math.Max(previousEnd, gap.End);
        }
    }

    /// <summary>Duplicate ids, C identifier collisions and totals: the checks that need every buffer.</summary>
    private void CheckAcrossBuffers(List<LifetimesBuffer> buffers, SourceLocation location)
    {
        var firstById = new Dictionary<string, LifetimesBuffer>(StringComparer.Ordinal);
        var unique = new List<LifetimesBuffer>(buffers.Count);
        foreach (var buffer in buffers)
        {
            if (firstById.TryGetValue(buffer.Id, out var first))
            {
                Error(DiagnosticCodes.DuplicateId, buffer.LocationOf("id"),
                    $"id {JsonText.Quote(buffer.Id)} is already used by {first.Location.JsonPath} (line {first.LocationOf("id").Line})");
            }
            else
            {
                firstById.Add(buffer.Id, buffer);
                unique.Add(buffer);
            }
        }
        foreach (var conflict in CIdentifier.FindConflicts(unique.Select(b => b.Id).ToList()))
        {
            var buffer = unique[conflict.Index];
            string other = conflict.OtherIndex >= 0
                ? $" (line {unique[conflict.OtherIndex].LocationOf("id").Line}, {unique[conflict.OtherIndex].Location.JsonPath})"
                : string.Empty;
            Error(DiagnosticCodes.IdentifierCollision, buffer.LocationOf("id"), $"{conflict.Reason}{other}");
        }
        var sizes = new (long Size, long Width)[buffers.Count];
        for (int i = 0; i < sizes.Length; i++) sizes[i] = (buffers[i].Size, buffers[i].End - buffers[i].Start);
        foreach (string totals in LifetimesLimits.Totals(sizes))
        {
            Error(DiagnosticCodes.TotalsTooLarge, location, $"{totals}");
        }
    }
}
