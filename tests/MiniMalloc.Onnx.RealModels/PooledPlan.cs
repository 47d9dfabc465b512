using System.Globalization;
using System.Text;
using MiniMalloc.Planning;

namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// A lowered model's lifetimes file planned into two memory pools, a small fast one and a large slow one, as
/// <c>minimalloc --input=FILE --pool=sram:FAST:64 --pool=dram:SLOW:64</c> plans it (the planning pipeline, pools set
/// for the plan over a version-1 file), read back from the plan's CSV. For the checks that run a schedule over one
/// byte array, the two pools are laid side by side in one address space: the fast pool at 0, the slow one right
/// after the fast pool's capacity, so a buffer's address is its pool's base plus its offset and two buffers of
/// different pools can never share a byte.
/// </summary>
/// <param name="Addresses">Each buffer's address in that address space, by id (an alias's included).</param>
/// <param name="PoolOf">Each buffer's pool's name, by id.</param>
/// <param name="AddressSpace">The bytes the address space needs: the fast pool's capacity plus the slow pool's height.</param>
/// <param name="Figures">The plan's cost, its lower bound and each pool's height, as the summary line gives them.</param>
public sealed record PooledPlan(IReadOnlyDictionary<string, long> Addresses, IReadOnlyDictionary<string, string> PoolOf, long AddressSpace, PooledPlanFigures Figures)
{
    /// <summary>The fast pool's name.</summary>
    public const string Fast = "sram";

    /// <summary>The slow pool's name.</summary>
    public const string Slow = "dram";

    /// <summary>The alignment of both pools, a cache line's, as a firmware's memory map would have it.</summary>
    public const long Alignment = 64;

    /// <summary>Plans <paramref name="lifetimesPath"/> into the two pools; throws when the pipeline gives no plan.</summary>
    public static PooledPlan Plan(string lifetimesPath, long fastCapacity, long slowCapacity)
    {
        var request = new PlanRequest
        {
            InputPath = lifetimesPath,
            Pools =
            [
                new PoolSpec(Fast, Capacity.Of(fastCapacity), Planning.Alignment.Of(Alignment), null),
                new PoolSpec(Slow, Capacity.Of(slowCapacity), Planning.Alignment.Of(Alignment), null),
            ],
            ReturnCsv = true,
        };
        var outcome = Planner.Run(request);
        if (!outcome.Succeeded || outcome.Csv is null || outcome.Summary?.Pools is not { Cost: { } cost } pools)
        {
            throw new InvalidOperationException($"no pool plan for {lifetimesPath}: {outcome.Status}\n{string.Join("\n", outcome.Diagnostics)}");
        }
        var rows = Rows(outcome.Csv);
        var header = rows[0];
        int id = header.IndexOf("id"), size = header.IndexOf("size"), offset = header.IndexOf("offset"), pool = header.IndexOf("pool");
        if (id < 0 || size < 0 || offset < 0 || pool < 0) throw new InvalidOperationException($"the pool plan's CSV lacks a column: {string.Join(",", header)}");

        var addresses = new Dictionary<string, long>(StringComparer.Ordinal);
        var poolOf = new Dictionary<string, string>(StringComparer.Ordinal);
        long slowHeight = 0;
        foreach (var row in rows.Skip(1))
        {
            long at = long.Parse(row[offset], NumberStyles.None, CultureInfo.InvariantCulture);
            long bytes = long.Parse(row[size], NumberStyles.None, CultureInfo.InvariantCulture);
            poolOf[row[id]] = row[pool];
            addresses[row[id]] = row[pool] switch
            {
                Fast => at,
                Slow => fastCapacity + at,
                _ => throw new InvalidOperationException($"buffer {row[id]} is in an unknown pool {row[pool]}"),
            };
            if (row[pool] == Slow) slowHeight = Math.Max(slowHeight, at + bytes);
        }
        var heights = pools.Pools.ToDictionary(p => p.Name, p => p.Height ?? 0, StringComparer.Ordinal);
        var figures = new PooledPlanFigures(cost, pools.CostLowerBound, pools.ProvenOptimal, heights[Fast], heights[Slow], outcome.SummaryLine);
        return new PooledPlan(addresses, poolOf, fastCapacity + slowHeight, figures);
    }

    // The CSV's rows, its fields unquoted as RFC 4180 says (an id may hold a comma or a quote).
    private static List<List<string>> Rows(string csv)
    {
        var rows = new List<List<string>>();
        foreach (string line in csv.Split('\n'))
        {
            if (line.Length == 0) continue;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }
            fields.Add(field.ToString());
            rows.Add(fields);
        }
        return rows;
    }
}

/// <summary>A pool plan's figures.</summary>
/// <param name="Cost">The weight held in the slow pool (every buffer's weight its size: the bytes spilled).</param>
/// <param name="CostLowerBound">The planner's proven lower bound on the cost.</param>
/// <param name="ProvenOptimal">The cost is the bound.</param>
/// <param name="FastHeight">The fast pool's height.</param>
/// <param name="SlowHeight">The slow pool's height.</param>
/// <param name="SummaryLine">The pipeline's summary line, for messages.</param>
public sealed record PooledPlanFigures(long Cost, long CostLowerBound, bool ProvenOptimal, long FastHeight, long SlowHeight, string SummaryLine);
