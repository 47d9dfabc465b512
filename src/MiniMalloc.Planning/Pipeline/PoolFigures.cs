using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning;

/// <summary>
/// The figures of a pool plan for both summary lines (the build's and the CLI's): the cost, the proven lower bound
/// on it, and per pool its name, height and capacity.
/// </summary>
internal sealed record PoolFigures
{
    /// <summary>The plan's cost, or null when there is no plan.</summary>
    public long? Cost { get; init; }

    /// <summary>The proven lower bound on the cost.</summary>
    public required long CostLowerBound { get; init; }

    /// <summary>True when the cost is proven optimal.</summary>
    public bool ProvenOptimal { get; init; }

    /// <summary>Which path of the planner found the plan ("exact", "anytime", "greedy", "cache").</summary>
    public string Method { get; init; } = "";

    /// <summary>Per pool, fastest first: its name, its height in the plan (null without a plan) and its capacity.</summary>
    public required IReadOnlyList<(string Name, long? Height, long Capacity)> Pools { get; init; }

    /// <summary><c>cost C (lower bound L), pools sram 1024/2048, dram 0/65536</c>: what both summary lines show of a pool plan.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Cost is { } cost ? "cost " + N(cost) : "no plan");
        text.Append(" (lower bound ").Append(N(CostLowerBound)).Append(ProvenOptimal ? ", optimal)" : ")");
        text.Append(", pools ");
        text.AppendJoin(", ", Pools.Select(p => p.Name + " " + (p.Height is { } h ? N(h) : "-") + "/" + N(p.Capacity)));
        return text.ToString();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
