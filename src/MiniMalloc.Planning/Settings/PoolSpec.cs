using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>
/// One memory pool as the planning pipeline carries it: a validated name, a capacity of at least one byte, the
/// alignment of its arena (and of every buffer placed in it), and the cost of one unit of weight held in it (null:
/// the pool's position in the list, so that the first pool is free and each later one costs one more). The lifetimes
/// reader builds these from a file's <c>pools</c>; the fronts from <c>--pool</c> options and <c>MiniMallocPool</c> items.
/// </summary>
internal sealed record PoolSpec(string Name, Capacity Capacity, Alignment Alignment, long? Cost)
{
    /// <summary>The most pools of one problem: the solver keeps a buffer's allowed pools in 64 bits.</summary>
    public const int MaxPools = 64;

    /// <summary>The largest cost: 256, the planner's limit (costs times weights are summed in 64 bits).</summary>
    public const long MaxCost = PoolProblemChecker.MaxCost;

    /// <summary>What a pool option must be, for messages.</summary>
    public const string Expected = "NAME:CAPACITY[:ALIGNMENT[:COST]] with a name that makes a C identifier, a capacity in [1, 2^53], an alignment that is a power of two in [1, 2^30] and a cost in [0, 256]";

    /// <summary>The cost of the pool at <paramref name="position"/> in its list (its own, else the position).</summary>
    public long CostAt(int position) => Cost ?? position;

    /// <summary>
    /// The message for a pool name that cannot be used, or null: a name is non-empty, at most 256 characters, has a
    /// letter or digit to build the header's macro names from, and none of the characters that separate pools or
    /// their parts where pools are written as text: white space (the CSV <c>pools</c> column and a plan's
    /// <c>Pools</c> metadata separate names with it, and every front trims a name), <c>:</c> (<c>--pool</c>'s parts),
    /// <c>;</c> (the <c>Pools</c> metadata's pools) and control characters (the summary line is one line).
    /// A name any of them accepts is then the same name in all of them, and a plan's CSV reads back as itself.
    /// </summary>
    public static string? NameError(string name)
    {
        if (name.Length == 0) return "a pool's name is empty";
        if (name.Length > LifetimesLimits.MaxIdLength) return FormattableString.Invariant($"pool name {JsonText.Quote(name)} is {name.Length} characters long; the limit is {LifetimesLimits.MaxIdLength}");
        if (Separator(name) is { } bad)
        {
            string what = char.IsWhiteSpace(bad) ? "white space" : char.IsControl(bad) ? "a control character" : $"'{bad}'";
            return $"pool name {JsonText.Quote(name)} has {what} in it; a pool's name is one word without ':' or ';' (they separate pools and their parts in the CSV pools column, --pool and the Pools metadata)";
        }
        if (CIdentifier.Fragment(name) is null) return $"pool name {JsonText.Quote(name)} has no letter or digit to build a C identifier from";
        return null;
    }

    // The first character of the name that separates names or parts where pools are written as text, or null.
    private static char? Separator(string name)
    {
        foreach (char c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is ':' or ';') return c;
        }
        return null;
    }

    /// <summary>
    /// Parses <c>NAME:CAPACITY[:ALIGNMENT[:COST]]</c> (the CLI's <c>--pool</c>); otherwise <paramref name="error"/> is
    /// <see cref="DiagnosticCodes.InvalidPoolSetting"/> naming <paramref name="setting"/> and the text.
    /// </summary>
    public static bool TryParse(string text, string setting, [NotNullWhen(true)] out PoolSpec? pool, [NotNullWhen(false)] out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':');
        if (parts.Length is < 2 or > 4)
        {
            pool = null;
            error = SettingError.Invalid(DiagnosticCodes.InvalidPoolSetting, setting, text, Expected);
            return false;
        }
        return TryCreate(parts[0], parts[1], parts.Length > 2 ? parts[2] : null, parts.Length > 3 ? parts[3] : null, setting, out pool, out error);
    }

    /// <summary>
    /// A pool from its parts' texts (an MSBuild item's identity and metadata; empty or null alignment and cost: not
    /// given); otherwise <paramref name="error"/> is <see cref="DiagnosticCodes.InvalidPoolSetting"/> saying which part is wrong.
    /// </summary>
    public static bool TryCreate(string name, string capacityText, string? alignmentText, string? costText, string setting,
        [NotNullWhen(true)] out PoolSpec? pool, [NotNullWhen(false)] out Diagnostic? error)
    {
        pool = null;
        string trimmed = name.Trim();
        if (NameError(trimmed) is { } nameError)
        {
            error = new Diagnostic(DiagnosticCodes.InvalidPoolSetting, DiagnosticSeverity.Error, $"The {setting} has an unusable name: {nameError}.");
            return false;
        }
        if (!long.TryParse(capacityText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) || bytes < 1 || !Capacity.TryCreate(bytes, out var capacity))
        {
            error = Part(setting, trimmed, "capacity", capacityText, "an integer number of bytes in [1, 2^53]");
            return false;
        }
        var alignment = Alignment.None;
        if (!string.IsNullOrWhiteSpace(alignmentText) && !Alignment.TryParse(alignmentText, setting, out alignment, out _))
        {
            error = Part(setting, trimmed, "alignment", alignmentText, Alignment.Expected);
            return false;
        }
        long? cost = null;
        if (!string.IsNullOrWhiteSpace(costText))
        {
            if (!long.TryParse(costText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > MaxCost)
            {
                error = Part(setting, trimmed, "cost", costText, "an integer in [0, 256]");
                return false;
            }
            cost = value;
        }
        pool = new PoolSpec(trimmed, capacity, alignment, cost);
        error = null;
        return true;
    }

    /// <summary>
    /// Checks a list of pools set for a plan: at most <see cref="MaxPools"/>, names unique. Null when it is usable,
    /// else the error (<see cref="DiagnosticCodes.DuplicatePoolSetting"/> or <see cref="DiagnosticCodes.InvalidPoolSetting"/>).
    /// </summary>
    public static Diagnostic? CheckList(IReadOnlyList<PoolSpec> pools, string setting)
    {
        if (pools.Count > MaxPools)
        {
            return new Diagnostic(DiagnosticCodes.InvalidPoolSetting, DiagnosticSeverity.Error,
                FormattableString.Invariant($"{pools.Count} pools are set by the {setting}; the limit is {MaxPools}."));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            if (!seen.Add(pool.Name))
            {
                return new Diagnostic(DiagnosticCodes.DuplicatePoolSetting, DiagnosticSeverity.Error,
                    $"Pool {JsonText.Quote(pool.Name)} is set more than once by the {setting}; set each pool once, in order of preference.");
            }
        }
        return null;
    }

    /// <summary><c>NAME:CAPACITY:ALIGNMENT[:COST]</c>, the form <see cref="TryParse"/> reads (for the cache key and messages).</summary>
    public override string ToString() => Cost is { } cost
        ? FormattableString.Invariant($"{Name}:{Capacity.Bytes}:{Alignment.Bytes}:{cost}")
        : FormattableString.Invariant($"{Name}:{Capacity.Bytes}:{Alignment.Bytes}");

    private static Diagnostic Part(string setting, string name, string part, string text, string expected) =>
        new(DiagnosticCodes.InvalidPoolSetting, DiagnosticSeverity.Error, $"The {setting} gives pool {JsonText.Quote(name)} the {part} '{text}'; expected {expected}.");
}
