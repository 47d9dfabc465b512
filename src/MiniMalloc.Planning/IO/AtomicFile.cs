using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// Writes files so that a reader never sees a half-written one: the content goes to a unique temporary file in
/// the same folder, which then replaces the target by a rename. Files whose content is already right are not
/// touched (their timestamps stay, so dependent builds do not rerun).
/// </summary>
internal static class AtomicFile
{
    /// <summary>UTF-8 without a byte order mark: what every generated text file uses.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="content"/> (UTF-8, no BOM) to <paramref name="path"/> unless the file already holds
    /// exactly these bytes. Creates the folder when missing. Returns true when the file was written.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; the previous file is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission; the previous file is left as it was.</exception>
    public static bool WriteIfChanged(string path, string content) => WriteIfChanged(path, Utf8.GetBytes(content));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> unless the file already holds them; true when written.</summary>
    /// <exception cref="IOException">The file cannot be written; the previous file is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission; the previous file is left as it was.</exception>
    public static bool WriteIfChanged(string path, ReadOnlySpan<byte> bytes)
    {
        if (HasContent(path, bytes)) return false;
        Write(path, bytes);
        return true;
    }

    /// <summary>True when <paramref name="path"/> exists and holds exactly <paramref name="content"/> (UTF-8, no BOM).</summary>
    public static bool HasContent(string path, string content) => HasContent(path, Utf8.GetBytes(content));

    /// <summary>True when <paramref name="path"/> exists and holds exactly <paramref name="bytes"/>; false when it cannot be read.</summary>
    public static bool HasContent(string path, ReadOnlySpan<byte> bytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != bytes.Length) return false;
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/> atomically (temp file in the same folder, then rename).</summary>
    /// <exception cref="IOException">The file cannot be written; the previous file is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission; the previous file is left as it was.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{path}' has no folder");
        Directory.CreateDirectory(directory);
        // Same folder, so the rename never crosses file systems (a cross-device move would copy, not rename).
        string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                // Flushed to disk before the rename, so a crash cannot leave a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temp file is harmless; the error that matters has already been thrown (or there was none).
        }
    }
}
