using System.Runtime.InteropServices;
using System.Text;

namespace MiniMalloc.Cli.Tests;

/// <summary>
/// A named pipe as the tool's input file: the writer's open returns only once the tool has opened it for reading,
/// which tells a test, without guessing at times, that the tool is running (past its start-up) and waits for input.
/// </summary>
internal static partial class Fifo
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>True where named pipes exist (Linux, macOS).</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Makes a named pipe at <paramref name="path"/>.</summary>
    public static string Create(string path)
    {
        Assert.True(MakeFifo(path, Convert.ToUInt32("600", 8)) == 0, $"mkfifo '{path}' failed with errno {Marshal.GetLastPInvokeError()}");
        return path;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for writing (waiting for the reader), calls <paramref name="whenOpened"/>, then
    /// writes <paramref name="content"/> and closes it.
    /// </summary>
    public static void Feed(string path, string content, Action whenOpened)
    {
        var open = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write));
        if (!open.Wait(Limit))
        {
            // Nobody opened the pipe: open its other end so that the blocked open returns, then fail.
            using (new FileStream(path, FileMode.Open, FileAccess.Read)) { }
            open.Result.Dispose();
            Assert.Fail($"the tool did not open its input '{path}' within {Limit}");
        }
        using var writer = open.Result;
        whenOpened();
        writer.Write(Encoding.UTF8.GetBytes(content));
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}

/// <summary>A fact whose tool reads a named pipe; skipped, saying why, where there are none (Windows).</summary>
public sealed class FifoFactAttribute : FactAttribute
{
    public FifoFactAttribute()
    {
        if (!Fifo.Supported) Skip = "the tool's input is a named pipe, which only Linux and macOS have";
    }
}
