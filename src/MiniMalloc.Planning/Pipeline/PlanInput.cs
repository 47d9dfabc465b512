using System.Text;
using System.Text.Unicode;

namespace MiniMalloc.Planning;

/// <summary>
/// The input file read, checked and turned into the solver's <see cref="MiniMalloc.Problem"/> once, whatever its
/// format, with the request's capacity and alignment applied.
/// </summary>
internal sealed record PlanInput
{
    /// <summary>
    /// The problem. Its capacity is <see cref="Capacity"/>'s bytes, or 0 when there is none (the solver library's
    /// own way of saying so to the minimizer); a zero <see cref="Capacity"/> never gets here with buffers.
    /// </summary>
    public required Problem Problem { get; init; }

    /// <summary>The effective capacity (the request's, else the file's), or null when there is none.</summary>
    public Capacity? Capacity { get; init; }

    /// <summary>The pools of a pool problem (a version-2 file, or pools set for the plan); null for one arena.</summary>
    public PlanPools? Pools { get; init; }

    /// <summary>The effective default alignment (the arena is aligned to at least this).</summary>
    public Alignment DefaultAlignment { get; init; }

    /// <summary>The model's name from the file, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The SHA-256 of the file's bytes, computed when first asked for (by the header).</summary>
    public required ContentDigest Digest { get; init; }

    /// <summary>SHA-256 of the file's bytes (hex).</summary>
    public string ContentHash => Digest.Hex;

    /// <summary>Where the capacity is written in the file (when it came from there), for infeasibility errors.</summary>
    public SourceLocation? CapacityLocation { get; init; }

