namespace MiniMalloc.Planning;

/// <summary>
/// Every diagnostic code, grouped by area: 1xxx configuration (property and metadata values), 2xxx input file
/// content, 3xxx solver outcomes, 4xxx I/O and cache. The table of docs/diagnostics.md is <see cref="MarkdownTable"/>;
/// a test keeps the two in step. Codes are never reused for another meaning: a retired code (MMB1006, an input
/// extension other than .json or .csv, since every other file is read as CSV) keeps its number unused. The 19xx
/// codes are raised only by the MSBuild layer (its targets and task) but are listed here so that there is one table.
/// </summary>
internal static class DiagnosticCodes
{
    /// <summary>
    /// Where the codes are documented: a path relative to the repository root and to the root of the MiniMalloc.Build
    /// package, which both hold the page. The project has no web host, so a URL would lead nowhere; this path resolves
    /// wherever a user has the sources or the package. <see cref="HelpLink(string)"/> appends the code's anchor.
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics.md";

    // 1xxx: configuration (task properties, item metadata, CLI options).

    /// <summary>A capacity set by property, metadata or option is not an integer in [0, 2^53], or none is given where one is needed.</summary>
    public const string InvalidCapacitySetting = "MMB1001";

    /// <summary>An alignment set by property, metadata or option is not a power of two in [1, 2^30].</summary>
    public const string InvalidAlignmentSetting = "MMB1002";

    /// <summary>The symbol prefix has no letter or digit to build C identifiers from.</summary>
    public const string InvalidSymbolPrefix = "MMB1003";

    /// <summary>A timeout set by property, metadata or option is not a duration (or is negative).</summary>
    public const string InvalidTimeout = "MMB1004";

    /// <summary>The solver options are unusable (for example an unknown preordering heuristic letter).</summary>
    public const string InvalidSolverOptions = "MMB1005";

    /// <summary>A required path (input or header) is empty.</summary>
    public const string MissingPath = "MMB1007";

    /// <summary>A minimizer node budget set by property, metadata or option is not a whole number in [0, 2^53].</summary>
    public const string InvalidNodeBudget = "MMB1008";

    /// <summary>A pool set by option or item (<c>--pool</c>, <c>MiniMallocPool</c>) is not NAME:CAPACITY[:ALIGNMENT[:COST]] with valid values.</summary>
    public const string InvalidPoolSetting = "MMB1010";

    /// <summary>Two pools set by option or item have the same name.</summary>
    public const string DuplicatePoolSetting = "MMB1011";

    /// <summary>Settings that mean nothing together on a pool problem (a capacity beside pools set for the plan, pools for a file that has none to place).</summary>
    public const string PoolSettingConflict = "MMB1012";

    /// <summary>MSBuild is older than 18.0 and cannot load the task (raised by the package's targets).</summary>
    public const string UnsupportedMSBuild = "MMB1901";

    /// <summary>A boolean property or metadata value (MinimizeCapacity) is neither true nor false.</summary>
    public const string InvalidBooleanSetting = "MMB1902";

    /// <summary>Two MiniMallocPlan items of one project would write the same header.</summary>
    public const string DuplicateHeaderPath = "MMB1903";

    // 2xxx: input file content.

    /// <summary>The file is not well-formed JSON (or not UTF-8).</summary>
    public const string MalformedJson = "MMB2001";

    /// <summary>A value has the wrong JSON type (for example a string where an integer is expected).</summary>
    public const string WrongType = "MMB2002";

    /// <summary>A required property is missing.</summary>
    public const string MissingProperty = "MMB2003";

    /// <summary>A property is not part of the format (a typo must not be silently ignored).</summary>
    public const string UnknownProperty = "MMB2004";

    /// <summary>An object has the same property twice.</summary>
    public const string DuplicateProperty = "MMB2005";

    /// <summary>The format version is not one this tool reads.</summary>
    public const string UnsupportedVersion = "MMB2006";

    /// <summary>A buffer's end is not greater than its start.</summary>
    public const string EmptyLifespan = "MMB2007";

    /// <summary>A buffer's size is zero or negative.</summary>
    public const string InvalidSize = "MMB2008";

