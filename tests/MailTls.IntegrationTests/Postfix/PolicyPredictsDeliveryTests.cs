using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// mailtls policy's prediction against what really happens: a sending Postfix with the policy table
/// under test queues a message to a receiving Postfix (test-CA certificates with chosen names) on
/// loopback, and the delivery's trust label and status must be what mailtls said.
/// </summary>
public sealed partial class PolicyPredictsDeliveryTests
{
    public static TheoryData<string, string[], bool, string, string, string> Cases => new()
    {
        // level and match, certificate names (CN first), CN only, CA file (issuer/other/none), expected label, expected status
        { "secure", ["localhost"], false, "issuer", "Verified", "sent" },
        { "secure", ["mx.localhost"], false, "issuer", "Verified", "sent" },
        { "secure", ["*.messagingengine.com", "messagingengine.com", "mail.messagingengine.com"], false, "issuer", "Untrusted", "deferred" },
        { "secure match=.messagingengine.com", ["*.messagingengine.com", "messagingengine.com"], false, "issuer", "Verified", "sent" },
        { "secure match=a.b.messagingengine.com", ["*.messagingengine.com"], false, "issuer", "Untrusted", "deferred" },
        { "verify", ["localhost"], true, "issuer", "Verified", "sent" },
        { "secure", ["localhost"], false, "other", "Untrusted", "deferred" },
        { "verify", ["localhost"], false, "none", "Untrusted", "deferred" },
    };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Cases))]
    public async Task Policy_Prediction_MatchesRealDelivery(string policy, string[] names, bool cnOnly, string caFile, string label, string status)
    {
        // Given a receiving Postfix presenting these names, and a sending Postfix relaying through it with this policy
        using var ca = TestCa.Create("mailtls delivery oracle");
        var leaf = ca.IssueLeaf(new LeafSpec(names[0]) { DnsNames = cnOnly ? [] : names });
        using var otherCa = TestCa.Create("unrelated");
        var caPath = caFile switch { "issuer" => ca.RootPemPath, "other" => otherCa.RootPemPath, _ => string.Empty };
        await using var delivery = await PolicyDelivery.StartAsync(leaf, "fastmail.fm", policy, caPath);

        // When mailtls predicts, and then a message is really sent
        var decision = PolicyDelivery.Decision(await delivery.ExplainAsync());
        var statusLine = await delivery.SendAsync();
        var tlsLine = delivery.Sender.ReadLogLines().FirstOrDefault(l => l.Contains("TLS connection established to", StringComparison.Ordinal)) ?? string.Empty;

        // Then Postfix's label and status are the ones mailtls predicted
        Assert.Contains($"localhost: {label}", decision, StringComparison.Ordinal);
        Assert.Contains($"status={status}", statusLine, StringComparison.Ordinal);
        Assert.StartsWith(label, TlsLabel().Match(tlsLine).Value, StringComparison.Ordinal);
        if (status == "deferred")
        {
            Assert.Contains("deferred 4.7.5 Server certificate not verified", decision, StringComparison.Ordinal);
            Assert.Contains("Server certificate not verified", statusLine, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"(Verified|Trusted|Untrusted|Anonymous) TLS connection established")]
    private static partial Regex TlsLabel();
}
