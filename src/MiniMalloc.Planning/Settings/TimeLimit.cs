using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>
/// The solver's time limit: a duration of zero or more, or no limit (the default value). Read from text in every
/// spelling either front has ever taken, so that one value means the same in both: plain seconds (<c>30</c>,
/// <c>2.5</c>), a number with units as the reference program's flags take them (<c>500ms</c>, <c>10s</c>,
/// <c>1h30m</c>; units h, m, s, ms, us, µs, ns), a .NET time span (<c>00:01:30</c>), or <c>inf</c> for no limit.
/// </summary>
internal readonly record struct TimeLimit
{
    /// <summary>What a time limit setting must be, for messages.</summary>
    public const string Expected = "a duration: seconds (30, 2.5), a number with units (500ms, 10s, 1h30m), a time span (00:01:30), or inf for no limit; never negative";

    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ];

    private static readonly string[] Unlimited = ["inf", "infinite", "none"];

    private TimeLimit(TimeSpan span) => Span = span;

    /// <summary>The limit, or null for none.</summary>
    public TimeSpan? Span { get; }

    /// <summary>No limit.</summary>
    public static TimeLimit None => default;

    /// <summary>A limit of <paramref name="span"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="span"/> is negative.</exception>
    public static TimeLimit Of(TimeSpan span) =>
        span >= TimeSpan.Zero ? new TimeLimit(span) : throw new ArgumentOutOfRangeException(nameof(span), span, "a time limit is never negative");

    /// <summary>
    /// Parses a setting's text (blanks around it ignored); otherwise <paramref name="error"/> is
    /// <see cref="DiagnosticCodes.InvalidTimeout"/> naming <paramref name="setting"/> and the text.
    /// </summary>
    public static bool TryParse(string text, string setting, out TimeLimit limit, [NotNullWhen(false)] out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryRead(text.Trim(), out limit))
        {
            error = null;
            return true;
        }
        error = SettingError.Invalid(DiagnosticCodes.InvalidTimeout, setting, text, Expected);
        return false;
    }

    /// <summary>"2.5 s", or "no limit".</summary>
    public override string ToString() => Span is { } span ? Seconds(span) : "no limit";

    /// <summary>A duration in seconds for messages: "0.1 s", "2.5 s".</summary>
    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static bool TryRead(string text, out TimeLimit limit)
    {
        limit = None;
        if (Unlimited.Contains(text, StringComparer.OrdinalIgnoreCase)) return true;
        if (text.Length == 0) return false;
        // Plain seconds first: a time span would read "30" as thirty days.
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double plain)) return TryMake(plain, out limit);
        if (TryReadWithUnits(text, out double seconds)) return TryMake(seconds, out limit);
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            limit = new TimeLimit(span);
            return true;
        }
        return false;
    }

    // A sequence of decimal numbers, each followed by a unit, as the reference's flag library spells durations.
    private static bool TryReadWithUnits(string text, out double seconds)
    {
        seconds = 0;
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
            int unit = Array.FindIndex(Units, u => text.AsSpan(unitStart, i - unitStart).SequenceEqual(u.Unit));
            if (unit < 0) return false;
            seconds += number * Units[unit].Seconds;
        }
        return true;
    }

    private static bool TryMake(double seconds, out TimeLimit limit)
    {
        limit = None;
        // TimeSpan holds about 29,000 years; anything near that is as good as no limit but is surely a typo.
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2) return false;
        limit = new TimeLimit(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
        return true;
    }
}
