namespace MiniMalloc.Planning.Tests;

/// <summary>
/// Every error the lifetimes reader knows (<see cref="LifetimesErrorCases"/>): the test checks the code, the
/// position marked '§', the JSON path and the file name, and that the message names the path.
/// </summary>
public class LifetimesReaderErrorTests
{
    public static TheoryData<string, string, string, string> Cases => LifetimesErrorCases.All;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_error_with_code_position_and_path(string name, string marked, string code, string path)
    {
        var (json, line, column) = TestSupport.Mark(marked);
        var result = TestSupport.Read(json);

        Assert.False(result.Succeeded, $"{name}: the reader accepted the document");
        Assert.Null(result.Document);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("model.json", diagnostic.File);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Equal(path, diagnostic.JsonPath);
        Assert.StartsWith(path + ": ", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', diagnostic.Message);
        Assert.StartsWith($"model.json({line},{column}): error {code}: ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_input_error_code_has_a_case()
    {
        var covered = Cases.Select(row => (string)row[2]).ToHashSet();
        var inputCodes = DiagnosticCodes.All
            .Where(c => c.Code.StartsWith("MMB20", StringComparison.Ordinal) && c.Severity == DiagnosticSeverity.Error)
            .Select(c => c.Code)
            // Tested elsewhere: the file-size limit (LifetimesReaderLimitTests), too many buffers (same), CSV errors (PlannerTests),
            // a pool's C names colliding with a buffer's (raised with the header: PoolPlannerTests).
            .Except([DiagnosticCodes.FileTooLarge, DiagnosticCodes.TooManyBuffers, DiagnosticCodes.CsvError, DiagnosticCodes.PoolIdentifierCollision]);
        Assert.Empty(inputCodes.Except(covered));
    }
}
