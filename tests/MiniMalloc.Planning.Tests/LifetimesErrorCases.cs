namespace MiniMalloc.Planning.Tests;

/// <summary>
/// Every error the lifetimes reader knows, one lifetimes file each: its name, the JSON with the expected position
/// marked '§', the code and the JSON path. Shared (as a linked file) with the test that runs both fronts over them.
/// </summary>
public static class LifetimesErrorCases
{
    private static string Doc(string buffers, string top = "\"capacity\": 1000,") => $$"""
        {
          "version": 1,
          {{top}}
          "buffers": [
            {{buffers}}
          ]
        }
        """;

    private const string TwoPools = "\"pools\": [ { \"name\": \"sram\", \"capacity\": 1024, \"alignment\": 16 }, { \"name\": \"dram\", \"capacity\": 65536 } ],";

    /// <summary>A version-2 document with <paramref name="top"/> (by default two pools, sram and dram) before the buffers.</summary>
    private static string Doc2(string buffers, string top = TwoPools) => Doc(buffers, top).Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);

    private const string A = "\"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 16";

    public static TheoryData<string, string, string, string> All => new()
    {
        // name, marked JSON, code, JSON path
        { "empty file", "§", DiagnosticCodes.MalformedJson, "$" },
        { "unclosed array", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 }").Replace("\n  ]\n}", "\n§}"), DiagnosticCodes.MalformedJson, "$.buffers[1]" },
        { "trailing comma", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 },").Replace("\n  ]", "\n  §]"), DiagnosticCodes.MalformedJson, "$.buffers[1]" },
        { "comment", "{\n  §// no comments\n  \"version\": 1, \"buffers\": [] }", DiagnosticCodes.MalformedJson, "$" },
        { "content after the document", "{ \"version\": 1, \"buffers\": [] } §{}", DiagnosticCodes.MalformedJson, "$" },
        { "root is an array", "§[ { \"version\": 1 } ]", DiagnosticCodes.WrongType, "$" },
        { "start is a string", Doc("{ \"id\": \"a\", \"start\": §\"0\", \"end\": 1, \"size\": 1 }"), DiagnosticCodes.WrongType, "$.buffers[0].start" },
        { "size is a fraction", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §1.5 }"), DiagnosticCodes.WrongType, "$.buffers[0].size" },
        { "size in exponent form", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §1e3 }"), DiagnosticCodes.WrongType, "$.buffers[0].size" },
        { "id is a number", Doc("{ \"id\": §7, \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.WrongType, "$.buffers[0].id" },
        { "capacity is null", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 }", "\"capacity\": §null,"), DiagnosticCodes.WrongType, "$.capacity" },
        { "buffers is an object", "{ \"version\": 1, \"buffers\": §{} }", DiagnosticCodes.WrongType, "$.buffers" },
        { "buffer is a number", Doc("§42"), DiagnosticCodes.WrongType, "$.buffers[0]" },
        { "gaps is an object", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 1, \"gaps\": §{} }"), DiagnosticCodes.WrongType, "$.buffers[0].gaps" },
        { "missing end", Doc("§{ \"id\": \"a\", \"start\": 0, \"size\": 1 }"), DiagnosticCodes.MissingProperty, "$.buffers[0].end" },
        { "missing id", Doc("§{ \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.MissingProperty, "$.buffers[0].id" },
        { "missing version", "§{ \"buffers\": [] }", DiagnosticCodes.MissingProperty, "$.version" },
        { "missing buffers", "§{ \"version\": 1 }", DiagnosticCodes.MissingProperty, "$.buffers" },
        { "missing gap end", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 1, \"gaps\": [ §{ \"start\": 2 } ] }"), DiagnosticCodes.MissingProperty, "$.buffers[0].gaps[0].end" },
        { "unknown buffer property", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, §\"sise\": 1 }"), DiagnosticCodes.UnknownProperty, "$.buffers[0].sise" },
        { "unknown top-level property", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 }", "§\"capacityy\": 5,"), DiagnosticCodes.UnknownProperty, "$.capacityy" },
        { "unknown gap property", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 1, \"gaps\": [ { \"start\": 2, \"end\": 3, §\"windows\": [0, 1] } ] }"), DiagnosticCodes.UnknownProperty, "$.buffers[0].gaps[0].windows" },
        { "odd property name", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, §\"x y\": 1 }"), DiagnosticCodes.UnknownProperty, "$.buffers[0][\"x y\"]" },
        { "repeated property", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, §\"size\": 2 }"), DiagnosticCodes.DuplicateProperty, "$.buffers[0].size" },
        { "version 3", "{ \"version\": §3, \"buffers\": [], \"future\": true }", DiagnosticCodes.UnsupportedVersion, "$.version" },
        { "pools in a version-1 file", Doc("{ " + A + " }", "\"pools\": §[ { \"name\": \"sram\", \"capacity\": 1024 } ],"), DiagnosticCodes.PoolsNeedVersion2, "$.pools" },
        { "weight in a version-1 file", Doc("{ " + A + ", \"weight\": §5 }"), DiagnosticCodes.PoolsNeedVersion2, "$.buffers[0].weight" },
        { "a buffer's pools in a version-1 file", Doc("{ " + A + ", \"pools\": §[\"sram\"] }"), DiagnosticCodes.PoolsNeedVersion2, "$.buffers[0].pools" },
        { "unknown pool name", Doc2("{ " + A + ", \"pools\": [\"sram\", §\"flash\"] }"), DiagnosticCodes.UnknownPool, "$.buffers[0].pools[1]" },
        { "buffer names a pool of a file without pools", Doc2("{ " + A + ", \"pools\": [§\"sram\"] }", "\"capacity\": 1000,"), DiagnosticCodes.UnknownPool, "$.buffers[0].pools[0]" },
        { "duplicate pool", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": \"sram\", \"capacity\": 1024 }, { \"name\": §\"sram\", \"capacity\": 4096 } ],"), DiagnosticCodes.DuplicatePool, "$.pools[1].name" },
        { "pool listed twice by a buffer", Doc2("{ " + A + ", \"pools\": [\"dram\", §\"dram\"] }"), DiagnosticCodes.DuplicatePool, "$.buffers[0].pools[1]" },
        { "pool name without letters or digits", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": §\"--\", \"capacity\": 1024 } ],"), DiagnosticCodes.InvalidPoolName, "$.pools[0].name" },
        { "empty pool name", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": §\"\", \"capacity\": 1024 } ],"), DiagnosticCodes.InvalidPoolName, "$.pools[0].name" },
        { "pool name with white space", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": §\"fast ram\", \"capacity\": 1024 } ],"), DiagnosticCodes.InvalidPoolName, "$.pools[0].name" },
        { "pool name with a colon", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": §\"sram:0\", \"capacity\": 1024 } ],"), DiagnosticCodes.InvalidPoolName, "$.pools[0].name" },
        { "pool name with a line break", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": §\"sr\\nam\", \"capacity\": 1024 } ],"), DiagnosticCodes.InvalidPoolName, "$.pools[0].name" },
        { "weight beyond 64 bits", Doc2("{ " + A + ", \"weight\": §-99999999999999999999999 }"), DiagnosticCodes.InvalidWeight, "$.buffers[0].weight" },
        { "cost beyond 64 bits", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": \"sram\", \"capacity\": 1024, \"cost\": §9223372036854775808 } ],"), DiagnosticCodes.InvalidWeight, "$.pools[0].cost" },
        { "fixed offset with several pools", Doc2("{ " + A + ", \"offset\": §0 }"), DiagnosticCodes.FixedOffsetPools, "$.buffers[0].offset" },
        { "fixed offset misaligned in its pool", Doc2("{ " + A + ", \"pools\": [\"sram\"], \"offset\": §8 }"), DiagnosticCodes.MisalignedOffset, "$.buffers[0].offset" },
        { "fixed offset beyond its pool", Doc2("{ " + A + ", \"pools\": [\"sram\"], \"offset\": §1024 }"), DiagnosticCodes.BufferExceedsCapacity, "$.buffers[0].offset" },
        { "buffer larger than every pool it may go to", Doc2("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §2048, \"pools\": [\"sram\"] }"), DiagnosticCodes.BufferExceedsCapacity, "$.buffers[0].size" },
        { "negative weight", Doc2("{ " + A + ", \"weight\": §-1 }"), DiagnosticCodes.InvalidWeight, "$.buffers[0].weight" },
        { "negative cost", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": \"sram\", \"capacity\": 1024, \"cost\": §-2 } ],"), DiagnosticCodes.InvalidWeight, "$.pools[0].cost" },
        { "cost above 256", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": \"sram\", \"capacity\": 1024, \"cost\": §257 } ],"), DiagnosticCodes.InvalidWeight, "$.pools[0].cost" },
        { "weight is a string", Doc2("{ " + A + ", \"weight\": §\"5\" }"), DiagnosticCodes.WrongType, "$.buffers[0].weight" },
        { "empty pools list", Doc2("{ " + A + " }", "\"pools\": §[],"), DiagnosticCodes.InvalidPoolList, "$.pools" },
        { "empty pools list of a buffer", Doc2("{ " + A + ", \"pools\": §[] }"), DiagnosticCodes.InvalidPoolList, "$.buffers[0].pools" },
        { "pool without a capacity", Doc2("{ " + A + " }", "\"pools\": [ §{ \"name\": \"sram\" } ],"), DiagnosticCodes.MissingProperty, "$.pools[0].capacity" },
        { "pool capacity zero", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": \"sram\", \"capacity\": §0 } ],"), DiagnosticCodes.ValueOutOfRange, "$.pools[0].capacity" },
        { "pool alignment not a power of two", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": \"sram\", \"capacity\": 1024, \"alignment\": §24 } ],"), DiagnosticCodes.InvalidAlignment, "$.pools[0].alignment" },
        { "unknown pool property", Doc2("{ " + A + " }", "\"pools\": [ { \"name\": \"sram\", \"capacity\": 1024, §\"speed\": 1 } ],"), DiagnosticCodes.UnknownProperty, "$.pools[0].speed" },
        { "capacity beside pools", Doc2("{ " + A + " }", "\"capacity\": §4096, " + TwoPools), DiagnosticCodes.CapacityBesidePools, "$.capacity" },
        { "end equals start", Doc("{ \"id\": \"a\", \"start\": 5, \"end\": §5, \"size\": 1 }"), DiagnosticCodes.EmptyLifespan, "$.buffers[0].end" },
        { "end before start", Doc("{ \"id\": \"a\", \"start\": 5, \"end\": §2, \"size\": 1 }"), DiagnosticCodes.EmptyLifespan, "$.buffers[0].end" },
        { "size zero", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §0 }"), DiagnosticCodes.InvalidSize, "$.buffers[0].size" },
        { "size negative", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §-4 }"), DiagnosticCodes.InvalidSize, "$.buffers[0].size" },
        { "duplicate id", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 },\n    { \"id\": §\"a\", \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.DuplicateId, "$.buffers[1].id" },
        { "gap outside the lifespan", Doc("{ \"id\": \"a\", \"start\": 2, \"end\": 6, \"size\": 1, \"gaps\": [ §{ \"start\": 5, \"end\": 7 } ] }"), DiagnosticCodes.GapOutsideLifespan, "$.buffers[0].gaps[0]" },
        { "gap before the lifespan", Doc("{ \"id\": \"a\", \"start\": 2, \"end\": 6, \"size\": 1, \"gaps\": [ §{ \"start\": 0, \"end\": 3 } ] }"), DiagnosticCodes.GapOutsideLifespan, "$.buffers[0].gaps[0]" },
        { "empty gap", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 1, \"gaps\": [ §{ \"start\": 3, \"end\": 3 } ] }"), DiagnosticCodes.InvalidGap, "$.buffers[0].gaps[0]" },
        { "overlapping gaps", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 1, \"gaps\": [ { \"start\": 2, \"end\": 5 }, §{ \"start\": 4, \"end\": 6 } ] }"), DiagnosticCodes.InvalidGap, "$.buffers[0].gaps[1]" },
        { "window beyond the size", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 10, \"gaps\": [ { \"start\": 2, \"end\": 5, \"window\": §[0, 11] } ] }"), DiagnosticCodes.InvalidWindow, "$.buffers[0].gaps[0].window" },
        { "window reversed", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 10, \"gaps\": [ { \"start\": 2, \"end\": 5, \"window\": §[5, 1] } ] }"), DiagnosticCodes.InvalidWindow, "$.buffers[0].gaps[0].window" },
        { "window of three", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 10, \"gaps\": [ { \"start\": 2, \"end\": 5, \"window\": §[0, 1, 2] } ] }"), DiagnosticCodes.InvalidWindow, "$.buffers[0].gaps[0].window" },
        { "window is an object", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9, \"size\": 10, \"gaps\": [ { \"start\": 2, \"end\": 5, \"window\": §{} } ] }"), DiagnosticCodes.InvalidWindow, "$.buffers[0].gaps[0].window" },
        { "buffer larger than the capacity", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §1001 }"), DiagnosticCodes.BufferExceedsCapacity, "$.buffers[0].size" },
        { "fixed offset beyond the capacity", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 100, \"offset\": §950 }"), DiagnosticCodes.BufferExceedsCapacity, "$.buffers[0].offset" },
        { "integer beyond 64 bits", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": §99999999999999999999, \"size\": 1 }"), DiagnosticCodes.ValueOutOfRange, "$.buffers[0].end" },
        { "size above 2^53", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §9007199254740993 }", ""), DiagnosticCodes.ValueOutOfRange, "$.buffers[0].size" },
        { "negative start", Doc("{ \"id\": \"a\", \"start\": §-1, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.ValueOutOfRange, "$.buffers[0].start" },
        { "capacity zero", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 }", "\"capacity\": §0,"), DiagnosticCodes.ValueOutOfRange, "$.capacity" },
        { "negative hint", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, \"hint\": §-16 }"), DiagnosticCodes.ValueOutOfRange, "$.buffers[0].hint" },
        { "ids collide as C identifiers", Doc("{ \"id\": \"conv1/out\", \"start\": 0, \"end\": 1, \"size\": 1 },\n    { \"id\": §\"Conv1.Out\", \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.IdentifierCollision, "$.buffers[1].id" },
        { "id collides with the arena macro", Doc("{ \"id\": §\"arena\", \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.IdentifierCollision, "$.buffers[0].id" },
        { "alignment not a power of two", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, \"alignment\": §24 }"), DiagnosticCodes.InvalidAlignment, "$.buffers[0].alignment" },
        { "alignment zero at the top", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 }", "\"alignment\": §0,"), DiagnosticCodes.InvalidAlignment, "$.alignment" },
        { "alignment above 2^30", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, \"alignment\": §2147483648 }"), DiagnosticCodes.InvalidAlignment, "$.buffers[0].alignment" },
        { "misaligned fixed offset", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, \"alignment\": 16, \"offset\": §8 }"), DiagnosticCodes.MisalignedOffset, "$.buffers[0].offset" },
        { "misaligned by the file's alignment", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, \"offset\": §4 }", "\"alignment\": 8,"), DiagnosticCodes.MisalignedOffset, "$.buffers[0].offset" },
        { "id too long", Doc("{ \"id\": §\"" + new string('x', 257) + "\", \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.IdTooLong, "$.buffers[0].id" },
        { "name too long", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1 }", "\"name\": §\"" + new string('n', 257) + "\","), DiagnosticCodes.IdTooLong, "$.name" },
        { "nesting too deep", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 1, \"x\": [[[[[[[[[[[[[§[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] }"), DiagnosticCodes.NestingTooDeep, "$.buffers[0].x" },
        { "sizes add up beyond 2^53", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": 9007199254740992 },\n    { \"id\": \"b\", \"start\": 0, \"end\": 1, \"size\": 1 }", "").Replace("\"buffers\": [", "\"buffers\": §["), DiagnosticCodes.TotalsTooLarge, "$.buffers" },
        { "areas add up beyond 2^62", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 4294967296, \"size\": 2147483648 }", "").Replace("\"buffers\": [", "\"buffers\": §["), DiagnosticCodes.TotalsTooLarge, "$.buffers" },
        { "empty id", Doc("{ \"id\": §\"\", \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.InvalidId, "$.buffers[0].id" },
        { "id without letters or digits", Doc("{ \"id\": §\"*/-\", \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.InvalidId, "$.buffers[0].id" },
        { "id with a lone surrogate", Doc("{ \"id\": §\"a\\ud800\", \"start\": 0, \"end\": 1, \"size\": 1 }"), DiagnosticCodes.InvalidId, "$.buffers[0].id" },
        { "alias is a string", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": §\"o\" }"), DiagnosticCodes.WrongType, "$.buffers[1].alias" },
        { "alias without its owner", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": §{ \"offset\": 0 } }"), DiagnosticCodes.MissingProperty, "$.buffers[1].alias.of" },
        { "unknown alias property", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": { \"of\": \"o\", §\"ofset\": 0 } }"), DiagnosticCodes.UnknownProperty, "$.buffers[1].alias.ofset" },
        { "negative alias offset", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": { \"of\": \"o\", \"offset\": §-8 } }"), DiagnosticCodes.ValueOutOfRange, "$.buffers[1].alias.offset" },
        { "alias of an unknown buffer", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": { \"of\": §\"O\" } }"), DiagnosticCodes.UnknownAliasOwner, "$.buffers[1].alias.of" },
        { "alias of itself", Doc("{ \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": { \"of\": §\"v\" } }"), DiagnosticCodes.AliasCycle, "$.buffers[0].alias.of" },
        { "aliases in a cycle", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 2, \"size\": 8, \"alias\": { \"of\": §\"b\" } },\n    { \"id\": \"b\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": { \"of\": \"a\" } }"), DiagnosticCodes.AliasCycle, "$.buffers[0].alias.of" },
        { "alias beyond its owner", Doc("{ \"id\": \"c\", \"start\": 2, \"end\": 4, \"size\": 16 },\n    { \"id\": \"s\", \"start\": 0, \"end\": 3, \"size\": 8, \"alias\": { \"of\": \"c\", \"offset\": §12 } }"), DiagnosticCodes.AliasOutOfRange, "$.buffers[1].alias.offset" },
        { "alias larger than its owner", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 9, \"alias\": §{ \"of\": \"o\" } }"), DiagnosticCodes.AliasOutOfRange, "$.buffers[1].alias" },
        { "alias with a fixed offset", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"offset\": §64, \"alias\": { \"of\": \"o\" } }"), DiagnosticCodes.AliasPlacement, "$.buffers[1].offset" },
        { "alias with a hint", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 8 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 8, \"alias\": { \"of\": \"o\" }, \"hint\": §0 }"), DiagnosticCodes.AliasPlacement, "$.buffers[1].hint" },
        { "alias aligned more than its owner", Doc("{ \"id\": \"o\", \"start\": 0, \"end\": 2, \"size\": 64, \"alignment\": 16 },\n    { \"id\": \"v\", \"start\": 1, \"end\": 3, \"size\": 64, \"alignment\": §64, \"alias\": { \"of\": \"o\" } }"), DiagnosticCodes.AliasAlignment, "$.buffers[1].alignment" },
        { "alias misaligned in its owner", Doc("{ \"id\": \"c\", \"start\": 2, \"end\": 4, \"size\": 64 },\n    { \"id\": \"s\", \"start\": 0, \"end\": 3, \"size\": 32, \"alignment\": §16, \"alias\": { \"of\": \"c\", \"offset\": 8 } }", "\"capacity\": 1000, \"alignment\": 16,"), DiagnosticCodes.AliasAlignment, "$.buffers[1].alignment" },
        { "too many gaps", Doc("{ \"id\": \"a\", \"start\": 0, \"end\": 9999, \"size\": 1, \"gaps\": [" + string.Concat(Enumerable.Range(0, 1024).Select(i => $"{{\"start\":{i},\"end\":{i + 1}}},")) + "§{\"start\":5000,\"end\":5001}] }"), DiagnosticCodes.TooManyGaps, "$.buffers[0].gaps[1024]" },
    };

    /// <summary>
    /// Removes the marker '§' from <paramref name="marked"/> and returns the text with the 1-based line and column
    /// (in characters) where the marker was: the position a diagnostic must name.
    /// </summary>
    public static (string Json, int Line, int Column) Unmark(string marked)
    {
        int index = marked.IndexOf('§');
        Assert.True(index >= 0, "the test text has no § marker");
        string before = marked[..index];
        int line = before.Count(c => c == '\n') + 1;
        int column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(index, 1), line, column);
    }
}