    /// <summary>True for a lifetimes file (.json); every other file is read as the reference's CSV, as the reference reads any file.</summary>
    public static bool IsLifetimesFile(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the request's input; null when there are errors (added to <paramref name="diagnostics"/>).</summary>
    public static PlanInput? Read(PlanRequest request, List<Diagnostic> diagnostics)
    {
        var input = IsLifetimesFile(request.InputPath) ? ReadJson(request, diagnostics) : ReadCsv(request, diagnostics);
        if (input is { Capacity.IsZero: true, Problem.Buffers.Count: > 0 and var count })
        {
            // The lifetimes reader has said so buffer by buffer already; the CSV reader leaves a zero capacity unchecked.
            diagnostics.Add(new Diagnostic(DiagnosticCodes.BufferExceedsCapacity, DiagnosticSeverity.Error, FormattableString.Invariant(
                $"none of the {count} buffers fits in a capacity of 0 bytes (a capacity of 0 means zero bytes, as in the reference program); give a capacity, or minimize without one"),
                request.InputPath));
            return null;
        }
        return input;
    }

    private static PlanInput? ReadJson(PlanRequest request, List<Diagnostic> diagnostics)
    {
        var read = LifetimesReader.Read(request.InputPath, new LifetimesReaderOptions { Capacity = request.Capacity, Alignment = request.Alignment, Pools = request.Pools });
        diagnostics.AddRange(read.Diagnostics);
        if (read is not { Document: { } document, Problem: { } problem }) return null;
        bool filePools = request.Pools is not { Count: > 0 };
        if (request.HeaderPath is not null && read.Pools is { } pools && !PoolNameCheck.Check(problem, pools, request.InputPath, document, filePools, diagnostics)) return null;
        if (!filePools && document.Capacity is { } ignored)
        {
            // A version-1 file's capacity, for one arena: the pools set for the plan replace it, which a user who set
            // both should hear about.
            var at = document.LocationOf("capacity");
            diagnostics.Add(new Diagnostic(DiagnosticCodes.CapacityReplacedByPools, DiagnosticSeverity.Warning,
                $"{at.JsonPath}: the file's capacity of {ignored} bytes is not used: the pools set for this plan give each pool its capacity",
                request.InputPath, at.Line, at.Column, at.JsonPath));
        }
        return new PlanInput
        {
            Problem = problem,
            Capacity = read.Capacity,
            Pools = read.Pools,
            DefaultAlignment = read.Alignment,
            Name = document.Name,
            Digest = document.Digest,
            CapacityLocation = request.Capacity is null && document.Capacity is not null ? document.LocationOf("capacity") : null,
        };
    }

    private static PlanInput? ReadCsv(PlanRequest request, List<Diagnostic> diagnostics)
    {
        string path = request.InputPath;
        if (ReadBytes(path, diagnostics) is not { } data) return null;
        if (DecodeUtf8(path, data, diagnostics) is not { } text) return null;

        Problem problem;
        try
        {
            // A pool problem's capacities are its pools' (a capacity beside them is refused with the request).
            problem = CsvProblemReader.Parse(text, path, request.Pools is { Count: > 0 } ? null : request.Capacity?.Bytes);
        }
        catch (CsvFormatException e)
        {
            diagnostics.AddRange(e.Errors.Select(error => new Diagnostic(CsvErrorCodes.Of(error.Kind), DiagnosticSeverity.Error,
                error.Message, path, error.Line, error.Column)));
            return null;
        }

        var defaultAlignment = request.Alignment ?? Alignment.None;
        if (defaultAlignment.Bytes > 1)
        {
            // The request's alignment is a floor for every buffer (the CSV format cannot say "not given"), except
            // aliases: their place follows from their owner's, as in the lifetimes format.
            long floor = defaultAlignment.Bytes;
            problem = problem with { Buffers = problem.Buffers.Select(b => b.Alias is null ? b with { Alignment = Lcm(b.Alignment, floor) } : b).ToList() };
        }
        // Ids are free text in the reference's CSV; they must make C identifiers only when a header is written.
        if (!ProblemLimits.Check(problem, path, checkIdentifiers: request.HeaderPath is not null, diagnostics)) return null;
        if (ProblemChecker.FirstError(problem, allowAliases: true) is { } problemError)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.MisalignedOffset, DiagnosticSeverity.Error, problemError, path));
            return null;
        }
        PlanPools? pools = null;
        if (request.Pools is { Count: > 0 } set)
        {
            if ((pools = CsvPools.Read(text, path, problem, set, diagnostics)) is null) return null;
            if (request.HeaderPath is not null && !PoolNameCheck.Check(problem, pools, path, document: null, filePools: false, diagnostics)) return null;
        }
        else if (CsvPools.HasColumn(text, path))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.PoolSettingConflict, DiagnosticSeverity.Error,
                $"the CSV has a '{CsvPools.Column}' or '{CsvPools.PlannedColumn}' column but no pools are set: give them with --pool=NAME:CAPACITY[:ALIGNMENT[:COST]], fastest first", path));
            return null;
        }
        return new PlanInput
        {
            Problem = problem,
            Capacity = pools is null ? request.Capacity : null,
            Pools = pools,
            DefaultAlignment = defaultAlignment,
            Digest = new ContentDigest(data),
        };
    }

    private static byte[]? ReadBytes(string path, List<Diagnostic> diagnostics)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.InputUnreadable, DiagnosticSeverity.Error, $"cannot read the input: the file '{path}' does not exist", path));
                return null;
            }
            if (LifetimesLimits.FileTooLarge(info.Length) is { } tooLarge)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.FileTooLarge, DiagnosticSeverity.Error, tooLarge, path, 1, 1));
                return null;
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.InputUnreadable, DiagnosticSeverity.Error, $"cannot read the input: {e.Message}", path));
            return null;
        }
    }

    /// <summary>The text, or null with an error positioned at the first byte that is not UTF-8 (never a silent replacement character).</summary>
    private static string? DecodeUtf8(string path, byte[] data, List<Diagnostic> diagnostics)
    {
        if (Utf8.IsValid(data)) return Encoding.UTF8.GetString(data);
        // Decoding stops at the first invalid sequence: bytesRead is where it starts.
        Utf8.ToUtf16(data, new char[data.Length], out int bytesRead, out _, replaceInvalidSequences: false);
        var before = data.AsSpan(0, bytesRead);
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        int line = before.Count((byte)'\n') + 1;
        int column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        diagnostics.Add(new Diagnostic(DiagnosticCodes.CsvError, DiagnosticSeverity.Error,
            FormattableString.Invariant($"the file is not valid UTF-8 text: byte 0x{data[bytesRead]:X2} does not start or continue a character"), path, line, column));
        return null;
    }

    private static long Lcm(long a, long b) => a / (long)System.Numerics.BigInteger.GreatestCommonDivisor(a, b) * b;
}
