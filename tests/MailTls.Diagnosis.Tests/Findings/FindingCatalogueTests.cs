using MailTls.Tests;
using Xunit;
using System.Text.RegularExpressions;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Tests.Findings;

public partial class FindingCatalogueTests
{
    [Fact]
    public void All_EveryId_HasExactlyOneSectionInFindingsDoc()
    {
        // Given the documentation page
        var doc = File.ReadAllText(RepositoryFiles.Path("docs/findings.md"));
        var documented = SectionHeading().Matches(doc).Select(m => m.Groups[1].Value).ToList();

        // When it is compared with the catalogue
        var catalogued = FindingCatalogue.All.Select(d => d.Id.Value).ToList();

        // Then every id is documented once, and nothing undocumented or stale is left
        Assert.Equal(documented.Distinct().Count(), documented.Count);
        Assert.Equal(catalogued.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_Ids_AreUnique()
    {
        // Given the catalogue
        var ids = FindingCatalogue.All.Select(d => d.Id).ToList();

        // Then no id stands twice
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Find_IdInOtherCase_ReturnsDefinition()
    {
        // Given an id typed in capitals
        // When it is looked up
        var found = FindingCatalogue.Find("SOURCE-UNAVAILABLE");

        // Then the catalogue entry is found
        Assert.Same(FindingCatalogue.SourceUnavailable, found);
        Assert.Null(FindingCatalogue.Find("no-such-finding"));
    }

    [Fact]
    public void Raise_Always_PutsDocumentationLinkFirst()
    {
        // Given a definition
        // When a finding is raised from it
        var finding = FindingCatalogue.SourceUnavailable.Raise("cause", []);

        // Then it links its own documentation first and carries the catalogue's title and severity
        Assert.Equal("docs/findings.md#source-unavailable", finding.References[0]);
        Assert.Equal(FindingCatalogue.SourceUnavailable.Title, finding.Title);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [GeneratedRegex(@"^## ([a-z0-9-]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();
}
