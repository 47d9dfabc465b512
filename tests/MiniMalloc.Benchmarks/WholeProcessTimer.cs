using System.Diagnostics;
using System.Globalization;

namespace MiniMalloc.Benchmarks;

/// <summary>
/// Times a solver's command-line program as a whole process, start-up included, on one benchmark file at its
/// capacity: the authors' C++ solver side by side with ours (<c>--reference=PATH</c>: a build of google/minimalloc's
/// program, made separately and never part of this repository), or our own <c>minimalloc</c> (<c>--cli=PATH</c>).
/// Both take the reference's flags (<c>--capacity --input --output --timeout</c>); the median wall time of the runs
/// is taken, and the exit code says whether the instance was solved.
/// </summary>
internal sealed class WholeProcessTimer(string binary, string option, TimeSpan? timeout)
{
    /// <summary>One instance's measurement: the median seconds and whether every run solved it.</summary>
    public sealed record Measurement(double Seconds, bool Solved);

    public Measurement Measure(BenchmarkInstance instance, int runs)
    {
        if (!File.Exists(binary)) throw new ArgumentException($"--{option}: '{binary}' does not exist");
        string output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"minimalloc-{option}-{Environment.ProcessId}.csv");
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
