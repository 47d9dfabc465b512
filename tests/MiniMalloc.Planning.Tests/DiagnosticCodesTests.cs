using System.Reflection;
using System.Text.RegularExpressions;

namespace MiniMalloc.Planning.Tests;

public class DiagnosticCodesTests
{
    private static IEnumerable<string> Constants() => typeof(DiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(DiagnosticCodes.HelpLinkBase))
        .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_code_is_well_formed_unique_and_in_the_table_once()
    {
        var constants = Constants().ToList();
        Assert.All(constants, c => Assert.Matches("^MMB[1-4][0-9]{3}$", c));
        Assert.Equal(constants.Count, constants.Distinct().Count());
        Assert.Equal(constants.Order(), DiagnosticCodes.All.Select(i => i.Code).Order());
        Assert.Equal(DiagnosticCodes.All.Select(i => i.Code).Order(StringComparer.Ordinal), DiagnosticCodes.All.Select(i => i.Code));
    }

    [Fact]
    public void Cache_problems_are_never_errors()
    {
        foreach (var code in new[] { DiagnosticCodes.CacheEntryCorrupt, DiagnosticCodes.CacheEntryInvalidPlan, DiagnosticCodes.CacheUnavailable })
        {
            Assert.NotEqual(DiagnosticSeverity.Error, DiagnosticCodes.Find(code)!.Severity);
        }
    }

    [Fact]
    public void Help_links_name_the_code()
    {
        var diagnostic = new Diagnostic(DiagnosticCodes.EmptyLifespan, DiagnosticSeverity.Error, "m");
        Assert.Equal("docs/diagnostics.md#mmb2007", diagnostic.HelpLink);
    }

    [Theory]
    [InlineData("a.json", 12, 7, "a.json(12,7): error MMB2007: m")]
    [InlineData("a.json", 12, 0, "a.json(12): error MMB2007: m")]
    [InlineData("a.json", 0, 0, "a.json: error MMB2007: m")]
    [InlineData(null, 0, 0, "minimalloc: error MMB2007: m")]
    public void The_canonical_text_is_what_compilers_print(string? file, int line, int column, string expected) =>
        Assert.Equal(expected, new Diagnostic(DiagnosticCodes.EmptyLifespan, DiagnosticSeverity.Error, "m", file, line, column).ToString());

    [Fact]
    public void The_markdown_table_has_a_row_per_code()
    {
        var rows = DiagnosticCodes.MarkdownTable().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DiagnosticCodes.All.Count + 2, rows.Length);
        Assert.StartsWith("| <a id=\"mmb4003\"></a>MMB4003 | info | ", rows[2..].Single(r => r.Contains("MMB4003")), StringComparison.Ordinal);
    }

    [DiagnosticsPageFact]
    public void The_diagnostics_page_holds_the_table_verbatim()
    {
        string page = DiagnosticsPageFactAttribute.Text()!;
        Assert.True(page.Contains(DiagnosticCodes.MarkdownTable(), StringComparison.Ordinal),
            $"{DiagnosticCodes.HelpLinkBase} must hold DiagnosticCodes.MarkdownTable() verbatim; paste it again after changing a code");
    }

    [DiagnosticsPageFact]
    public void Every_help_link_resolves_to_exactly_one_anchor_of_the_page()
    {
        string page = DiagnosticsPageFactAttribute.Text()!;
        foreach (var info in DiagnosticCodes.All)
        {
            string link = DiagnosticCodes.HelpLink(info.Code);
            Assert.StartsWith(DiagnosticCodes.HelpLinkBase + "#", link, StringComparison.Ordinal);
            string anchor = link[(DiagnosticCodes.HelpLinkBase.Length + 1)..];
            int count = Regex.Matches(page, $"id=\"{Regex.Escape(anchor)}\"").Count;
            Assert.True(count == 1, $"{link}: the page must have exactly one anchor id=\"{anchor}\" (found {count})");
        }
    }
}

/// <summary>
/// A fact about docs/diagnostics.md, the page the help links name; skipped, saying why, only when the tests run
/// outside the repository.
/// </summary>
public sealed class DiagnosticsPageFactAttribute : FactAttribute
{
    public DiagnosticsPageFactAttribute()
    {
        if (Path() is not { } path || !File.Exists(path))
        {
            Skip = $"the repository's {DiagnosticCodes.HelpLinkBase} is not beside these test binaries";
        }
    }

    /// <summary>The page's text with "\n" line ends, or null when it is not there.</summary>
    public static string? Text() =>
        Path() is { } path && File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : null;

    /// <summary>The help links are relative to the repository root (and to the package root, which ships the page).</summary>
    private static string? Path() =>
        TestSupport.RepositoryRoot() is { } root ? System.IO.Path.Combine(root, DiagnosticCodes.HelpLinkBase) : null;
}
