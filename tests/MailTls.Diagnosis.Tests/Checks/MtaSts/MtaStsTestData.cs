using System.Text;
using MailTls.Core.Dns;
using MailTls.Core.MtaSts;
using MailTls.Diagnosis;

namespace MailTls.Diagnosis.Tests.Checks.MtaSts;

/// <summary>Hand-built MTA-STS evidence for example.com.</summary>
internal static class MtaStsTestData
{
    public const string Url = "https://mta-sts.example.com/.well-known/mta-sts.txt";

    public static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static MtaStsEvidence Evidence(
        string? policy = "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n",
        string stsRecord = "v=STSv1; id=1;",
        string rptRecord = "v=TLSRPTv1; rua=mailto:tlsrpt@example.com",
        MtaStsFetch? fetch = null,
        params string[] mx)
    {
        mx = mx.Length == 0 ? ["mx1.example.com.", "mx2.example.com."] : mx;
        var body = policy is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(policy);
        fetch ??= new MtaStsFetch(Url, MtaStsFetchOutcome.Fetched, "HTTP/1.1 200 OK", "192.0.2.1:443", 200, "text/plain", Body: body);
        var mxAnswer = Answer("example.com.", "MX", mx.Select((h, i) => new MxHost(10 * (i + 1), h)).ToList());
        return new MtaStsEvidence(
            "example.com",
            Answer("_mta-sts.example.com.", "TXT", [stsRecord]),
            MtaStsRecord.Select([stsRecord]),
            Answer("_smtp._tls.example.com.", "TXT", [rptRecord]),
            TlsRptRecord.Select([rptRecord]),
            fetch,
            fetch.Body is { } b ? MtaStsPolicy.Parse(b.Span) : null,
            new MxResolution("example.com.", MxResolutionKind.Mx, mxAnswer.Records, mxAnswer, []));
    }

    public static EvidenceSet Set(MtaStsEvidence evidence) => new() { MtaSts = [evidence], CollectedAt = At };

    private static DnsAnswer<T> Answer<T>(string name, string type, IReadOnlyList<T> records) =>
        new(name, type, DnsResponseStatus.NoError, DnssecStatus.Insecure, records, [], TimeSpan.FromMinutes(5), "127.0.0.1:53", null);
}
