namespace MiniMalloc.Heuristics;

/// <summary>
/// Every buffer's occupied pieces (<see cref="OccupiedPieces"/>) in flat arrays, so that placing a buffer reads
/// arrays instead of allocating lists. Buffers without gaps, the common case, are flagged for a fast path.
/// </summary>
internal sealed class PieceTable
{
    public PieceTable(IReadOnlyList<Buffer> buffers)
    {
        int n = buffers.Count;
        First = new int[n + 1];
        Whole = new bool[n];
        int total = 0;
        for (int b = 0; b < n; b++) total += buffers[b].Gaps.Count == 0 ? 1 : buffers[b].Gaps.Count * 2 + 1;
        var stepLower = new long[total];
        var stepUpper = new long[total];
        var windowLower = new long[total];
        var windowUpper = new long[total];
        int count = 0;
        for (int b = 0; b < n; b++)
        {
            var buffer = buffers[b];
            First[b] = count;
            if (buffer.Gaps.Count == 0)
            {
                Whole[b] = true;
                stepLower[count] = buffer.Lifespan.Lower;
                stepUpper[count] = buffer.Lifespan.Upper;
                windowUpper[count] = buffer.Size;
                count++;
                continue;
            }
            foreach (var piece in OccupiedPieces.Of(buffer))
            {
                stepLower[count] = piece.Steps.Lower;
                stepUpper[count] = piece.Steps.Upper;
                windowLower[count] = piece.Window.Lower;
                windowUpper[count] = piece.Window.Upper;
                count++;
            }
        }
        First[n] = count;
        StepLower = stepLower;
        StepUpper = stepUpper;
        WindowLower = windowLower;
        WindowUpper = windowUpper;
    }

    /// <summary>Buffer b's pieces are the indices [First[b], First[b + 1]).</summary>
    public int[] First { get; }

    /// <summary>True when buffer b occupies all its bytes for its whole lifespan (it has no gaps).</summary>
    public bool[] Whole { get; }

    public long[] StepLower { get; }

    public long[] StepUpper { get; }

    /// <summary>The first byte a piece occupies, relative to its buffer's offset.</summary>
    public long[] WindowLower { get; }

    /// <summary>One past the last byte a piece occupies, relative to its buffer's offset.</summary>
    public long[] WindowUpper { get; }
}
