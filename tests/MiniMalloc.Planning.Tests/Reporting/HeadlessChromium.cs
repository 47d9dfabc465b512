using System.Diagnostics;

namespace MiniMalloc.Planning.Tests.Reporting;

/// <summary>Runs Debian's headless Chromium on a local file: a screenshot, or the DOM after the page's scripts ran.</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The browser to use: $CHROMIUM if set, else /usr/bin/chromium or chromium on the PATH; null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)) return configured;
        if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length == 0) continue;
            foreach (string name in (ReadOnlySpan<string>)["chromium", "chromium-browser"])
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>What Chromium made of a page: the DOM after its scripts ran, and Chromium's own log.</summary>
    public sealed record Page(string Dom, string Log);

    /// <summary>
    /// Loads <paramref name="htmlPath"/> in a window of the given size, saves a PNG screenshot of it to
    /// <paramref name="pngPath"/> and returns the DOM as it stands once the page has loaded (one browser run for both).
    /// </summary>
    public static Page Load(string htmlPath, string pngPath, int width, int height)
    {
        var run = Run(htmlPath, ["--screenshot=" + pngPath, "--dump-dom"], width, height);
        if (!File.Exists(pngPath)) throw new InvalidOperationException("Chromium wrote no screenshot:\n" + run.Log);
        return new Page(run.Output, run.Log);
    }

    private static (string Output, string Log) Run(string htmlPath, string[] actions, int width, int height)
    {
        string chromium = Find() ?? throw new InvalidOperationException("chromium not found");
        string profile = Directory.CreateTempSubdirectory("report-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // Headless, no sandbox (tests run as root in containers), and nothing that reaches out to the network.
            foreach (string argument in (ReadOnlySpan<string>)[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile, $"--window-size={width},{height}"])
            {
                start.ArgumentList.Add(argument);
            }
            foreach (string action in actions) start.ArgumentList.Add(action);
            start.ArgumentList.Add(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium took longer than {Timeout} on {htmlPath}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}:\n{log.Result}");
            return (output.Result, log.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A helper process may still hold a file for a moment; a stray temporary folder is harmless.
            }
        }
    }

    /// <summary>The lines of Chromium's log that report a JavaScript error on the page.</summary>
    public static IEnumerable<string> ScriptErrors(string log) =>
        log.Split('\n').Where(line => line.Contains("CONSOLE", StringComparison.Ordinal)
            && (line.Contains("Uncaught", StringComparison.Ordinal) || line.Contains("Error", StringComparison.Ordinal)));
}

/// <summary>A test that needs headless Chromium; skipped, saying how to get it, where it is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Find() is null)
        {
            Skip = "headless Chromium not found: install Debian's chromium package (apt-get install -y chromium), or set CHROMIUM to a Chromium binary";
        }
    }
}
