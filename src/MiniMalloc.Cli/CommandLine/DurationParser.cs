using System.Globalization;

namespace MiniMalloc.Cli;

/// <summary>
/// Reads durations as the reference's flags (Abseil) spell them: a sequence of decimal numbers with units
/// (<c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c>, <c>ns</c>), such as <c>10s</c>, <c>500ms</c>, <c>1.5s</c> or
/// <c>1h30m</c>; also a plain number of seconds, and <c>inf</c> for no limit.
/// </summary>
internal static class DurationParser
{
    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ];

    /// <summary>Parses <paramref name="text"/>; null on success means no limit. Returns false for malformed or negative text.</summary>
    public static bool TryParse(string text, out TimeSpan? duration)
    {
        duration = null;
        text = text.Trim();
        if (text is "inf" or "infinite" or "none") return true;
        if (text.Length == 0) return false;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double plainSeconds))
        {
            return TryMake(plainSeconds, out duration);
        }
        double seconds = 0;
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (!double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }
            int unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.') i++;
            string unit = text[unitStart..i];
            int match = Array.FindIndex(Units, u => u.Unit == unit);
            if (match < 0) return false;
            seconds += number * Units[match].Seconds;
        }
        return TryMake(seconds, out duration);
    }

    private static bool TryMake(double seconds, out TimeSpan? duration)
    {
        duration = null;
        // TimeSpan holds about 29,000 years; anything longer is as good as no limit but is surely a typo.
        if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
