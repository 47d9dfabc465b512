namespace MiniMalloc.Planning.Tests.Settings;

public class CapacityTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 1L)]
    [InlineData(" 262144 ", 262144L)]
    [InlineData("9007199254740992", 9007199254740992L)] // 2^53
    public void Parses_digits_into_bytes(string text, long bytes)
    {
        Assert.True(Capacity.TryParse(text, "--capacity option", out var capacity, out _));
        Assert.Equal(bytes, capacity.Bytes);
    }

    [Fact]
    public void Zero_is_a_capacity_of_zero_bytes_as_the_reference_reads_it()
    {
        var zero = Capacity.Of(0);
        Assert.True(zero.IsZero);
        Assert.Equal(default, zero);
        Assert.NotEqual((Capacity?)null, zero);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("256K")]
    [InlineData("1,024")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("9007199254740993")]
    [InlineData("99999999999999999999999")]
    public void Rejects_everything_else_with_one_coded_message(string text)
    {
        Assert.False(Capacity.TryParse(text, "MiniMallocCapacity property", out _, out var error));
        Assert.Equal(DiagnosticCodes.InvalidCapacitySetting, error.Code);
        Assert.Equal($"The MiniMallocCapacity property is '{text}'; expected an integer number of bytes in [0, 2^53].", error.Message);
        Assert.Null(error.File);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9007199254740993)]
    public void Cannot_be_made_out_of_range(long bytes)
    {
        Assert.False(Capacity.TryCreate(bytes, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Capacity.Of(bytes));
    }
}
