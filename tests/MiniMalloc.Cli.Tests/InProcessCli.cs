namespace MiniMalloc.Cli.Tests;

/// <summary>The tool run in this process, as its entry point runs it, with both streams captured.</summary>
internal sealed class InProcessCli : CliProgram
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public override CliResult Run(params string[] args) => Run(args, CancellationToken.None);

    private static CliResult Run(string[] args, CancellationToken cancellationToken)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Cli.Run(args, stdout, stderr, cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    protected override StartedRun Start(string[] args) => new Started(args);

    /// <summary>A run on a thread of its own; Ctrl+C is what the entry point makes of it: a cancelled token.</summary>
    private sealed class Started : StartedRun
    {
        private readonly CancellationTokenSource _cancellation = new();
        private readonly Task<CliResult> _run;

        public Started(string[] args) => _run = Task.Run(() => Run(args, _cancellation.Token));

        public override void Interrupt() => _cancellation.Cancel();

        public override CliResult Finish()
        {
            Assert.True(_run.Wait(Limit), $"the run did not end within {Limit}");
            _cancellation.Dispose();
            return _run.Result;
        }
    }
}
