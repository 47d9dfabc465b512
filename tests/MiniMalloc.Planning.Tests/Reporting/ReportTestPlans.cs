using Buffer = MiniMalloc.Buffer;

namespace MiniMalloc.Planning.Tests.Reporting;

/// <summary>Problems and placements for the report tests, made without the solver so the tests test the report alone.</summary>
internal static class ReportTestPlans
{
    /// <summary>A small keyword-spotting CNN like the samples': gaps, a windowed gap, alignments and a fixed buffer.</summary>
    public static Problem SampleModel(long capacity = 65536) => new(
    [
        new Buffer("dma_in", 0, 16, 1024) { Offset = 0 },
        new Buffer("input", 0, 2, 4000),
        new Buffer("conv1/out", 1, 4, 16000) { Alignment = 64 },
        new Buffer("im2col", 1, 2, 9216) { Alignment = 16 },
        new Buffer("scratch", 2, 9, 2048) { Gaps = [new Gap(new Lifespan(3, 5)), new Gap(new Lifespan(6, 7), new Window(0, 512))] },
        new Buffer("dw1/out", 3, 6, 16000) { Alignment = 64 },
        new Buffer("pw1/out", 5, 8, 16000) { Alignment = 64 },
        new Buffer("residual", 5, 11, 12000) { Gaps = [new Gap(new Lifespan(7, 9))] },
        new Buffer("weights_cache", 4, 12, 4096) { Gaps = [new Gap(new Lifespan(6, 8), new Window(0, 1024))] },
        new Buffer("dw2/out", 7, 10, 8000) { Alignment = 32 },
        new Buffer("pw2/out", 9, 12, 8000) { Alignment = 32 },
        new Buffer("pool/out", 11, 13, 2048),
        new Buffer("fc/out", 12, 14, 48),
        new Buffer("softmax/out", 13, 15, 48),
        new Buffer("output", 14, 16, 48),
    ], capacity);

    /// <summary>
    /// A valid placement: fixed buffers first, then by decreasing size, each at the lowest aligned offset clear of
    /// every placed buffer whose lifespan overlaps (whole lifespans: gaps are not reused, which is safe).
    /// </summary>
    public static Solution FirstFit(Problem problem)
    {
        var buffers = problem.Buffers;
        var offsets = new long[buffers.Count];
        var placed = new List<int>();
        var order = Enumerable.Range(0, buffers.Count)
            .OrderBy(i => buffers[i].Offset is null).ThenByDescending(i => buffers[i].Size).ThenBy(i => i);
        foreach (int i in order)
        {
            var buffer = buffers[i];
            var busy = placed.Where(j => buffers[j].Lifespan.Overlaps(buffer.Lifespan))
                .Select(j => (Lower: offsets[j], Upper: offsets[j] + buffers[j].Size)).OrderBy(r => r.Lower).ToList();
            long offset = buffer.Offset ?? 0;
            if (buffer.Offset is null)
            {
                foreach (var range in busy)
                {
                    if (offset + buffer.Size <= range.Lower) break;
                    if (range.Upper > offset) offset = (range.Upper + buffer.Alignment - 1) / buffer.Alignment * buffer.Alignment;
                }
            }
            offsets[i] = offset;
            placed.Add(i);
        }
        return Solution.FromOffsets(problem, offsets);
    }

    /// <summary>
    /// A dense valid plan of <paramref name="count"/> buffers made by cutting the plane of steps and bytes into
    /// rectangles (guillotine cuts at random places), each then shrunk a little: sizes and lifespans spread over
    /// orders of magnitude, as in large models, and the plan is valid by construction.
    /// </summary>
    public static (Problem Problem, Solution Solution) Guillotine(int count, int seed, long steps = 100_000, long bytes = 16L << 20)
    {
        var random = new Random(seed);
        var regions = new PriorityQueue<(long T0, long T1, long B0, long B1), double>();
        var final = new List<(long T0, long T1, long B0, long B1)>();
        regions.Enqueue((0, steps, 0, bytes), -1.0);
        while (regions.Count > 0 && regions.Count + final.Count < count)
        {
            var r = regions.Dequeue();
            double width = (double)(r.T1 - r.T0) / steps, height = (double)(r.B1 - r.B0) / bytes;
            bool cutTime = width * random.Next(1, 3) > height;
            long span = cutTime ? r.T1 - r.T0 : r.B1 - r.B0;
            if (span < 2)
            {
                final.Add(r);
                continue;
            }
            long cut = Math.Clamp((long)(span * (0.1 + 0.8 * random.NextDouble())), 1, span - 1);
            var (a, b) = cutTime
                ? ((r.T0, r.T0 + cut, r.B0, r.B1), (r.T0 + cut, r.T1, r.B0, r.B1))
                : ((r.T0, r.T1, r.B0, r.B0 + cut), (r.T0, r.T1, r.B0 + cut, r.B1));
            // The largest region is cut next (with some noise), so sizes vary widely but none stays huge.
            regions.Enqueue(a, -Area(a) * random.NextDouble());
            regions.Enqueue(b, -Area(b) * random.NextDouble());
        }
        while (regions.Count > 0) final.Add(regions.Dequeue());
        var buffers = new List<Buffer>(final.Count);
        var offsets = new List<long>(final.Count);
        foreach (var r in final)
        {
            long size = Math.Max(1, (long)((r.B1 - r.B0) * (0.6 + 0.4 * random.NextDouble())));
            var buffer = new Buffer("t" + buffers.Count, r.T0, r.T1, size);
            if (r.T1 - r.T0 >= 4 && random.Next(10) == 0)
            {
                long mid = r.T0 + (r.T1 - r.T0) / 2;
                buffer = buffer with { Gaps = [new Gap(new Lifespan(mid, mid + 1), random.Next(2) == 0 ? null : new Window(0, Math.Max(1, size / 2)))] };
            }
            buffers.Add(buffer);
            offsets.Add(r.B0);
        }
        var problem = new Problem(buffers, bytes);
        return (problem, Solution.FromOffsets(problem, offsets));
    }

    private static double Area((long T0, long T1, long B0, long B1) r) => (double)(r.T1 - r.T0) * (r.B1 - r.B0);

    /// <summary>The folder holding MiniMalloc.Build.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MiniMalloc.Build.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("MiniMalloc.Build.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A file of the read-only ../shared folder beside the repository, or null when it is absent.</summary>
    public static string? SharedFile(string relativePath)
    {
        string path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", relativePath));
        return File.Exists(path) ? path : null;
    }
}
