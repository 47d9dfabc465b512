namespace MiniMalloc.Planning;

/// <summary>
/// The one wording of a setting that does not parse, whichever front read it: the MSBuild task names the property
/// or metadata ("MiniMallocCapacity property"), the CLI the flag ("--capacity option").
/// </summary>
internal static class SettingError
{
    /// <summary>
    /// <c>The {setting} is '{text}'; expected {expected}.</c> The text is quoted as given, so that a stray space or
    /// unit is visible; it reaches MSBuild's log as final text (braces in it are not format items).
    /// </summary>
    public static Diagnostic Invalid(string code, string setting, string text, string expected) =>
        new(code, DiagnosticSeverity.Error, $"The {setting} is '{text}'; expected {expected}.");
}
