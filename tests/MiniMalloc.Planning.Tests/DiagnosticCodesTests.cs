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
        Assert.Equal("https://example.invalid/minimalloc-build/diagnostics#MMB2007", diagnostic.HelpLink);
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
        Assert.Contains("| MMB4003 | info | ", rows[2..].Single(r => r.Contains("MMB4003")));
    }

    [ReadmeDiagnosticsFact]
    public void Every_code_appears_in_the_readme_table_with_its_severity()
    {
        string? section = ReadmeDiagnosticsFactAttribute.Section();
        Assert.True(section is not null, "README.md must have a '## Diagnostics' section with DiagnosticCodes.MarkdownTable()");
        foreach (var info in DiagnosticCodes.All)
        {
            var rows = section!.Split('\n').Where(l => l.TrimStart().StartsWith('|') && l.Contains(info.Code)).ToList();
            Assert.True(rows.Count == 1, $"README.md's Diagnostics table must have exactly one row for {info.Code} (found {rows.Count})");
            Assert.Matches(new Regex($@"\|\s*{info.Code}\s*\|\s*{Diagnostic.SeverityText(info.Severity)}\s*\|", RegexOptions.IgnoreCase), rows[0]);
        }
    }
}

/// <summary>A fact about README.md; skipped, saying why, only when the tests run outside the repository.</summary>
public sealed class ReadmeDiagnosticsFactAttribute : FactAttribute
{
    public ReadmeDiagnosticsFactAttribute()
    {
        if (TestSupport.RepositoryRoot() is not { } root || !File.Exists(Path.Combine(root, "README.md")))
        {
            Skip = "the repository's README.md is not beside these test binaries";
        }
    }

    /// <summary>The text of README.md's "## Diagnostics" section, or null.</summary>
    public static string? Section()
    {
        if (TestSupport.RepositoryRoot() is not { } root) return null;
        string path = Path.Combine(root, "README.md");
        if (!File.Exists(path)) return null;
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        int start = text.IndexOf("\n## Diagnostics", StringComparison.Ordinal);
        if (start < 0) return null;
        int end = text.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }
}