    /// <summary>Two buffers have the same id.</summary>
    public const string DuplicateId = "MMB2009";

    /// <summary>A gap lies (partly) outside its buffer's lifespan.</summary>
    public const string GapOutsideLifespan = "MMB2010";

    /// <summary>A gap is empty, or overlaps or precedes the gap before it.</summary>
    public const string InvalidGap = "MMB2011";

    /// <summary>A gap's window is not two integers [lower, upper] with 0 &lt;= lower &lt;= upper &lt;= size.</summary>
    public const string InvalidWindow = "MMB2012";

    /// <summary>A buffer cannot fit in the capacity on its own (its size, or its fixed offset + size, exceeds it).</summary>
    public const string BufferExceedsCapacity = "MMB2013";

    /// <summary>An integer is outside the range the format allows (negative, or beyond 2^53, or not a 64-bit integer at all).</summary>
    public const string ValueOutOfRange = "MMB2014";

    /// <summary>Two ids (or an id and a generated macro) give the same C identifier.</summary>
    public const string IdentifierCollision = "MMB2015";

    /// <summary>An alignment in the file is not a power of two in [1, 2^30].</summary>
    public const string InvalidAlignment = "MMB2016";

    /// <summary>A fixed offset is not a multiple of its buffer's alignment.</summary>
    public const string MisalignedOffset = "MMB2017";

    /// <summary>The input file exceeds the size limit.</summary>
    public const string FileTooLarge = "MMB2018";

    /// <summary>The file has more buffers than the limit.</summary>
    public const string TooManyBuffers = "MMB2019";

    /// <summary>An id is longer than the limit.</summary>
    public const string IdTooLong = "MMB2020";

    /// <summary>The JSON nests deeper than the format ever needs.</summary>
    public const string NestingTooDeep = "MMB2021";

    /// <summary>The sum of sizes or of areas (size times lifespan) exceeds what 64-bit arithmetic allows safely.</summary>
    public const string TotalsTooLarge = "MMB2022";

    /// <summary>The CSV input is malformed.</summary>
    public const string CsvError = "MMB2023";

    /// <summary>A hint is not a multiple of the buffer's alignment or leaves the capacity; it is ignored.</summary>
    public const string UnusableHint = "MMB2024";

    /// <summary>An id is empty, has no letter or digit to build a C identifier from, or is not valid Unicode.</summary>
    public const string InvalidId = "MMB2025";

    /// <summary>A buffer has more gaps than the limit.</summary>
    public const string TooManyGaps = "MMB2026";

    /// <summary>An alias names an owner that is no buffer of the file.</summary>
    public const string UnknownAliasOwner = "MMB2027";

    /// <summary>Buffers are aliases of one another in a cycle (or one is an alias of itself).</summary>
    public const string AliasCycle = "MMB2028";

    /// <summary>An alias's bytes (offset + size) do not lie within its owner's size.</summary>
    public const string AliasOutOfRange = "MMB2029";

    /// <summary>An alias has a fixed offset or a hint of its own (it goes where its owner goes).</summary>
    public const string AliasPlacement = "MMB2030";

    /// <summary>An alias's alignment does not divide its owner's alignment and its offset in the owner.</summary>
    public const string AliasAlignment = "MMB2031";

    /// <summary>A pools property in a version-1 file (pools, a buffer's pools or weight need version 2).</summary>
    public const string PoolsNeedVersion2 = "MMB2040";

    /// <summary>A buffer (or CSV row) names a pool that is not defined.</summary>
    public const string UnknownPool = "MMB2041";

    /// <summary>Two pools have the same name, or a buffer lists a pool twice.</summary>
    public const string DuplicatePool = "MMB2042";

    /// <summary>A pool's name is empty, too long, or has no letter or digit to build C identifiers from.</summary>
    public const string InvalidPoolName = "MMB2043";

    /// <summary>A buffer with a fixed offset may go to more than one pool.</summary>
    public const string FixedOffsetPools = "MMB2044";

    /// <summary>A buffer's weight or a pool's cost is negative or above 2^53.</summary>
    public const string InvalidWeight = "MMB2045";

