using MailTls.Tests;
using Xunit;
using System.Text.Json.Nodes;
using MailTls.Cli.Rendering;
using NJsonSchema;

namespace MailTls.Cli.Tests.Rendering;

public class JsonReportWriterTests
{
    private static readonly Lazy<Task<JsonSchema>> Schema =
        new(() => JsonSchema.FromFileAsync(RepositoryFiles.Path("docs/schema/report.v1.json")));

    [Fact]
    public async Task Serialize_RealPipelineReport_ValidatesAgainstSchema()
    {
        // Given a report from really failing to read a file
        var json = JsonReportWriter.Serialize(SampleReports.FromMissingFile());

        // When it is validated against the checked-in schema
        var errors = (await Schema.Value).Validate(json);

        // Then it conforms, and it says what could not be read
        Assert.Empty(errors);
        var finding = JsonNode.Parse(json)!["findings"]![0]!;
        Assert.Equal("source-unavailable", finding["id"]!.GetValue<string>());
        Assert.Equal("warning", finding["severity"]!.GetValue<string>());
        Assert.Equal("source", finding["evidence"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Serialize_EveryEvidenceKind_ValidatesAgainstSchema()
    {
        // Given a report citing every kind of evidence
        var json = JsonReportWriter.Serialize(SampleReports.WithEveryEvidenceKind());

        // When it is validated
        var errors = (await Schema.Value).Validate(json);

        // Then it conforms, with each kind tagged and enums in lowercase
        Assert.Empty(errors);
        var report = JsonNode.Parse(json)!;
        var kinds = report["findings"]![0]!["evidence"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>());
        Assert.Equal(["log-line", "config-line", "handshake", "dns", "source"], kinds);
        Assert.Equal("secure", report["findings"]![0]!["evidence"]![3]!["dnssec"]!.GetValue<string>());
        Assert.Equal("critical", report["highestSeverity"]!.GetValue<string>());
        Assert.Equal(14, report["findings"]![0]!["evidence"]![1]!["location"]!["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task Schema_ReportWithUnknownSeverity_IsRejected()
    {
        // Given a real report altered to carry a severity the schema does not know
        var report = JsonNode.Parse(JsonReportWriter.Serialize(SampleReports.FromMissingFile()))!;
        report["findings"]![0]!["severity"] = "fatal";

        // When it is validated
        var errors = (await Schema.Value).Validate(report.ToJsonString());

        // Then the schema catches it, so the validation above can fail
        Assert.NotEmpty(errors);
    }
}
