using Microsoft.Build.Framework;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tasks;

/// <summary>
/// Pools set from the project, read once into <see cref="PoolSpec"/> values: <c>MiniMallocPool</c> items (the
/// identity is the name; metadata Capacity, Alignment, Cost) for every plan, or a plan's own <c>Pools</c> metadata
/// (<c>NAME:CAPACITY[:ALIGNMENT[:COST]]</c>, separated by semicolons or spaces), which wins over the items. Either
/// replaces the lifetimes file's pools: one firmware target, several memory maps.
/// </summary>
internal static class PoolItems
{
    /// <summary>The item type of project-wide pools.</summary>
    public const string ItemType = "MiniMallocPool";

    /// <summary>The pools of the <c>MiniMallocPool</c> items, in item order; null when there are none or one is unusable (errors added).</summary>
    public static IReadOnlyList<PoolSpec>? FromItems(ITaskItem[] items, List<Diagnostic> errors)
    {
        if (items.Length == 0) return null;
        var pools = new List<PoolSpec>(items.Length);
        int before = errors.Count;
        foreach (var item in items)
        {
            string setting = $"{ItemType} item '{item.ItemSpec}'";
            if (PoolSpec.TryCreate(item.ItemSpec, item.GetMetadata("Capacity"), item.GetMetadata("Alignment"), item.GetMetadata("Cost"), setting, out var pool, out var error))
            {
                pools.Add(pool);
            }
            else
            {
                errors.Add(error);
            }
        }
        if (errors.Count == before && PoolSpec.CheckList(pools, $"{ItemType} items") is { } listError) errors.Add(listError);
        return errors.Count == before ? pools : null;
    }

    /// <summary>A plan's <c>Pools</c> metadata; null when it is empty or unusable (errors added).</summary>
    public static IReadOnlyList<PoolSpec>? FromMetadata(string? text, string setting, List<Diagnostic> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var pools = new List<PoolSpec>();
        int before = errors.Count;
        foreach (string part in text.Split([';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (PoolSpec.TryParse(part, setting, out var pool, out var error)) pools.Add(pool);
            else errors.Add(error);
        }
        if (errors.Count == before && PoolSpec.CheckList(pools, setting) is { } listError) errors.Add(listError);
        return errors.Count == before ? pools : null;
    }
}
