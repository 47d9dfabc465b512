namespace MiniMalloc.Planning.Tests.Settings;

public class AlignmentTests
{
    [Theory]
    [InlineData("1", 1L)]
    [InlineData("64", 64L)]
    [InlineData("1073741824", 1073741824L)]
    public void Parses_powers_of_two(string text, long bytes)
    {
        Assert.True(Alignment.TryParse(text, "--alignment option", out var alignment, out _));
        Assert.Equal(bytes, alignment.Bytes);
    }

    [Fact]
    public void The_default_is_an_alignment_of_one_byte()
    {
        Assert.Equal(1, default(Alignment).Bytes);
        Assert.Equal(Alignment.Of(1), Alignment.None);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("48")]
    [InlineData("-8")]
    [InlineData("2147483648")]
    public void Rejects_everything_else_with_one_coded_message(string text)
    {
        Assert.False(Alignment.TryParse(text, "MiniMallocAlignment property", out _, out var error));
        Assert.Equal(DiagnosticCodes.InvalidAlignmentSetting, error.Code);
        Assert.Equal($"The MiniMallocAlignment property is '{text}'; expected a power of two in [1, 2^30].", error.Message);
        Assert.False(long.TryParse(text, out long bytes) && Alignment.TryCreate(bytes, out _));
    }
}
