using System.Diagnostics;
using MiniMalloc.Build.Tests.Infrastructure;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tests.TaskTests;

/// <summary>Ctrl+C in the middle of a long solve: the task stops promptly and writes nothing.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TaskRunner _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Cancel_during_a_long_solve_stops_promptly_with_the_cancelled_code_and_no_header()
    {
        // 20,000 buffers, height to be minimized: minutes of work, far beyond the moment we cancel.
        var random = new Random(7);
        var buffers = Enumerable.Range(0, 20_000).Select(i =>
        {
            var start = random.Next(0, 4000);
            return new TestBuffer($"b{i}", start, start + random.Next(1, 60), random.Next(100, 1000));
        }).ToList();
        var input = _run.WriteModel(LifetimesModels.Json(buffers, name: "big", capacity: null, alignment: 1));
        var task = _run.Task(_run.Item(input));

        var execution = Task.Run(task.Execute);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(execution.IsCompleted, "the solve finished before it could be cancelled: make the problem larger");
        var clock = Stopwatch.StartNew();
        task.Cancel();
        var finished = await Task.WhenAny(execution, Task.Delay(TimeSpan.FromSeconds(20))) == execution;

        Assert.True(finished, "the task did not stop within 20 s of Cancel()");
        Assert.False(await execution, _run.Engine.Describe());
        Assert.Contains(_run.Engine.Errors, e => e.Code == DiagnosticCodes.Cancelled);
        Assert.False(File.Exists(_run.Header()));
        Assert.Empty(Directory.GetFiles(_run.Folder.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }
}
