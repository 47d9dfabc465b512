namespace MiniMalloc.Cli.Tests;

/// <summary>Small hand-made problems for the tests.</summary>
internal static class Problems
{
    /// <summary>
    /// Four buffers whose live bytes peak at 10 (steps 2 to 6): fits in 10 (a and c share bytes 0-3 one after
    /// the other, b above them, d on top), not in 9.
    /// </summary>
    public const string Tiny = "id,lower,upper,size\na,0,4,4\nb,2,6,4\nc,4,8,4\nd,0,8,2\n";

    public const int TinyPeak = 10;

    /// <summary>
    /// A problem that no exhaustive search decides quickly with the techniques off: many buffers with zero
    /// slack (live bytes at the busiest step equal the capacity), as in the paper's challenging benchmarks.
    /// </summary>
    public static string Hard(out long capacity)
    {
        var random = new Random(20231);
        var lines = new List<string> { "id,lower,upper,size" };
        var buffers = new List<(long Lower, long Upper, long Size)>();
        for (int i = 0; i < 300; i++)
        {
            long lower = random.Next(0, 400);
            long upper = lower + random.Next(1, 60);
            long size = random.Next(1, 64) * 16;
            buffers.Add((lower, upper, size));
            lines.Add($"h{i},{lower},{upper},{size}");
        }
        var problem = new Problem([.. buffers.Select((b, i) => new Buffer($"h{i}", b.Lower, b.Upper, b.Size))], 0);
        capacity = LiveProfile.Of(problem).Peak;
        return string.Join("\n", lines) + "\n";
    }
}
