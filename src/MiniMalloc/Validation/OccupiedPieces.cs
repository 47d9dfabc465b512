namespace MiniMalloc;

/// <summary>
/// A buffer's occupancy as pieces of (steps, bytes relative to its offset): its lifespan minus its gaps, plus
/// each windowed gap with its window. Used by the validator and by anything that draws or measures live bytes.
/// </summary>
public static class OccupiedPieces
{
    /// <summary>One stretch of steps during which the buffer occupies <see cref="Window"/> of its space.</summary>
    /// <param name="Steps">The half-open interval of steps.</param>
    /// <param name="Window">The bytes occupied, relative to the buffer's offset.</param>
    public readonly record struct Piece(Lifespan Steps, Window Window);

    /// <summary>The buffer's pieces in increasing step order; empty stretches are left out.</summary>
    public static IReadOnlyList<Piece> Of(Buffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var full = new Window(0, buffer.Size);
        if (buffer.Gaps.Count == 0) return [new Piece(buffer.Lifespan, full)];
        var pieces = new List<Piece>(buffer.Gaps.Count * 2 + 1);
        long cursor = buffer.Lifespan.Lower;
        foreach (var gap in buffer.Gaps.OrderBy(g => g.Lifespan.Lower))
        {
            long start = Math.Max(gap.Lifespan.Lower, cursor);
            if (start > cursor) pieces.Add(new Piece(new Lifespan(cursor, start), full));
            long end = Math.Min(gap.Lifespan.Upper, buffer.Lifespan.Upper);
            if (gap.Window is { } w && end > start && w.Upper > w.Lower) pieces.Add(new Piece(new Lifespan(start, end), w));
            cursor = Math.Max(cursor, end);
        }
        if (buffer.Lifespan.Upper > cursor) pieces.Add(new Piece(new Lifespan(cursor, buffer.Lifespan.Upper), full));
        return pieces;
    }

    /// <summary>
    /// The first step at which buffer <paramref name="a"/> at <paramref name="offsetA"/> and buffer
    /// <paramref name="b"/> at <paramref name="offsetB"/> share a byte, or null when they never do.
    /// </summary>
    public static long? FirstConflict(Buffer a, long offsetA, Buffer b, long offsetB)
    {
        if (!a.Lifespan.Overlaps(b.Lifespan)) return null;
        if (offsetA + a.Size <= offsetB || offsetB + b.Size <= offsetA) return null;
        long? first = null;
        foreach (var pa in Of(a))
        {
            foreach (var pb in Of(b))
            {
                if (!pa.Steps.Overlaps(pb.Steps)) continue;
                long loA = offsetA + pa.Window.Lower, hiA = offsetA + pa.Window.Upper;
                long loB = offsetB + pb.Window.Lower, hiB = offsetB + pb.Window.Upper;
                if (loA < hiB && loB < hiA)
                {
                    long step = Math.Max(pa.Steps.Lower, pb.Steps.Lower);
                    if (first is null || step < first) first = step;
                }
            }
        }
        return first;
    }
}
