namespace MiniMalloc;

/// <summary>
/// Thrown by <see cref="CsvProblemReader"/> when a file is not a well-formed problem. Carries every error found
/// (up to a limit), in file order; <see cref="File"/>, <see cref="Line"/> and <see cref="Column"/> are the first one's.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception from the errors found; at least one is required.</summary>
    public CsvFormatException(IReadOnlyList<CsvError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found, in file order.</summary>
    public IReadOnlyList<CsvError> Errors { get; }

    /// <summary>The file of the first error.</summary>
    public string File => Errors[0].File;

    /// <summary>The 1-based line of the first error (0: the whole file).</summary>
    public int Line => Errors[0].Line;

    /// <summary>The 1-based column of the first error (0: unknown).</summary>
    public int Column => Errors[0].Column;

    private static string Describe(IReadOnlyList<CsvError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("at least one error is required", nameof(errors));
        return errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more)";
    }
}
