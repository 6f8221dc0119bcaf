using System.Net;
using MailTls.Core.Dns;
using MailTls.Core.Postfix.Outbound;
using Xunit;

namespace MailTls.Core.Tests.Postfix.Outbound;

public class DaneVerdictsTests
{
    private static DnsAnswer<T> Answer<T>(string name, params T[] records) =>
        new(name, typeof(T) == typeof(IPAddress) ? "A" : "TLSA", DnsResponseStatus.NoError, DnssecStatus.Secure, records, [], TimeSpan.FromMinutes(5), "127.0.0.1:53", null);

    private static TlsaRecord Record(string text)
    {
        Assert.True(TlsaRecord.TryParse(text, out var record, out var error), error);
        return record!;
    }

    [Theory]
    [InlineData(OutboundLevel.Dane, null, null)]
    [InlineData(OutboundLevel.DaneOnly, "TLSA records unusable", "4.7.5")]
    public void Judge_OnlyPkixUsages_DaneEncryptDaneOnlyDefers(OutboundLevel level, string? deferral, string? dsn)
    {
        // Given secure TLSA records that use only PKIX usages, which RFC 7672 makes unusable for SMTP
        var lookup = new DaneTlsaLookup("mx.example.com", 25, Answer("mx.example.com", IPAddress.Loopback), "mx.example.com",
            Answer("_25._tcp.mx.example.com", Record("1 1 1 " + new string('a', 64))));

        // When judged without a handshake
        var verdict = DaneVerdicts.Judge(level, "mx.example.com", lookup, chain: null);

        // Then dane falls back to encrypt and dane-only defers, in Postfix's words
        Assert.Equal((deferral, dsn), (verdict.Deferral, verdict.Dsn));
        Assert.Contains(level == OutboundLevel.Dane ? "falls back to encrypt" : "none is usable", verdict.RequiredNames[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_InsecureHost_DaneOnlyDefersNoTlsa()
    {
        // Given a host whose address records are not signed, so no TLSA lookup applies
        var lookup = new DaneTlsaLookup("mx.example.com", 25, Answer("mx.example.com", IPAddress.Loopback), null, null);

        // When judged at dane-only
        var verdict = DaneVerdicts.Judge(OutboundLevel.DaneOnly, "mx.example.com", lookup, chain: null);

        // Then the destination is deferred
        Assert.Equal("no TLSA records found", verdict.Deferral);
        Assert.Contains("not DNSSEC-signed", verdict.RequiredNames[0], StringComparison.Ordinal);
    }
}
