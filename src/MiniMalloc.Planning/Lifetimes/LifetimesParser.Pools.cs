using System.Text.Json;

namespace MiniMalloc.Planning;

/// <summary>
/// The lifetimes parser's version-2 parts: the document's <c>pools</c> and a buffer's <c>pools</c> (names resolved
/// later by <see cref="LifetimesRules"/>, against the pools set for the plan when they override the file's).
/// </summary>
internal sealed partial class LifetimesParser
{
    private static readonly string[] PoolProperties = ["name", "capacity", "alignment", "cost"];

    /// <summary>The format version that adds pools and weights.</summary>
    private const int PoolsVersion = 2;

    private List<LifetimesPool>? ReadPools(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected an array of pools such as [{{\"name\": \"sram\", \"capacity\": 65536}}], found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        var pools = new List<LifetimesPool>();
        bool complete = true;
        int index = 0;
        while (NextElement(ref reader, JsonText.Element(location.JsonPath, index)))
        {
            string path = JsonText.Element(location.JsonPath, index);
            var poolLocation = Here(ref reader, path);
            if (index == PoolSpec.MaxPools)
            {
                Error(DiagnosticCodes.InvalidPoolList, poolLocation, $"more than {PoolSpec.MaxPools} pools; the limit is {PoolSpec.MaxPools}");
                complete = false;
            }
            if (index >= PoolSpec.MaxPools) SkipValue(ref reader, path);
            else if (ReadPool(ref reader, poolLocation) is { } pool) pools.Add(pool);
            else complete = false;
            index++;
        }
        if (index == 0)
        {
            Error(DiagnosticCodes.InvalidPoolList, location, $"the pools list is empty; list at least one pool, fastest first (or leave \"pools\" out for one arena)");
            return null;
        }
        if (!complete) return null;
        var first = new Dictionary<string, LifetimesPool>(StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            if (first.TryGetValue(pool.Spec.Name, out var earlier))
            {
                Error(DiagnosticCodes.DuplicatePool, pool.LocationOf("name"),
                    $"pool {JsonText.Quote(pool.Spec.Name)} is already defined by {earlier.Location.JsonPath} (line {earlier.LocationOf("name").Line})");
                complete = false;
            }
            else
            {
                first.Add(pool.Spec.Name, pool);
            }
        }
        return complete ? pools : null;
    }

    private LifetimesPool? ReadPool(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected a pool object such as {{\"name\": \"sram\", \"capacity\": 65536}}, found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        int errorsBefore = _errorCount;
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? name = null;
        long? capacity = null, cost = null;
        Alignment alignment = Alignment.None;
        while (ReadProperty(ref reader, location.JsonPath, PoolProperties, seen, out string? property, out var valueLocation))
        {
            if (property is null) continue;
            locations[property] = valueLocation;
            switch (property)
            {
                case "name":
                    if (ReadString(ref reader, valueLocation, out string? text))
                    {
                        if (PoolSpec.NameError(text) is { } nameError) Error(DiagnosticCodes.InvalidPoolName, valueLocation, $"{nameError}");
                        else name = text;
                    }
                    break;
                case "capacity":
                    capacity = ReadInRange(ref reader, valueLocation, "capacity", 1, LifetimesLimits.MaxValue);
                    break;
                case "alignment":
                    if (ReadAlignment(ref reader, valueLocation) is { } value) alignment = value;
                    break;
                case "cost":
                    cost = ReadWeight(ref reader, valueLocation, "cost", PoolSpec.MaxCost);
                    break;
            }
        }
        if (!locations.ContainsKey("name")) Missing(location, location.JsonPath, "name", "the pool's name (it names the pool's arena in the header)");
        if (!locations.ContainsKey("capacity")) Missing(location, location.JsonPath, "capacity", "the pool's size in bytes");
        if (_errorCount > errorsBefore || name is null || capacity is null) return null;
        return new LifetimesPool
        {
            Spec = new PoolSpec(name, Capacity.Of(capacity.Value), alignment, cost),
            Location = location,
            PropertyLocations = locations,
        };
    }

    /// <summary>A buffer's <c>pools</c>: a non-empty array of distinct names, each with its position.</summary>
    private List<(string Name, SourceLocation Location)>? ReadPoolNames(ref Utf8JsonReader reader, SourceLocation location)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Error(DiagnosticCodes.WrongType, location, $"expected an array of pool names such as [\"sram\", \"dram\"], found {Describe(ref reader)}");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        var names = new List<(string, SourceLocation)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool complete = true;
        int index = 0;
        while (NextElement(ref reader, JsonText.Element(location.JsonPath, index)))
        {
            var elementLocation = Here(ref reader, JsonText.Element(location.JsonPath, index));
            index++;
            if (index > PoolSpec.MaxPools)
            {
                if (index == PoolSpec.MaxPools + 1) Error(DiagnosticCodes.InvalidPoolList, elementLocation, $"more than {PoolSpec.MaxPools} pool names; the limit is {PoolSpec.MaxPools}");
                SkipValue(ref reader, elementLocation.JsonPath);
                complete = false;
                continue;
            }
            if (!ReadString(ref reader, elementLocation, out string? name))
            {
                complete = false;
            }
            else if (!seen.Add(name))
            {
                Error(DiagnosticCodes.DuplicatePool, elementLocation, $"pool {JsonText.Quote(name)} is listed twice");
                complete = false;
            }
            else
            {
                names.Add((name, elementLocation));
            }
        }
        if (index == 0)
        {
            Error(DiagnosticCodes.InvalidPoolList, location, $"the buffer's pools list is empty: it could go nowhere; leave \"pools\" out to allow every pool");
            return null;
        }
        return complete ? names : null;
    }

    /// <summary>A weight or a cost: an integer in [0, <paramref name="max"/>], one outside with its own code.</summary>
    private long? ReadWeight(ref Utf8JsonReader reader, SourceLocation location, string what, long max)
    {
        // Any whole number outside the range, beyond 64 bits too, is this rule's error (a fraction is a wrong type).
        bool outside = reader.TokenType == JsonTokenType.Number && (reader.TryGetInt64(out long value)
            ? value < 0 || value > max
            : RawValue(ref reader).AsSpan().IndexOfAny('.', 'e', 'E') < 0);
        if (outside)
        {
            Error(DiagnosticCodes.InvalidWeight, location, $"{what} {RawValue(ref reader)} is outside [0, {max}]");
            SkipValue(ref reader, location.JsonPath);
            return null;
        }
        return ReadInRange(ref reader, location, what, 0, max);
    }

    /// <summary>
    /// The version rules: pools and weights only in a version-2 file (a version-1 file is read exactly as before),
    /// and no top-level capacity beside pools (each pool has its own).
    /// </summary>
    private void CheckVersionRules(DocumentDraft draft)
    {
        if (draft.Version == PoolsVersion)
        {
            if (draft.Locations.TryGetValue("capacity", out var capacity) && draft.Locations.ContainsKey("pools"))
            {
                Error(DiagnosticCodes.CapacityBesidePools, capacity, $"a file with pools gives each pool its capacity; remove the top-level \"capacity\" (or set the first pool's capacity with MiniMallocCapacity / --capacity)");
            }
            return;
        }
        if (draft.Locations.TryGetValue("pools", out var pools))
        {
            Error(DiagnosticCodes.PoolsNeedVersion2, pools, $"\"pools\" needs \"version\": 2 (this file says version 1)");
        }
        foreach (var buffer in draft.Buffers ?? [])
        {
            foreach (string property in (string[])["pools", "weight"])
            {
                if (buffer.PropertyLocations.TryGetValue(property, out var location))
                {
                    Error(DiagnosticCodes.PoolsNeedVersion2, location, $"a buffer's \"{property}\" needs \"version\": 2 (this file says version 1)");
                }
            }
        }
    }
}
