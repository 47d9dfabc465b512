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
    /// A problem that neither a search nor a heuristic settles: 150 buffers, each aligned to 1024 bytes and larger
    /// than 512, so that each takes a 1024-byte slot of its own while it lives. At a capacity equal to the most live
    /// bytes nothing fits (no plan is lower than 1024 x (the most buffers live at once - 1) + the smallest size), yet
    /// only an exhaustive search could tell, and no heuristic plan fits either.
    /// </summary>
    public static string Slotted(out long capacity)
    {
        var random = new Random(5);
        var lines = new List<string> { "id,lower,upper,size,alignment" };
        var buffers = new List<Buffer>();
        for (int i = 0; i < 150; i++)
        {
            int lower = random.Next(0, 40);
            int upper = lower + random.Next(1, 12);
            int size = random.Next(600, 1025);
            buffers.Add(new Buffer($"s{i}", lower, upper, size) { Alignment = 1024 });
            lines.Add($"s{i},{lower},{upper},{size},1024");
        }
        var problem = new Problem(buffers, 0);
        var profile = LiveProfile.Of(problem);
        capacity = profile.Peak;
        int mostLive = profile.Steps.Max(step => buffers.Count(b => b.Lifespan.Contains(step)));
        Assert.True(1024L * (mostLive - 1) + 600 > capacity, "this capacity might fit; the test needs another instance");
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>
    /// A problem with room to spare but more buffers than the search visits between two looks at the clock (512):
    /// a zero time limit stops the exact search before it ends, and any heuristic plan fits.
    /// </summary>
    public static string Roomy(out long capacity)
    {
        var random = new Random(7);
        var lines = new List<string> { "id,lower,upper,size" };
        for (int i = 0; i < 700; i++)
        {
            int lower = random.Next(0, 200);
            lines.Add($"b{i},{lower},{lower + random.Next(1, 30)},{random.Next(1, 64) * 16}");
        }
        capacity = 1L << 40;
        return string.Join("\n", lines) + "\n";
    }
}
