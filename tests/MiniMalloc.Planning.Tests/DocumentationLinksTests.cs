using System.Text.RegularExpressions;

namespace MiniMalloc.Planning.Tests;

/// <summary>
/// The README and the pages of docs/ link to one another, to source files and to the sample's picture: every
/// relative link must name a file that exists and, with a fragment, a heading or anchor of that page, so that moving
/// text between pages cannot leave a reader at a dead link.
/// </summary>
public partial class DocumentationLinksTests
{
    private static List<string> Pages(string root)
    {
        var pages = new List<string>();
        foreach (string page in new[] { "README.md", "samples/README.md", "nuget/README.md" }.Where(p => File.Exists(Path.Combine(root, p))))
        {
            pages.Add(page);
        }
        foreach (string page in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(root, page).Replace('\\', '/'));
        }
        return pages;
    }

    [DocumentationFact]
    public void The_readme_links_every_page_of_docs()
    {
        string root = TestSupport.RepositoryRoot()!;
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        foreach (string page in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"))
        {
            Assert.Contains($"](docs/{Path.GetFileName(page)})", readme, StringComparison.Ordinal);
        }
    }

    [DocumentationFact]
    public void Every_relative_link_resolves()
    {
        string root = TestSupport.RepositoryRoot()!;
        var dead = new List<string>();
        var pages = Pages(root);
        Assert.Contains("docs/diagnostics.md", pages);
        foreach (string page in pages) dead.AddRange(DeadLinks(root, page));
        Assert.True(dead.Count == 0, "dead links:\n" + string.Join("\n", dead));
    }

    private static IEnumerable<string> DeadLinks(string root, string page)
    {
        string path = Path.Combine(root, page);
        string text = WithoutCode(File.ReadAllText(path));
        foreach (Match link in LinkPattern().Matches(text))
        {
            string target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            int hash = target.IndexOf('#');
            string file = hash < 0 ? target : target[..hash];
            string? fragment = hash < 0 ? null : target[(hash + 1)..];
            string resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                yield return $"{page}: {target}: no such file";
            }
            else if (fragment is not null && !Anchors(File.ReadAllText(resolved)).Contains(fragment))
            {
                yield return $"{page}: {target}: no heading or anchor '{fragment}'";
            }
        }
    }

    /// <summary>The anchors of a Markdown page: explicit ids, and headings as GitHub turns them into anchors.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match id in IdPattern().Matches(markdown)) anchors.Add(id.Groups["id"].Value);
        string withoutFences = FencePattern().Replace(markdown.Replace("\r\n", "\n", StringComparison.Ordinal), "");
        foreach (Match heading in HeadingPattern().Matches(withoutFences))
        {
            string slug = heading.Groups["title"].Value.Trim().ToLowerInvariant();
            slug = Regex.Replace(slug, @"[^\p{L}\p{Nd}\s_-]", "");
            anchors.Add(slug.Replace(' ', '-'));
        }
        return anchors;
    }

    /// <summary>The text without fenced code blocks and inline code, where brackets are not links.</summary>
    private static string WithoutCode(string markdown) =>
        InlineCodePattern().Replace(FencePattern().Replace(markdown.Replace("\r\n", "\n", StringComparison.Ordinal), ""), "");

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("id=\"(?<id>[^\"]+)\"")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex("`[^`\n]*`")]
    private static partial Regex InlineCodePattern();
}

/// <summary>A fact about the repository's documentation; skipped, saying why, only outside the repository.</summary>
public sealed class DocumentationFactAttribute : FactAttribute
{
    public DocumentationFactAttribute()
    {
        if (TestSupport.RepositoryRoot() is not { } root || !Directory.Exists(Path.Combine(root, "docs")))
        {
            Skip = "the repository's README.md and docs/ are not beside these test binaries";
        }
    }
}
