using System.Globalization;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>
/// Parses the text of one MSBuild setting (a property or a metadata value). Empty text means "not set" (null);
/// text that does not parse adds a coded error that names the setting and the value, and also gives null.
/// </summary>
/// <param name="settingName">How the message names the setting, e.g. "Capacity metadata of MiniMallocPlan 'm.json'".</param>
/// <param name="errors">Where parse errors go.</param>
internal readonly struct SettingParser(string settingName, List<Diagnostic> errors)
{
    private const long MaxCapacity = 1L << 53; // the format's own limit for sizes and capacities
    private const long MaxAlignment = 1L << 30;

    public long? Capacity(string? text)
    {
        if (IsUnset(text)) return null;
        if (long.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value is >= 1 and <= MaxCapacity)
        {
            return value;
        }
        Fail(DiagnosticCodes.InvalidCapacitySetting, text, "an integer number of bytes in [1, 2^53]");
        return null;
    }

    public long? Alignment(string? text)
    {
        if (IsUnset(text)) return null;
        if (long.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value is >= 1 and <= MaxAlignment && (value & (value - 1)) == 0)
        {
            return value;
        }
        Fail(DiagnosticCodes.InvalidAlignmentSetting, text, "a power of two in [1, 2^30]");
        return null;
    }

    public bool? Boolean(string? text)
    {
        if (IsUnset(text)) return null;
        if (bool.TryParse(text!.Trim(), out var value)) return value;
        Fail(BuildDiagnosticCodes.InvalidBooleanSetting, text, "true or false");
        return null;
    }

    /// <summary>Seconds ("30", "2.5") or a time span ("00:01:30"); never negative.</summary>
    public TimeSpan? Timeout(string? text)
    {
        if (IsUnset(text)) return null;
        var trimmed = text!.Trim();
        TimeSpan? parsed = null;
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            && Math.Abs(seconds) <= TimeSpan.MaxValue.TotalSeconds)
        {
            parsed = TimeSpan.FromSeconds(seconds);
        }
        else if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span))
        {
            parsed = span;
        }
        if (parsed is { } timeout && timeout >= TimeSpan.Zero) return timeout;
        Fail(DiagnosticCodes.InvalidTimeout, text, "seconds (e.g. 30 or 2.5) or a time span (e.g. 00:01:30), not negative");
        return null;
    }

    public string? Text(string? text) => IsUnset(text) ? null : text!.Trim();

    private static bool IsUnset(string? text) => string.IsNullOrWhiteSpace(text);

    private void Fail(string code, string? text, string expected) =>
        errors.Add(new Diagnostic(code, DiagnosticSeverity.Error,
            $"The {settingName} is '{text}'; expected {expected}."));
}
