using MailTls.Core.Dns;
using MailTls.Core.Logs;
using MailTls.Core.Tests.TestData;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class CleartextFallbackTests
{
    [Fact]
    public void Extract_Scenario1Facebook_RecordsCleartextDeliveryAfterFailure()
    {
        // Given scenario 1: Facebook fails TLS, then delivers 962C281443 on a new connection without TLS
        var extractor = new TlsEventExtractor(new LogParseOptions { ReferenceDate = new DateTime(2020, 6, 1) }, MailTls.Core.Dns.PublicSuffixList.Parse("com\nde"));
        var number = 0;
        foreach (var line in Fixtures.Read("Logs/scenario1-gmail-tls12-only.log").Split('\n'))
        {
            extractor.Add("mail.log", ++number, line);
        }

        // When the input ends
        extractor.Complete();

        // Then the cleartext delivery is recorded for facebook.com, and Gmail has none
        var delivery = Assert.Single(extractor.CleartextDeliveries);
        Assert.Equal("facebook.com", delivery.Peer.Org);
        Assert.Equal("outcampmail004.ash2.facebook.com", delivery.Peer.Host);
        Assert.Equal(20, delivery.Location.Line);
        Assert.StartsWith("962C281443: client=", delivery.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_CleartextDeliveryWithoutEarlierFailure_IsNotRecorded()
    {
        // Given a cleartext delivery from an organisation that never failed TLS
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[1]: connect from a.example.com[192.0.2.1]
            Jan 10 10:00:00 mx postfix/smtpd[1]: 4ABCDE1234: client=a.example.com[192.0.2.1]
            Jan 10 10:00:01 mx postfix/smtpd[1]: disconnect from a.example.com[192.0.2.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5
            """;
        var extractor = new TlsEventExtractor();
        var number = 0;
        foreach (var line in Log.Split('\n'))
        {
            extractor.Add("mail.log", ++number, line);
        }

        // When the input ends
        extractor.Complete();

        // Then nothing is recorded
        Assert.Empty(extractor.CleartextDeliveries);
    }
}
