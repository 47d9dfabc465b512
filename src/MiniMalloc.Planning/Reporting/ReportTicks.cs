namespace MiniMalloc.Planning;

/// <summary>Round axis values: 1-2-5 steps for schedule steps, powers of two for bytes (they read as KiB and MiB).</summary>
internal static class ReportTicks
{
    /// <summary>Multiples of 1, 2 or 5 times a power of ten in [<paramref name="low"/>, <paramref name="high"/>], at most about <paramref name="count"/>.</summary>
    public static IReadOnlyList<long> Decimal(long low, long high, int count)
    {
        long span = Math.Max(1, high - low);
        long step = 1;
        while (true)
        {
            foreach (long factor in (ReadOnlySpan<long>)[1, 2, 5])
            {
                if (span / (step * factor) <= count) return Multiples(low, high, step * factor);
            }
            step *= 10;
        }
    }

    /// <summary>Multiples of a power of two in [0, <paramref name="high"/>], at most about <paramref name="count"/>.</summary>
    public static IReadOnlyList<long> Binary(long high, int count)
    {
        long step = 1;
        while (Math.Max(1, high) / step > count) step *= 2;
        return Multiples(0, high, step);
    }

    private static List<long> Multiples(long low, long high, long step)
    {
        var ticks = new List<long>();
        long first = low >= 0 ? (low + step - 1) / step * step : -(-low / step * step);
        for (long value = first; value <= high; value += step) ticks.Add(value);
        return ticks;
    }
}
