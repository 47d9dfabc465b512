namespace MiniMalloc.Planning;

/// <summary>
/// The diagnostic code of each CSV reader error: the code the lifetimes reader gives the same fault, so that a
/// script sees one code for "duplicate id" whatever the input format. The one table of it.
/// </summary>
internal static class CsvErrorCodes
{
    public static string Of(CsvErrorKind kind) => kind switch
    {
        CsvErrorKind.MissingColumn => DiagnosticCodes.MissingProperty,
        CsvErrorKind.NotAnInteger => DiagnosticCodes.WrongType,
        CsvErrorKind.OutOfRange or CsvErrorKind.InvalidOffset => DiagnosticCodes.ValueOutOfRange,
        CsvErrorKind.EmptyId => DiagnosticCodes.InvalidId,
        CsvErrorKind.DuplicateId => DiagnosticCodes.DuplicateId,
        CsvErrorKind.EmptyLifespan => DiagnosticCodes.EmptyLifespan,
        CsvErrorKind.InvalidSize => DiagnosticCodes.InvalidSize,
        CsvErrorKind.InvalidAlignment => DiagnosticCodes.InvalidAlignment,
        CsvErrorKind.MisalignedOffset => DiagnosticCodes.MisalignedOffset,
        CsvErrorKind.ExceedsCapacity => DiagnosticCodes.BufferExceedsCapacity,
        CsvErrorKind.InvalidGap => DiagnosticCodes.InvalidGap,
        CsvErrorKind.GapOutsideLifespan => DiagnosticCodes.GapOutsideLifespan,
        CsvErrorKind.InvalidWindow => DiagnosticCodes.InvalidWindow,
        CsvErrorKind.UnknownAliasOwner => DiagnosticCodes.UnknownAliasOwner,
        CsvErrorKind.AliasCycle => DiagnosticCodes.AliasCycle,
        CsvErrorKind.AliasOutOfRange => DiagnosticCodes.AliasOutOfRange,
        CsvErrorKind.AliasPlacement => DiagnosticCodes.AliasPlacement,
        CsvErrorKind.AliasAlignment => DiagnosticCodes.AliasAlignment,
        _ => DiagnosticCodes.CsvError,
    };
}