    /// <summary>The pools list, or a buffer's, is empty; or there are more than 64 pools.</summary>
    public const string InvalidPoolList = "MMB2046";

    /// <summary>A pool's generated C names collide with a buffer's or another pool's.</summary>
    public const string PoolIdentifierCollision = "MMB2047";

    /// <summary>A file with pools also gives a top-level capacity (each pool has its own).</summary>
    public const string CapacityBesidePools = "MMB2048";

    /// <summary>Pools are set for the plan over a file that gives a top-level capacity, which they replace.</summary>
    public const string CapacityReplacedByPools = "MMB2049";

    // 3xxx: solver outcomes.

    /// <summary>The buffers do not fit in the capacity; the message names an infeasible subset and the over-full step.</summary>
    public const string Infeasible = "MMB3001";

    /// <summary>The solver ran out of time before deciding (this is not a proof of infeasibility).</summary>
    public const string TimedOut = "MMB3002";

    /// <summary>The exact search ran out of time; a heuristic plan (best-fit decreasing improved by local search) that fits was used instead.</summary>
    public const string FallbackPlanUsed = "MMB3003";

    /// <summary>The plan was cancelled.</summary>
    public const string Cancelled = "MMB3004";

    /// <summary>A plan the solver returned failed validation; nothing was written (a solver bug: please report it).</summary>
    public const string PlanRejected = "MMB3005";

    /// <summary>Minimizing ran out of time: the plan is valid but its height is not proven minimal.</summary>
    public const string NotProvenMinimal = "MMB3006";

    /// <summary>The buffers cannot be placed in their pools: names the buffers and the step.</summary>
    public const string PoolsInfeasible = "MMB3010";

    /// <summary>The pool plan's cost is not proven optimal (the search stopped at its budget): the cost and its lower bound.</summary>
    public const string PoolCostNotProven = "MMB3011";

    /// <summary>The pool planner stopped (time limit or budget) before finding any plan.</summary>
    public const string PoolsTimedOut = "MMB3012";

    // 4xxx: I/O and cache (cache problems are never errors).

    /// <summary>The input file cannot be read (missing, locked, no permission).</summary>
    public const string InputUnreadable = "MMB4001";

    /// <summary>The header cannot be written; the previous header is left as it was.</summary>
    public const string HeaderWriteFailed = "MMB4002";

    /// <summary>A cache entry is corrupt, truncated, of another version or for another problem; it is ignored.</summary>
    public const string CacheEntryCorrupt = "MMB4003";

    /// <summary>A cache entry holds a plan that fails validation; it is discarded and the problem re-solved.</summary>
    public const string CacheEntryInvalidPlan = "MMB4004";

    /// <summary>The cache directory cannot be read or written; the plan is solved without it.</summary>
    public const string CacheUnavailable = "MMB4005";

    /// <summary>The previous plan (warm start) cannot be read or does not fit the problem; solving cold.</summary>
    public const string PreviousPlanUnusable = "MMB4006";

    /// <summary>The previous plan (warm start) cannot be written; the next build starts cold.</summary>
    public const string PreviousPlanWriteFailed = "MMB4007";

    /// <summary>The HTML report cannot be written (the header was written).</summary>
    public const string ReportWriteFailed = "MMB4008";

    /// <summary>With -question (or a check-only run): the header is out of date and would be written.</summary>
    public const string HeaderOutOfDate = "MMB4009";

    /// <summary>The CSV output cannot be written; the previous file is left as it was.</summary>
    public const string CsvWriteFailed = "MMB4010";

    /// <summary>The plan was not stored in the plan cache: the time limit, not the work budget, cut its search short.</summary>
    public const string PlanNotCached = "MMB4011";

