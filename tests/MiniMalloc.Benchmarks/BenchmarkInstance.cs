using System.Globalization;

namespace MiniMalloc.Benchmarks;

/// <summary>A benchmark file: its name (the file name up to the first dot), path and capacity.</summary>
internal sealed record BenchmarkInstance(string Name, string Path, long Capacity)
{
    /// <summary>
    /// The *.csv files of <paramref name="folder"/> in name order, each with the capacity from its name
    /// (<c>A.1048576.csv</c>) unless <paramref name="capacity"/> is given.
    /// </summary>
    public static List<BenchmarkInstance> InFolder(string folder, long? capacity, IReadOnlyList<string> only)
    {
        if (!Directory.Exists(folder)) throw new ArgumentException($"folder '{folder}' does not exist");
        var instances = new List<BenchmarkInstance>();
        foreach (string path in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            string fileName = System.IO.Path.GetFileName(path);
            string[] parts = fileName.Split('.');
            string name = parts[0];
            if (only.Count > 0 && !only.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))) continue;
            long? fromName = parts.Skip(1).Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long c) ? c : (long?)null)
                .FirstOrDefault(c => c is not null);
            long resolved = capacity ?? fromName
                ?? throw new ArgumentException($"'{fileName}' has no capacity in its name (like A.1048576.csv); give --capacity");
            instances.Add(new BenchmarkInstance(name, path, resolved));
        }
        if (instances.Count == 0) throw new ArgumentException($"no matching *.csv files in '{folder}'");
        return instances;
    }

    /// <summary>
    /// Generated network-like problems of <see cref="HarnessArguments.Sizes"/> buffers (seed <c>--seed</c>, capacity
    /// <c>--slack</c> times the lower bound), each written as a CSV file into <paramref name="folder"/>, so that the
    /// whole-process timers can give the same file to both programs.
    /// </summary>
    public static List<BenchmarkInstance> Generated(HarnessArguments args, string folder)
    {
        Directory.CreateDirectory(folder);
        var instances = new List<BenchmarkInstance>();
        foreach (int size in args.Sizes)
        {
            var problem = Generators.NetworkProblemGenerator.Generate(size, args.Seed, args.Slack);
            string path = System.IO.Path.Combine(folder, FormattableString.Invariant($"network-{size}.{problem.Capacity}.csv"));
            File.WriteAllText(path, CsvProblemWriter.Write(problem));
            instances.Add(new BenchmarkInstance(FormattableString.Invariant($"network {size}"), path, problem.Capacity));
        }
        return instances;
    }

    /// <summary>Reads the problem with the library's CSV reader.</summary>
    public Problem Load() => CsvProblemReader.Read(Path, Capacity);
}
