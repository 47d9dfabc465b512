using MiniMalloc.Planning;

namespace MiniMalloc.Cli;

/// <summary>
/// The files a run produces, rendered in full before any is written, then each replaced atomically (temporary
/// file in the same folder, then rename): an existing output is never left half-written.
/// </summary>
internal sealed class PendingOutputs
{
    private readonly List<(string Path, string Content, string? Code)> _files = [];

    /// <summary>Adds a file; <paramref name="code"/> is the diagnostic code for a failure to write it (null: none).</summary>
    public void Add(string path, string content, string? code) => _files.Add((path, content, code));

    /// <summary>Writes every file; at the first that cannot be written, returns the error line to print.</summary>
    public string? WriteAll()
    {
        foreach (var (path, content, code) in _files)
        {
            try
            {
                AtomicFile.WriteIfChanged(path, content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string message = $"cannot write the file: {e.Message}";
                return code is null
                    ? $"{path}: error: {message}"
                    : new Diagnostic(code, DiagnosticSeverity.Error, message, path).ToString();
            }
        }
        return null;
    }
}
