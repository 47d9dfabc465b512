using MiniMalloc.Build.Tasks;
using MiniMalloc.Planning;

namespace MiniMalloc.Build.Tests.TaskTests;

public class SettingParserTests
{
    private readonly List<Diagnostic> _errors = [];
    private SettingParser Parser => new("Timeout metadata of MiniMallocPlan 'm.json'", _errors);

    [Theory]
    [InlineData("30", 30_000)]
    [InlineData(" 2.5 ", 2_500)]
    [InlineData("0", 0)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1h30m", 5_400_000)]
    public void Timeout_accepts_seconds_time_spans_and_the_clis_durations(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Parser.Timeout(text)?.Span);
        Assert.Empty(_errors);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-00:00:01")]
    [InlineData("soon")]
    [InlineData("30 s")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    public void Timeout_rejects_negative_and_unreadable_values_naming_setting_and_value(string text)
    {
        Assert.Null(Parser.Timeout(text));
        var error = Assert.Single(_errors);
        Assert.Equal(DiagnosticCodes.InvalidTimeout, error.Code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("Timeout metadata of MiniMallocPlan 'm.json'", error.Message);
        Assert.Contains($"'{text}'", error.Message);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData("0", 0L)] // zero bytes, as the reference program reads --capacity=0
    [InlineData("1", 1L)]
    [InlineData("262144", 262144L)]
    [InlineData("9007199254740992", 9007199254740992L)] // 2^53
    public void Capacity_parses_invariant_integers_and_treats_empty_as_unset(string text, long? expected)
    {
        Assert.Equal(expected, Parser.Capacity(text)?.Bytes);
        Assert.Empty(_errors);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("256K")]
    [InlineData("1,024")]
    [InlineData("9007199254740993")]
    [InlineData("99999999999999999999999")]
    public void Capacity_rejects_values_outside_the_format(string text)
    {
        Assert.Null(Parser.Capacity(text));
        Assert.Equal(DiagnosticCodes.InvalidCapacitySetting, Assert.Single(_errors).Code);
    }

    [Theory]
    [InlineData("1", 1L)]
    [InlineData("64", 64L)]
    [InlineData("1073741824", 1073741824L)]
    public void Alignment_accepts_powers_of_two(string text, long expected) =>
        Assert.Equal(expected, Parser.Alignment(text)?.Bytes);

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("48")]
    [InlineData("2147483648")]
    public void Alignment_rejects_other_values(string text)
    {
        Assert.Null(Parser.Alignment(text));
        Assert.Equal(DiagnosticCodes.InvalidAlignmentSetting, Assert.Single(_errors).Code);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("", null)]
    public void Boolean_reads_msbuild_style_booleans(string text, bool? expected) =>
        Assert.Equal(expected, Parser.Boolean(text));

    [Fact]
    public void Boolean_rejects_yes()
    {
        Assert.Null(Parser.Boolean("yes"));
        Assert.Equal(BuildDiagnosticCodes.InvalidBooleanSetting, Assert.Single(_errors).Code);
    }
}
