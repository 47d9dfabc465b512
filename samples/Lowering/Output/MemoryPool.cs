using System.Globalization;

namespace Lowering.Output;

/// <summary>A memory the model may be placed in: a name, a capacity in bytes and an optional alignment.</summary>
public sealed record MemoryPool(string Name, long Capacity, long? Alignment)
{
    /// <summary>Parses <c>NAME:CAPACITY[:ALIGNMENT],...</c> (fastest first); null when malformed (MiniMalloc.Build checks the rest).</summary>
    public static IReadOnlyList<MemoryPool>? ParseList(string text)
    {
        var pools = new List<MemoryPool>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] fields = part.Split(':');
            if (fields.Length is < 2 or > 3 || fields[0].Length == 0
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long capacity))
            {
                return null;
            }

            long? alignment = null;
            if (fields.Length == 3)
            {
                if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return null;
                alignment = value;
            }

            pools.Add(new MemoryPool(fields[0], capacity, alignment));
        }

        return pools.Count > 0 ? pools : null;
    }
}
