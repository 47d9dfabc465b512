using MiniMalloc.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the solve cleanly (nothing half-written); a second one ends the process.
    if (cancellation.IsCancellationRequested) return;
    e.Cancel = true;
    cancellation.Cancel();
};
return Cli.Run(args, Console.Out, Console.Error, cancellation.Token);
