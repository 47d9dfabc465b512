namespace MiniMalloc.Planning.Tests.Settings;

/// <summary>One reading of a time limit for both fronts: the CLI's flag spellings and the MSBuild property's.</summary>
public class TimeLimitTests
{
    private static TimeLimit Parse(string text)
    {
        Assert.True(TimeLimit.TryParse(text, "--timeout option", out var limit, out var error), error?.Message);
        return limit;
    }

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
    [InlineData(" 2.5 ", 2_500)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    public void Reads_abseil_durations_plain_seconds_and_time_spans(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Parse(text).Span);
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("infinite")]
    [InlineData("none")]
    public void Inf_means_no_limit(string text)
    {
        Assert.Equal(TimeLimit.None, Parse(text));
        Assert.Null(Parse(text).Span);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1s")]
    [InlineData("-1")]
    [InlineData("-00:00:01")]
    [InlineData("10x")]
    [InlineData("s")]
    [InlineData("1.2.3s")]
    [InlineData("10 s")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    public void Rejects_what_is_not_a_duration_with_one_coded_message(string text)
    {
        Assert.False(TimeLimit.TryParse(text, "--timeout option", out _, out var error));
        Assert.Equal(DiagnosticCodes.InvalidTimeout, error.Code);
        Assert.Equal($"The --timeout option is '{text}'; expected {TimeLimit.Expected}.", error.Message);
    }

    [Fact]
    public void A_limit_is_never_negative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.Of(TimeSpan.FromSeconds(-1)));
        Assert.Equal("0.1 s", TimeLimit.Of(TimeSpan.FromMilliseconds(100)).ToString());
        Assert.Equal("no limit", TimeLimit.None.ToString());
    }
}
