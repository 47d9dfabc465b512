namespace MiniMalloc.Cli.Tests;

public class DurationParserTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("250000us", 250)]
    [InlineData("10", 10_000)]
    [InlineData("0.25", 250)]
    [InlineData("0s", 0)]
    public void Reads_abseil_durations_and_plain_seconds(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Fact]
    public void Inf_means_no_limit()
    {
        Assert.True(DurationParser.TryParse("inf", out var duration));
        Assert.Null(duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1s")]
    [InlineData("10x")]
    [InlineData("s")]
    [InlineData("1.2.3s")]
    [InlineData("10 s")]
    public void Rejects_what_is_not_a_duration(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }
}
