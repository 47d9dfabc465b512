using System.Text;
using MiniMalloc.Onnx.Lowering;

namespace MiniMalloc.Onnx.Output;

/// <summary>What a write of the outputs did.</summary>
/// <param name="Written">The files whose content changed (and were replaced).</param>
/// <param name="Unchanged">The files that already held exactly this content (left alone, timestamps too).</param>
public sealed record OutputsWritten(IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged);

/// <summary>
/// Writes the lifetimes file and, on request, the schedule header. Each is written only when its content changes
/// (so a build step that depends on it does not run again for an unchanged model), to a temporary file beside it
/// that is then renamed over it: a reader never sees half a file. Both texts are made before anything is written,
/// and the renames come last, so an error leaves the previous files as they were.
/// </summary>
public static class LoweringOutputs
{
    /// <summary>
    /// Writes <paramref name="model"/>; returns what was written, or throws <see cref="IOException"/> (or
    /// <see cref="UnauthorizedAccessException"/>) after removing its temporary files.
    /// <paramref name="checkOnly"/>: write nothing, report the files that would change in <see cref="OutputsWritten.Written"/>.
    /// </summary>
    public static OutputsWritten Write(LoweredModel model, string lifetimesPath, string? scheduleHeaderPath, bool checkOnly = false)
    {
        var outputs = new List<(string Path, string Text)> { (lifetimesPath, LifetimesWriter.Render(model)) };
        if (scheduleHeaderPath is not null) outputs.Add((scheduleHeaderPath, ScheduleHeaderWriter.Render(model)));
        var changed = outputs.Where(o => !SameContent(o.Path, o.Text)).ToList();
        var unchanged = outputs.Except(changed).Select(o => o.Path).ToList();
        if (checkOnly) return new OutputsWritten([.. changed.Select(o => o.Path)], unchanged);

        var temporary = new List<(string Temp, string Path)>();
        try
        {
            foreach (var (path, text) in changed)
            {
                string full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
                temporary.Add((temp, full));
                File.WriteAllText(temp, text, new UTF8Encoding(false));
            }
            foreach (var (temp, path) in temporary) File.Move(temp, path, overwrite: true);
        }
        finally
        {
            foreach (var (temp, _) in temporary)
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        return new OutputsWritten([.. changed.Select(o => o.Path)], unchanged);
    }

    /// <summary>Checks that <paramref name="model"/>'s name can prefix the schedule header; null when it can.</summary>
    public static string? ScheduleHeaderNameProblem(LoweredModel model) =>
        ModelName.IsPlainIdentifier(model.Name)
            ? null
            : $"the name \"{model.Name}\" cannot prefix the schedule header's macros: use letters, digits and single underscores, starting with a letter (--name=...)";

    private static bool SameContent(string path, string text)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return false;
            byte[] expected = new UTF8Encoding(false).GetBytes(text);
            return info.Length == expected.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(expected);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
