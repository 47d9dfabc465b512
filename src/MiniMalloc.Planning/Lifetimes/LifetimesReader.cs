namespace MiniMalloc.Planning;

/// <summary>
/// Reads lifetimes files (format version 1) with exact positions: every error names the file, the 1-based line
/// and column (in characters) and the JSON path of the value at fault, and gives the offending value. Never
/// throws for bad content; as many errors as possible are reported at once (up to 100).
/// </summary>
internal static class LifetimesReader
{
    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file gives <see cref="DiagnosticCodes.InputUnreadable"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="options">Capacity and alignment that win over the file's; null: the file's.</param>
    public static LifetimesReadResult Read(string path, LifetimesReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed(new Diagnostic(DiagnosticCodes.InputUnreadable, DiagnosticSeverity.Error, $"the lifetimes file '{path}' does not exist", path));
            }
            // Checked before reading, so that a huge file is rejected without reading it.
            if (LifetimesLimits.FileTooLarge(info.Length) is { } tooLarge) return Failed(TooLarge(path, tooLarge));
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(new Diagnostic(DiagnosticCodes.InputUnreadable, DiagnosticSeverity.Error, $"cannot read the lifetimes file: {e.Message}", path));
        }
        return Parse(path, data, options);
    }

    /// <summary>Reads <paramref name="utf8"/> as the content of <paramref name="path"/> (the path is used only in messages).</summary>
    /// <param name="path">The file name for messages.</param>
    /// <param name="utf8">The file's bytes (UTF-8; a byte order mark is skipped).</param>
    /// <param name="options">Capacity and alignment that win over the file's; null: the file's.</param>
    public static LifetimesReadResult Read(string path, ReadOnlySpan<byte> utf8, LifetimesReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (LifetimesLimits.FileTooLarge(utf8.Length) is { } tooLarge) return Failed(TooLarge(path, tooLarge));
        return Parse(path, utf8.ToArray(), options);
    }

    private static LifetimesReadResult Parse(string path, byte[] data, LifetimesReaderOptions? options) =>
        LifetimesParser.Parse(path, data, options ?? LifetimesReaderOptions.Default);

    private static Diagnostic TooLarge(string path, string message) =>
        new(DiagnosticCodes.FileTooLarge, DiagnosticSeverity.Error, message, path, 1, 1, "$");

    private static LifetimesReadResult Failed(Diagnostic diagnostic) => new() { Diagnostics = [diagnostic] };
}
