namespace MiniMalloc.Cli.Tests;

/// <summary>
/// Bad CSV inputs, one file each: its name, its content, the capacity given, the "(line,col)" expected and a
/// fragment of the message (with its code). Shared (as a linked file) with the test that runs both fronts over them.
/// </summary>
public static class CsvErrorCases
{
    public static TheoryData<string, string, int, string, string> All => new()
    {
        // name, content, capacity, "(line,col)" expected, message fragment (with its code)
        { "missing column", "id,lower,size\na,0,4\n", 12, "(1,1)", "error MMB2003: missing required column 'upper'" },
        { "non-integer", "id,lower,upper,size\na,0,4,4\nb,zero,4,4\n", 12, "(3,3)", "error MMB2002: lower 'zero' is not an integer" },
        { "upper <= lower", "id,lower,upper,size\na,0,4,4\nb,4,4,4\n", 12, "(3,5)", "error MMB2007: upper 4 is not greater than lower 4" },
        { "negative size", "id,lower,upper,size\na,0,4,-4\n", 12, "(2,7)", "error MMB2008: size -4 must be positive" },
        { "duplicate id", "id,lower,upper,size\na,0,4,4\nb,0,4,4\na,4,8,4\n", 12, "(4,1)", "error MMB2009: duplicate id 'a': already used on line 2" },
        { "size > capacity", "id,lower,upper,size\na,0,4,4\nbig,0,4,13\n", 12, "(3,9)", "error MMB2013: size 13 of buffer 'big' exceeds the capacity 12" },
        { "empty file", "", 12, "(1,1)", "error MMB2023: the file is empty" },
        { "gap outside lifespan", "id,lower,upper,size,gaps\na,0,4,4,3-9\n", 12, "(2,9)", "error MMB2010: gap '3-9' lies outside" },
        { "malformed alias", "id,lower,upper,size,alias\no,0,4,8,\nv,2,6,8,o+0\n", 100, "(3,9)", "error MMB2023: alias 'o+0' is malformed: expected OWNER@OFFSET" },
        { "alias of an unknown buffer", "id,lower,upper,size,alias\no,0,4,8,\nv,2,6,8,p@0\n", 100, "(3,9)", "error MMB2027: buffer 'v' is an alias of 'p', which is no buffer of this problem" },
        { "aliases in a cycle", "id,lower,upper,size,alias\na,0,4,8,b@0\nb,2,6,8,a@0\n", 100, "(2,9)", "error MMB2028: buffers 'a' -> 'b' -> 'a' are aliases of one another in a cycle" },
        { "alias beyond its owner", "id,lower,upper,size,alias\nc,3,6,16,\ns,0,4,8,c@12\n", 100, "(3,9)", "error MMB2029: buffer 's' (8 bytes) at byte 12 of 'c' does not lie within its owner's 16 bytes" },
        { "alias with a fixed offset", "id,lower,upper,size,offset,alias\no,0,4,8,,\nv,2,6,8,16,o@0\n", 100, "(3,9)", "error MMB2030: buffer 'v' is an alias of 'o' and has a fixed offset (16) of its own" },
        { "alias misaligned in its owner", "id,lower,upper,size,alignment,alias\nc,3,6,64,16,\ns,0,4,32,16,c@8\n", 100, "(3,10)", "error MMB2031: buffer 's' asks for alignment 16, but it begins at byte 8 of 'c'" },
        { "wrong field count", "id,lower,upper,size\na,0,4\n", 12, "(2,5)", "error MMB2023: expected 4 fields" },
    };
}
