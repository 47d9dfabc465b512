namespace MiniMalloc;

/// <summary>Offsets rounded to an alignment: the one rule every allocator and search uses.</summary>
internal static class Aligned
{
    /// <summary>The least multiple of <paramref name="alignment"/> (at least 1) at or above <paramref name="value"/> (at least 0).</summary>
    public static long Up(long value, long alignment)
    {
        System.Diagnostics.Debug.Assert(alignment >= 1 && value >= 0, "offsets are non-negative and alignments positive");
        long remainder = value % alignment;
        return remainder == 0 ? value : value + alignment - remainder;
    }
}