    /// <summary>Every code with its severity and a one-line meaning, in code order (the table of docs/diagnostics.md).</summary>
    public static IReadOnlyList<DiagnosticCodeInfo> All { get; } =
    [
        new(InvalidCapacitySetting, DiagnosticSeverity.Error, "A capacity set by property, metadata or option is not an integer in [0, 2^53] (in [1, 2^53] when it is the first pool's), or none is given while minimizing is off."),
        new(InvalidAlignmentSetting, DiagnosticSeverity.Error, "An alignment set by property, metadata or option is not a power of two in [1, 2^30]."),
        new(InvalidSymbolPrefix, DiagnosticSeverity.Error, "The symbol prefix has no letter or digit to build C identifiers from."),
        new(InvalidTimeout, DiagnosticSeverity.Error, "A timeout set by property, metadata or option is not a duration (30, 2.5, 500ms, 1h30m, 00:01:30 or inf) or is negative."),
        new(InvalidSolverOptions, DiagnosticSeverity.Error, "The solver options are unusable (for example an unknown preordering heuristic letter)."),
        new(MissingPath, DiagnosticSeverity.Error, "A required path (input or header) is empty."),
        new(InvalidNodeBudget, DiagnosticSeverity.Error, "A node budget (MinimizeNodes, SearchNodes) set by property, metadata or option is not a whole number of search nodes in [0, 2^53]."),
        new(InvalidPoolSetting, DiagnosticSeverity.Error, "A pool set by option or item (--pool, MiniMallocPool) is not NAME:CAPACITY[:ALIGNMENT[:COST]] with a valid name, a capacity in [1, 2^53], a power-of-two alignment and a cost in [0, 256]."),
        new(DuplicatePoolSetting, DiagnosticSeverity.Error, "Two pools set by option or item have the same name."),
        new(PoolSettingConflict, DiagnosticSeverity.Error, "Settings that mean nothing together: a capacity beside pools set for the plan (set the first pool's capacity instead), or a CSV pools or pool column without pools set."),
        new(UnsupportedMSBuild, DiagnosticSeverity.Error, "MSBuild is older than 18.0 and cannot load the task (raised by the package's targets)."),
        new(InvalidBooleanSetting, DiagnosticSeverity.Error, "A boolean property or metadata value (MinimizeCapacity) is neither true nor false."),
        new(DuplicateHeaderPath, DiagnosticSeverity.Error, "Two MiniMallocPlan items of one project would write the same header."),
        new(MalformedJson, DiagnosticSeverity.Error, "The file is not well-formed JSON (or not UTF-8)."),
        new(WrongType, DiagnosticSeverity.Error, "A value has the wrong JSON type (for example a string or a fraction where an integer is expected)."),
        new(MissingProperty, DiagnosticSeverity.Error, "A required property is missing."),
        new(UnknownProperty, DiagnosticSeverity.Error, "A property is not part of the format (typos are not ignored)."),
        new(DuplicateProperty, DiagnosticSeverity.Error, "An object has the same property twice."),
        new(UnsupportedVersion, DiagnosticSeverity.Error, "The format version is not 1 or 2."),
        new(EmptyLifespan, DiagnosticSeverity.Error, "A buffer's end is not greater than its start."),
        new(InvalidSize, DiagnosticSeverity.Error, "A buffer's size is zero or negative."),
        new(DuplicateId, DiagnosticSeverity.Error, "Two buffers have the same id."),
        new(GapOutsideLifespan, DiagnosticSeverity.Error, "A gap lies (partly) outside its buffer's lifespan."),
        new(InvalidGap, DiagnosticSeverity.Error, "A gap is empty, or overlaps or precedes the gap before it."),
        new(InvalidWindow, DiagnosticSeverity.Error, "A gap's window is not [lower, upper] with 0 <= lower <= upper <= size."),
        new(BufferExceedsCapacity, DiagnosticSeverity.Error, "A buffer's size, or its fixed offset + size, exceeds the capacity."),
        new(ValueOutOfRange, DiagnosticSeverity.Error, "An integer is outside the allowed range (negative, above 2^53, or beyond 64 bits)."),
        new(IdentifierCollision, DiagnosticSeverity.Error, "Two ids (or an id and a generated macro) give the same C identifier."),
        new(InvalidAlignment, DiagnosticSeverity.Error, "An alignment in the file is not a power of two in [1, 2^30]."),
        new(MisalignedOffset, DiagnosticSeverity.Error, "A fixed offset is not a multiple of its buffer's alignment."),
        new(FileTooLarge, DiagnosticSeverity.Error, "The input file exceeds the size limit (64 MiB)."),
        new(TooManyBuffers, DiagnosticSeverity.Error, "The file has more buffers than the limit (1,000,000)."),
        new(IdTooLong, DiagnosticSeverity.Error, "An id is longer than the limit (256 characters)."),
        new(NestingTooDeep, DiagnosticSeverity.Error, "The JSON nests deeper than the format needs (limit 16)."),
        new(TotalsTooLarge, DiagnosticSeverity.Error, "The sum of sizes exceeds 2^53, the sum of areas (size x lifespan) exceeds 2^62, or the weights times the dearest pool's cost can pass 2^62."),
        new(CsvError, DiagnosticSeverity.Error, "The CSV input is malformed."),
        new(UnusableHint, DiagnosticSeverity.Warning, "A hint is misaligned or leaves the capacity; it is ignored."),
        new(InvalidId, DiagnosticSeverity.Error, "An id is empty, has no letter or digit for a C identifier, or is not valid Unicode."),
        new(TooManyGaps, DiagnosticSeverity.Error, "A buffer has more gaps than the limit (1,024)."),
        new(UnknownAliasOwner, DiagnosticSeverity.Error, "An alias names an owner that is no buffer of the file."),
        new(AliasCycle, DiagnosticSeverity.Error, "Buffers are aliases of one another in a cycle, or a buffer is an alias of itself."),
        new(AliasOutOfRange, DiagnosticSeverity.Error, "An alias's offset + size exceeds its owner's size."),
        new(AliasPlacement, DiagnosticSeverity.Error, "An alias has a fixed offset or a hint of its own; it goes where its owner goes."),
        new(AliasAlignment, DiagnosticSeverity.Error, "An alias's alignment does not divide both its owner's alignment and its offset in the owner."),
        new(PoolsNeedVersion2, DiagnosticSeverity.Error, "A version-1 file has pools, or a buffer's pools or weight: they need \"version\": 2."),
        new(UnknownPool, DiagnosticSeverity.Error, "A buffer (or CSV row) names a pool that is not defined."),
        new(DuplicatePool, DiagnosticSeverity.Error, "Two pools have the same name, or a buffer lists a pool twice."),
        new(InvalidPoolName, DiagnosticSeverity.Error, "A pool's name is empty, longer than 256 characters, has white space, a control character, ':' or ';' in it, or has no letter or digit to build C identifiers from."),
        new(FixedOffsetPools, DiagnosticSeverity.Error, "A buffer with a fixed offset may go to more than one pool (an offset needs a single pool)."),
        new(InvalidWeight, DiagnosticSeverity.Error, "A buffer's weight is outside [0, 2^53] or a pool's cost outside [0, 256]."),
        new(InvalidPoolList, DiagnosticSeverity.Error, "The pools list, or a buffer's, is empty, or there are more than 64 pools."),
        new(PoolIdentifierCollision, DiagnosticSeverity.Error, "A pool's generated C names collide with a buffer's or another pool's."),
        new(CapacityBesidePools, DiagnosticSeverity.Error, "A file with pools also gives a top-level capacity (each pool has its own; MiniMallocCapacity / --capacity set the first pool's)."),
        new(CapacityReplacedByPools, DiagnosticSeverity.Warning, "Pools are set for the plan (--pool, MiniMallocPool items, Pools metadata) over a file with a top-level capacity: the pools' capacities are used, the file's is not."),
        new(Infeasible, DiagnosticSeverity.Error, "The buffers do not fit in the capacity: names an infeasible subset and the over-full step."),
        new(TimedOut, DiagnosticSeverity.Error, "The solver timed out before deciding (not a proof of infeasibility) and no fallback plan fits."),
        new(FallbackPlanUsed, DiagnosticSeverity.Warning, "The exact search timed out; a heuristic plan (best-fit decreasing improved by local search) that fits was used."),
        new(Cancelled, DiagnosticSeverity.Error, "The plan was cancelled; nothing was written."),
        new(PlanRejected, DiagnosticSeverity.Error, "A solver plan failed validation; nothing was written (a solver bug: please report it)."),
        new(NotProvenMinimal, DiagnosticSeverity.Warning, "Minimizing stopped at its search limit (node budget or time limit): the plan is valid but its height is not proven minimal."),
        new(PoolsInfeasible, DiagnosticSeverity.Error, "The buffers cannot be placed in their pools: names the buffers and the step (or the buffer that fits no allowed pool)."),
        new(PoolCostNotProven, DiagnosticSeverity.Warning, "The pool planner stopped at its budget: the plan is valid, its cost is not proven optimal (the cost and its lower bound are given)."),
        new(PoolsTimedOut, DiagnosticSeverity.Error, "The pool planner found no plan: it stopped (time limit, budget) before finding one and the greedy baseline found none either, or its search, which places each alias group as one block, ended without one."),
        new(InputUnreadable, DiagnosticSeverity.Error, "The input file cannot be read."),
        new(HeaderWriteFailed, DiagnosticSeverity.Error, "The header cannot be written; the previous header is left as it was."),
        new(CacheEntryCorrupt, DiagnosticSeverity.Info, "A cache entry is corrupt, truncated, of another version or for another problem; ignored."),
        new(CacheEntryInvalidPlan, DiagnosticSeverity.Info, "A cache entry's plan fails validation; discarded and re-solved."),
        new(CacheUnavailable, DiagnosticSeverity.Info, "The cache directory cannot be read or written; solved without it."),
        new(PreviousPlanUnusable, DiagnosticSeverity.Info, "The previous plan (warm start) cannot be read or does not fit; solved cold."),
        new(PreviousPlanWriteFailed, DiagnosticSeverity.Info, "The previous plan (warm start) cannot be written; the next plan starts cold."),
        new(ReportWriteFailed, DiagnosticSeverity.Warning, "The HTML report cannot be written (the header was)."),
        new(HeaderOutOfDate, DiagnosticSeverity.Error, "Check-only run (-question): the header is out of date and would be written."),
        new(CsvWriteFailed, DiagnosticSeverity.Error, "The CSV output cannot be written; the previous file is left as it was."),
        new(PlanNotCached, DiagnosticSeverity.Info, "The plan was not stored in the plan cache: the time limit (a safety net), not the work budget, cut its search short, so a faster machine could plan differently."),
    ];

