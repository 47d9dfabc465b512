using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace MiniMalloc.Cli.Tests;

/// <summary>
/// The tool run as a program of its own (for example the native build), with both streams captured;
/// <paramref name="leading"/> go before the tool's own arguments (for example the tool's dll, when the program is dotnet).
/// </summary>
internal sealed partial class ProcessCli(string path, params string[] leading) : CliProgram
{
    private const int SigInt = 2;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>The program's path.</summary>
    public string Path { get; } = path;

    public override CliResult Run(params string[] args) => new Started(Path, [.. leading, .. args]).Finish();

    // A run to be interrupted starts with SIGINT's default action restored: a test run started in the background
    // (a CI script's `cmd &`, nohup) has SIGINT ignored, every child inherits that, and the runtime rightly keeps an
    // ignored SIGINT ignored, so Ctrl+C would never reach the tool. coreutils' env resets it before the exec.
    protected override StartedRun Start(string[] args) => OperatingSystem.IsLinux() && File.Exists(Env)
        ? new Started(Env, ["--default-signal=INT", Path, .. leading, .. args])
        : new Started(Path, [.. leading, .. args]);

    private const string Env = "/usr/bin/env";

    public override string ToString() => Path;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private sealed class Started : StartedRun
    {
        private readonly Process _process;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;

        public Started(string path, string[] args)
        {
            Assert.True(File.Exists(path), $"{Variable} names '{path}', which does not exist");
            var start = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (string arg in args) start.ArgumentList.Add(arg);
            _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
            _process.StandardInput.Close();
            _stdout = _process.StandardOutput.ReadToEndAsync();
            _stderr = _process.StandardError.ReadToEndAsync();
        }

        /// <summary>Ctrl+C in a terminal sends SIGINT to the program.</summary>
        public override void Interrupt()
        {
            Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "interrupting a program needs a Unix signal");
            Assert.True(Kill(_process.Id, SigInt) == 0, $"kill(SIGINT) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        public override CliResult Finish()
        {
            using (_process)
            {
                if (!_process.WaitForExit(Limit))
                {
                    _process.Kill(entireProcessTree: true);
                    Assert.Fail($"the program did not end within {Limit}");
                }
                _process.WaitForExit();
                return new CliResult(_process.ExitCode, _stdout.Result, _stderr.Result);
            }
        }
    }
}
