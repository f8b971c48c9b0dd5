using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Attention.Generators.Diagnostics;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// Every diagnostic's help link (what an IDE opens from the error list) names a page that exists in
/// docs/diagnostics, at the address of this repository as the packages declare it.
/// </summary>
public sealed class DiagnosticPageTests
{
    private static readonly string RepositoryRoot = FindRoot();

    [Fact]
    public void Every_help_link_is_a_page_in_docs_diagnostics_at_the_packages_project_address()
    {
        string props = File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props"));
        string projectUrl = Regex.Match(props, "<PackageProjectUrl>(.+?)</PackageProjectUrl>").Groups[1].Value;
        Assert.StartsWith("https://", projectUrl, System.StringComparison.Ordinal);

        Assert.All(DiagnosticDescriptors.ById.Values, descriptor =>
        {
            Assert.Equal($"{projectUrl}/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            string page = Path.Combine(RepositoryRoot, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id} links to {descriptor.HelpLinkUri}, but docs/diagnostics/{descriptor.Id}.md does not exist.");
            Assert.StartsWith($"# {descriptor.Id}", File.ReadLines(page).First(), System.StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_page_in_docs_diagnostics_belongs_to_a_diagnostic()
    {
        string[] pages = Directory.GetFiles(Path.Combine(RepositoryRoot, "docs", "diagnostics"), "ATTN*.md")
            .Select(Path.GetFileNameWithoutExtension).ToArray()!;
        Assert.All(pages, id => Assert.True(DiagnosticDescriptors.ById.ContainsKey(id!), $"docs/diagnostics/{id}.md has no diagnostic."));
    }

    private static string FindRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