    /// <summary>The documentation link for <paramref name="code"/>: <see cref="HelpLinkBase"/> + "#" + its <see cref="Anchor"/>.</summary>
    public static string HelpLink(string code) => HelpLinkBase + "#" + Anchor(code);

    /// <summary>
    /// The anchor of <paramref name="code"/>'s row in the documentation: the code in lower case (<c>mmb2007</c>), the
    /// form Markdown renderers give generated anchors, so links stay stable whichever renderer shows the page.
    /// </summary>
    public static string Anchor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.ToLowerInvariant();
    }

    /// <summary>
    /// The table of docs/diagnostics.md: one row per code ("| Code | Severity | Meaning |"), in code order, each code
    /// carrying its <see cref="Anchor"/>, with "\n" line ends.
    /// </summary>
    public static string MarkdownTable()
    {
        var table = new System.Text.StringBuilder("| Code | Severity | Meaning |\n| --- | --- | --- |\n");
        foreach (var info in All)
        {
            table.Append("| <a id=\"").Append(Anchor(info.Code)).Append("\"></a>").Append(info.Code)
                .Append(" | ").Append(Diagnostic.SeverityText(info.Severity))
                .Append(" | ").Append(info.Meaning.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }
        return table.ToString();
    }

    /// <summary>The catalog entry of <paramref name="code"/>, or null when there is none.</summary>
    public static DiagnosticCodeInfo? Find(string code)
    {
        foreach (var info in All)
        {
            if (info.Code == code) return info;
        }
        return null;
    }
}

/// <summary>A row of the diagnostics table.</summary>
/// <param name="Code">"MMB" + 4 digits.</param>
/// <param name="Severity">The severity diagnostics with this code always have.</param>
/// <param name="Meaning">One sentence for the table of docs/diagnostics.md.</param>
internal sealed record DiagnosticCodeInfo(string Code, DiagnosticSeverity Severity, string Meaning);
