using System.Diagnostics;
using System.Globalization;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// Times the authors' C++ solver side by side with ours: <c>--reference=PATH</c> names a build of its command-line
/// program (google/minimalloc; built separately, never part of this repository), which is run as a whole process
/// on the same file at the same capacity, the same number of times, and the median wall time is taken. Its exit
/// code says whether it solved the instance.
/// </summary>
internal sealed class ReferenceRunner(string binary, TimeSpan? timeout)
{
    /// <summary>One instance's measurement: the median seconds and whether every run solved it.</summary>
    public sealed record Measurement(double Seconds, bool Solved);

    public Measurement Measure(BenchmarkInstance instance, int runs)
    {
        if (!File.Exists(binary)) throw new ArgumentException($"--reference: '{binary}' does not exist");
        string output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"minimalloc-reference-{Environment.ProcessId}.csv");
        var seconds = new List<double>();
        bool solved = true;
        try
        {
            for (int run = 0; run < runs; run++)
            {
                var start = new ProcessStartInfo(binary)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                start.ArgumentList.Add($"--capacity={instance.Capacity.ToString(CultureInfo.InvariantCulture)}");
                start.ArgumentList.Add($"--input={instance.Path}");
                start.ArgumentList.Add($"--output={output}");
                if (timeout is { } t) start.ArgumentList.Add($"--timeout={t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s");
                var watch = Stopwatch.StartNew();
                using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{binary}'");
                var errors = process.StandardError.ReadToEndAsync();
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                seconds.Add(watch.Elapsed.TotalSeconds);
                errors.Wait();
                solved &= process.ExitCode == 0;
            }
        }
        finally
        {
            File.Delete(output);
        }
        return new Measurement(SolveCommand.Median(seconds), solved);
    }
}
