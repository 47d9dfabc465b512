namespace MiniMalloc.Planning;

/// <summary>
/// Turns ids and prefixes (data from a file another tool wrote) into upper-case C identifier fragments that
/// cannot change the meaning of the generated header.
/// </summary>
internal static class CIdentifier
{
    /// <summary>
    /// Fragments that ids may not take: an id "arena" would give PREFIX_ARENA_SIZE, the arena's own macro.
    /// Generated buffer macros end in _OFFSET or _SIZE; no other generated macro does except ARENA_SIZE.
    /// </summary>
    private static readonly Dictionary<string, string> Reserved = new(StringComparer.Ordinal)
    {
        ["ARENA"] = "PREFIX_ARENA_SIZE, the arena's size macro",
    };

    /// <summary>
    /// The upper-case identifier fragment for <paramref name="id"/>: ASCII letters and digits kept (upper-cased),
    /// each non-ASCII character written as U + its hex code point, everything else a separator; runs of
    /// separators become one underscore and none lead or trail (so no generated name holds "__", which C++
    /// reserves). Returns null when nothing is left (no letter, digit or non-ASCII character).
    /// </summary>
    public static string? Fragment(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return IdentifierFragment.Of(id);
    }

    /// <summary>
    /// The upper-case symbol prefix for <paramref name="prefix"/>: <see cref="Fragment"/>, with "X_" put in front
    /// when it starts with a digit (a C identifier cannot); null when nothing is left.
    /// </summary>
    public static string? Prefix(string prefix)
    {
        string? fragment = Fragment(prefix);
        if (fragment is null) return null;
        return char.IsAsciiDigit(fragment[0]) ? "X_" + fragment : fragment;
    }

    /// <summary>
    /// The text the default prefix is built from: the file's <c>name</c> when it gives an identifier, else the input's
    /// file name without ".lifetimes.json", ".json" or ".csv", else "plan".
    /// </summary>
    public static string DefaultPrefixSource(string? name, string inputPath)
    {
        if (!string.IsNullOrEmpty(name) && Fragment(name) is not null) return name;
        string file = Path.GetFileName(inputPath ?? string.Empty);
        foreach (var suffix in (string[])[".lifetimes.json", ".json", ".csv"])
        {
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                file = file[..^suffix.Length];
                break;
            }
        }
        return Fragment(file) is not null ? file : "plan";
    }

    /// <summary>
    /// Finds ids whose fragments collide with an earlier id's or with a generated macro's name (an id "arena"
    /// would define PREFIX_ARENA_SIZE twice). Ids without a fragment are reported with a null fragment.
    /// </summary>
    public static IReadOnlyList<IdentifierConflict> FindConflicts(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var conflicts = new List<IdentifierConflict>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++)
        {
            string id = ids[i];
            string? fragment = Fragment(id);
            if (fragment is null)
            {
                conflicts.Add(new IdentifierConflict(i, null, -1, $"id {JsonText.Quote(id)} has no letter or digit to build a C identifier from"));
            }
            else if (Reserved.TryGetValue(fragment, out string? macro))
            {
                conflicts.Add(new IdentifierConflict(i, fragment, -1,
                    $"id {JsonText.Quote(id)} becomes the C identifier PREFIX_{fragment}_SIZE, which is {macro}; rename the buffer"));
            }
            else if (first.TryGetValue(fragment, out int earlier))
            {
                conflicts.Add(new IdentifierConflict(i, fragment, earlier,
                    $"id {JsonText.Quote(id)} and id {JsonText.Quote(ids[earlier])} both become the C identifier fragment {fragment} (PREFIX_{fragment}_OFFSET); rename one of them"));
            }
            else
            {
                first.Add(fragment, i);
            }
        }
        return conflicts;
    }
}

/// <summary>An id that cannot be turned into its own C identifier.</summary>
/// <param name="Index">The index of the id at fault.</param>
/// <param name="Fragment">Its identifier fragment, or null when it has none.</param>
/// <param name="OtherIndex">The index of the earlier id it collides with, or -1 (a reserved name, or no fragment).</param>
/// <param name="Reason">A sentence for the diagnostic.</param>
internal sealed record IdentifierConflict(int Index, string? Fragment, int OtherIndex, string Reason);
