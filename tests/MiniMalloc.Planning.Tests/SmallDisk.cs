using System.Diagnostics;

namespace MiniMalloc.Planning.Tests;

/// <summary>
/// A tiny tmpfs mounted on a temporary folder, to see what the planner does when the disk is full. Needs root
/// on Linux (as CI and the development machines run); elsewhere the tests that use it are skipped, saying why.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    public SmallDisk(string path, string size)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
    }

    public string Path { get; }

    /// <summary>Writes zeros into a file until the disk refuses more.</summary>
    public void Fill()
    {
        var block = new byte[4096];
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // No space left on the device: that was the point.
        }
    }

    public void Dispose() => Run("umount", Path);

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed: {error}");
    }
}

/// <summary>A fact that mounts a <see cref="SmallDisk"/>: skipped unless running as root on Linux.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") Skip = "mounting a small tmpfs needs root on Linux";
    }
}
