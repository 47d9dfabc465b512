using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>
/// Codes only the MSBuild layer can raise (19xx, inside the 1xxx configuration range), defined in the one table of
/// <see cref="DiagnosticCodes"/>. The targets use <see cref="UnsupportedMSBuild"/> literally
/// (build/MiniMalloc.Build.targets); keep the two in step.
/// </summary>
internal static class BuildDiagnosticCodes
{
    /// <summary>MSBuild is older than 18.0, which cannot load a Runtime="NET" task (raised by the targets).</summary>
    public const string UnsupportedMSBuild = DiagnosticCodes.UnsupportedMSBuild;

    /// <summary>A boolean property or metadata value (MinimizeCapacity) is neither true nor false.</summary>
    public const string InvalidBooleanSetting = DiagnosticCodes.InvalidBooleanSetting;

    /// <summary>Two MiniMallocPlan items of one project would write the same header.</summary>
    public const string DuplicateHeaderPath = DiagnosticCodes.DuplicateHeaderPath;
}
