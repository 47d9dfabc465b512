using System.Security.Cryptography;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>An input file read and checked, whatever its format, with the caller's overrides applied.</summary>
internal sealed record PlanInput
{
    /// <summary>The problem; its capacity is the effective capacity, or 0 when there is none.</summary>
    public required Problem Problem { get; init; }

    /// <summary>The effective capacity, or null.</summary>
    public long? Capacity { get; init; }

    /// <summary>The effective default alignment (the arena is aligned to at least this).</summary>
    public long DefaultAlignment { get; init; } = 1;

    /// <summary>The model's name from the file, or null.</summary>
    public string? Name { get; init; }

    /// <summary>SHA-256 of the file's bytes (hex).</summary>
    public required string ContentHash { get; init; }

    /// <summary>Where the capacity is written in the file (when it came from there), for infeasibility errors.</summary>
    public SourceLocation? CapacityLocation { get; init; }

    /// <summary>Reads <paramref name="path"/> by its extension; null when there are errors (added to <paramref name="diagnostics"/>).</summary>
    public static PlanInput? Read(string path, long? capacity, long? alignment, List<Diagnostic> diagnostics)
    {
        string extension = Path.GetExtension(path);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase)) return ReadJson(path, capacity, alignment, diagnostics);
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)) return ReadCsv(path, capacity, alignment, diagnostics);
        diagnostics.Add(new Diagnostic(DiagnosticCodes.UnsupportedInputKind, DiagnosticSeverity.Error,
            $"the input '{Path.GetFileName(path)}' must be a .json lifetimes file or a .csv problem", path));
        return null;
    }

    private static PlanInput? ReadJson(string path, long? capacity, long? alignment, List<Diagnostic> diagnostics)
    {
        var read = LifetimesReader.Read(path, new LifetimesReaderOptions { Capacity = capacity, Alignment = alignment });
        // The reader already reports the conversion's warnings (unusable hints); they are not added twice.
        diagnostics.AddRange(read.Diagnostics);
        if (read.Document is not { } document) return null;
        var conversion = document.ToProblem(capacity, alignment);
        if (conversion.Problem is not { } problem)
        {
            diagnostics.AddRange(conversion.Diagnostics.Where(d => d.IsError));
            return null;
        }
        return new PlanInput
        {
            Problem = problem,
            Capacity = conversion.Capacity,
            DefaultAlignment = conversion.Alignment,
            Name = document.Name,
            ContentHash = document.ContentHash,
            CapacityLocation = capacity is null && document.Capacity is not null ? document.LocationOf("capacity") : null,
        };
    }

    private static PlanInput? ReadCsv(string path, long? capacity, long? alignment, List<Diagnostic> diagnostics)
    {
        byte[] data;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.InputUnreadable, DiagnosticSeverity.Error, $"the input file '{path}' does not exist", path));
                return null;
            }
            if (info.Length > LifetimesLimits.MaxFileBytes)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.FileTooLarge, DiagnosticSeverity.Error,
                    FormattableString.Invariant($"the file has {info.Length} bytes; the limit is {LifetimesLimits.MaxFileBytes} (64 MiB)"), path, 1, 1));
                return null;
            }
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.InputUnreadable, DiagnosticSeverity.Error, $"cannot read the input file: {e.Message}", path));
            return null;
        }

        Problem problem;
        try
        {
            problem = CsvProblemReader.Parse(new UTF8Encoding(false, false).GetString(data), path, capacity);
        }
        catch (CsvFormatException e)
        {
            foreach (var error in e.Errors)
            {
                diagnostics.Add(new Diagnostic(CodeOf(error.Kind), DiagnosticSeverity.Error, error.Message, path, error.Line, error.Column));
            }
            return null;
        }

        long defaultAlignment = alignment ?? 1;
        if (defaultAlignment > 1)
        {
            // The caller's alignment is a floor for every buffer (the CSV format cannot say "not given").
            problem = problem with
            {
                Buffers = problem.Buffers.Select(b => b with { Alignment = Lcm(b.Alignment, defaultAlignment) }).ToList(),
            };
        }
        if (!ProblemLimits.Check(problem, path, diagnostics)) return null;
        if (ProblemChecker.FirstError(problem) is { } problemError)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.MisalignedOffset, DiagnosticSeverity.Error, problemError, path));
            return null;
        }
        return new PlanInput
        {
            Problem = problem with { Capacity = capacity ?? 0 },
            Capacity = capacity,
            DefaultAlignment = defaultAlignment,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(data)),
        };
    }

    private static long Lcm(long a, long b) => a / (long)System.Numerics.BigInteger.GreatestCommonDivisor(a, b) * b;

    private static string CodeOf(CsvErrorKind kind) => kind switch
    {
        CsvErrorKind.MissingColumn => DiagnosticCodes.MissingProperty,
        CsvErrorKind.NotAnInteger => DiagnosticCodes.WrongType,
        CsvErrorKind.OutOfRange => DiagnosticCodes.ValueOutOfRange,
        CsvErrorKind.InvalidOffset => DiagnosticCodes.ValueOutOfRange,
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
        _ => DiagnosticCodes.CsvError,
    };
}
