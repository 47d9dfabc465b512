using System.Security.Cryptography;
using System.Text;
using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>Reads the input named by <see cref="CliOptions.InputPath"/>: lifetimes JSON for <c>.json</c>, else CSV.</summary>
internal static class InputLoader
{
    /// <summary>Reads and checks the input; returns null with the errors when it is unusable.</summary>
    public static LoadedInput? Load(CliOptions options, List<Diagnostic> diagnostics)
    {
        string path = options.InputPath;
        long? capacity = options.Capacity is > 0 ? options.Capacity : null;
        return IsJson(path) ? LoadJson(path, capacity, diagnostics) : LoadCsv(path, capacity, diagnostics);
    }

    /// <summary>True for lifetimes JSON; every other file is read as the reference's CSV, whatever its extension.</summary>
    public static bool IsJson(string path) => string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase);

    private static LoadedInput? LoadCsv(string path, long? capacity, List<Diagnostic> diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.InputUnreadable, DiagnosticSeverity.Error, $"cannot read the input: {e.Message}", path));
            return null;
        }
        try
        {
            string text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            var problem = CsvProblemReader.Parse(text, path, capacity);
            return new LoadedInput(problem, capacity, ModelName: null, DefaultAlignment: 1, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.CsvError, DiagnosticSeverity.Error, "the file is not valid UTF-8 text", path));
            return null;
        }
        catch (CsvFormatException e)
        {
            diagnostics.AddRange(e.Errors.Select(CsvDiagnostics.From));
            return null;
        }
    }

    private static LoadedInput? LoadJson(string path, long? capacity, List<Diagnostic> diagnostics)
    {
        // As the planner does: the flag's capacity wins over the file's and is checked while reading, and the
        // reader already reports the conversion's warnings, so only its errors are added.
        var read = LifetimesReader.Read(path, new LifetimesReaderOptions { Capacity = capacity });
        diagnostics.AddRange(read.Diagnostics);
        if (read.Document is not { } document) return null;
        var conversion = document.ToProblem(capacity);
        if (conversion.Problem is not { } problem)
        {
            diagnostics.AddRange(conversion.Diagnostics.Where(d => d.IsError));
            return null;
        }
        return new LoadedInput(problem, conversion.Capacity, document.Name, conversion.Alignment, document.ContentHash);
    }
}
