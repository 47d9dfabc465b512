using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>
/// Parses the text of one MSBuild setting (a property or a metadata value) into its value type. Empty text means
/// "not set at this level" (null); text that does not parse adds the value type's coded error, which names the
/// setting and the value, and also gives null. The rules and their messages live in the value types, shared with
/// the CLI's flags.
/// </summary>
/// <param name="settingName">How the message names the setting, e.g. "Capacity metadata of MiniMallocPlan 'm.json'".</param>
/// <param name="errors">Where parse errors go.</param>
internal readonly struct SettingParser(string settingName, List<Diagnostic> errors)
{
    public Capacity? Capacity(string? text)
    {
        if (IsUnset(text)) return null;
        if (Planning.Capacity.TryParse(text!, settingName, out var value, out var error)) return value;
        errors.Add(error);
        return null;
    }

    public Alignment? Alignment(string? text)
    {
        if (IsUnset(text)) return null;
        if (Planning.Alignment.TryParse(text!, settingName, out var value, out var error)) return value;
        errors.Add(error);
        return null;
    }

    public TimeLimit? Timeout(string? text)
    {
        if (IsUnset(text)) return null;
        if (TimeLimit.TryParse(text!, settingName, out var value, out var error)) return value;
        errors.Add(error);
        return null;
    }

    public NodeBudget? NodeBudget(string? text)
    {
        if (IsUnset(text)) return null;
        if (Planning.NodeBudget.TryParse(text!, settingName, out var value, out var error)) return value;
        errors.Add(error);
        return null;
    }

    /// <summary>MSBuild's booleans: true or false, in any case.</summary>
    public bool? Boolean(string? text)
    {
        if (IsUnset(text)) return null;
        if (bool.TryParse(text!.Trim(), out var value)) return value;
        errors.Add(SettingError.Invalid(BuildDiagnosticCodes.InvalidBooleanSetting, settingName, text, "true or false"));
        return null;
    }

    private static bool IsUnset(string? text) => string.IsNullOrWhiteSpace(text);
}
