namespace MiniMalloc.Onnx.Tests;

/// <summary>docs/onnx.md holds the diagnostics table as the code has it, so the two cannot drift.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void The_onnx_page_holds_the_diagnostics_table_verbatim()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniMalloc.Build.sln"))) root = dir.FullName;
        }
        Assert.NotNull(root);
        string page = File.ReadAllText(Path.Combine(root, "docs", "onnx.md")).ReplaceLineEndings("\n");
        string table = OnnxDiagnosticCodes.MarkdownTable();
        Assert.True(page.Contains(table, StringComparison.Ordinal), "docs/onnx.md must contain:\n" + table);
    }

    [Fact]
    public void Every_code_is_unique_and_in_its_range()
    {
        var codes = OnnxDiagnosticCodes.All.Select(c => c.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^MMB5[0-9]{3}$", c));
    }
}
