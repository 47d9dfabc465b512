using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// Maps the CSV reader's errors onto the diagnostic codes that the lifetimes JSON reader uses for the same
/// faults, so that a script sees one code for "duplicate id" whatever the input format. The same table as the
/// planner's (MiniMalloc.Planning's PlanInput), so the CLI and the build task report a CSV file alike.
/// </summary>
internal static class CsvDiagnostics
{
    public static Diagnostic From(CsvError error) =>
        new(CodeOf(error.Kind), DiagnosticSeverity.Error, error.Message, error.File, error.Line, error.Column);

    public static string CodeOf(CsvErrorKind kind) => kind switch
    {
        CsvErrorKind.MissingColumn => DiagnosticCodes.MissingProperty,
        CsvErrorKind.NotAnInteger => DiagnosticCodes.WrongType,
        CsvErrorKind.EmptyLifespan => DiagnosticCodes.EmptyLifespan,
        CsvErrorKind.InvalidSize => DiagnosticCodes.InvalidSize,
        CsvErrorKind.DuplicateId => DiagnosticCodes.DuplicateId,
        CsvErrorKind.EmptyId => DiagnosticCodes.InvalidId,
        CsvErrorKind.GapOutsideLifespan => DiagnosticCodes.GapOutsideLifespan,
        CsvErrorKind.InvalidGap => DiagnosticCodes.InvalidGap,
        CsvErrorKind.InvalidWindow => DiagnosticCodes.InvalidWindow,
        CsvErrorKind.ExceedsCapacity => DiagnosticCodes.BufferExceedsCapacity,
        CsvErrorKind.OutOfRange or CsvErrorKind.InvalidOffset => DiagnosticCodes.ValueOutOfRange,
        CsvErrorKind.InvalidAlignment => DiagnosticCodes.InvalidAlignment,
        CsvErrorKind.MisalignedOffset => DiagnosticCodes.MisalignedOffset,
        _ => DiagnosticCodes.CsvError,
    };
}
