namespace MiniMalloc.Planning.Tests;

public class CIdentifierTests
{
    [Theory]
    [InlineData("input", "INPUT")]
    [InlineData("conv1/out", "CONV1_OUT")]
    [InlineData("  leading and trailing  ", "LEADING_AND_TRAILING")]
    [InlineData("a__b--c", "A_B_C")]
    [InlineData("*/ #define EVIL 1 /*", "DEFINE_EVIL_1")]
    [InlineData("line\nbreak", "LINE_BREAK")]
    [InlineData("größe", "GR_U00F6_U00DF_E")]
    [InlineData("日本", "U65E5_U672C")]
    [InlineData("a😀", "A_U1F600")]
    [InlineData("1x1", "1X1")]
    public void Fragments_are_upper_case_ascii_without_double_underscores(string id, string expected)
    {
        string fragment = CIdentifier.Fragment(id)!;
        Assert.Equal(expected, fragment);
        Assert.Matches("^[A-Z0-9]+(_[A-Z0-9]+)*$", fragment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*/")]
    [InlineData("__")]
    [InlineData("\"\\'\n")]
    public void Ids_without_letters_or_digits_have_no_fragment(string id) => Assert.Null(CIdentifier.Fragment(id));

    [Theory]
    [InlineData("kws_cnn", "KWS_CNN")]
    [InlineData("2024-model", "X_2024_MODEL")]
    [InlineData("_private", "PRIVATE")]
    public void Prefixes_start_with_a_letter(string prefix, string expected) => Assert.Equal(expected, CIdentifier.Prefix(prefix));

    [Theory]
    [InlineData("kws_cnn", "any.json", "kws_cnn")]
    [InlineData(null, "/x/y/model.lifetimes.json", "model")]
    [InlineData(null, "/x/y/net.json", "net")]
    [InlineData(null, "/x/y/Net.CSV", "Net")]
    [InlineData("***", "/x/y/weights.json", "weights")]
    [InlineData(null, "/x/y/---.json", "plan")]
    public void The_default_prefix_comes_from_the_name_else_the_file_name(string? name, string path, string expected) =>
        Assert.Equal(expected, CIdentifier.DefaultPrefixSource(name, path));

    [Fact]
    public void Finds_collisions_with_earlier_ids_and_reserved_names()
    {
        var conflicts = CIdentifier.FindConflicts(["conv1/out", "ok", "CONV1.OUT", "arena", "**", "Arena2"]);

        Assert.Equal([2, 3, 4], conflicts.Select(c => c.Index));
        Assert.Equal(0, conflicts[0].OtherIndex);
        Assert.Contains("CONV1_OUT", conflicts[0].Reason);
        Assert.Equal(-1, conflicts[1].OtherIndex);
        Assert.Contains("ARENA_SIZE", conflicts[1].Reason);
        Assert.Null(conflicts[2].Fragment);
    }
}
