using System.Globalization;

namespace MailTls.IntegrationTests.MtaSts;

/// <summary>
/// The MTA-STS test domains under <c>mailtls.test.</c>, one per server behaviour of
/// <see cref="MtaStsServerFixture"/>. Each has an MX, <c>_mta-sts</c> and <c>_smtp._tls</c>
/// records, and <c>mta-sts.CASE.mailtls.test</c> on 127.0.0.1; <see cref="Dns.DnsZoneFixture"/>
/// serves these lines in its signed zone.
/// </summary>
internal static class MtaStsZone
{
    /// <summary>The zone's own domain: a good enforce policy, <c>mx: *.mailtls.test</c>.</summary>
    public const string Good = "mailtls.test";

    public const string Testing = "testing";
    public const string Redirect = "redirect";
    public const string ContentType = "ctype";
    public const string Huge = "huge";
    public const string Syntax = "syntax";
    public const string Slow = "slow";
    public const string Stall = "stall";
    public const string Uncovered = "uncovered";
    public const string Missing = "missing";
    public const string BadCertificate = "badcert";
    public const string Expired = "expired";
    public const string BadRecords = "badrecord";
    public const string NoHost = "nohost";

    public const string TlsRptText = "v=TLSRPTv1; rua=mailto:tlsrpt@mailtls.test";

    /// <summary>Every case label; the certificate names the policy host of each except <see cref="BadCertificate"/>.</summary>
    public static IReadOnlyList<string> Cases { get; } =
        [Testing, Redirect, ContentType, Huge, Syntax, Slow, Stall, Uncovered, Missing, BadCertificate, Expired, BadRecords, NoHost];

    public static string Domain(string label) => label == Good ? Good : $"{label}.{Good}";

    public static IEnumerable<string> Lines()
    {
        yield return "mta-sts A 127.0.0.1";
        foreach (var label in Cases)
        {
            yield return $"{label} MX 10 mx";
            if (label == Uncovered)
            {
                // The policy of this case names only mx.mailtls.test: stale is an MX no pattern covers.
                yield return $"{label} MX 20 stale";
            }

            var id = label == BadRecords ? "2026-11-23" : "20261123";
            yield return string.Create(CultureInfo.InvariantCulture, $"_mta-sts.{label} TXT \"v=STSv1; id={id};\"");
            var rpt = label == BadRecords ? "v=TLSRPTv1; rua=ftp://reports.mailtls.test/" : TlsRptText;
            yield return $"_smtp._tls.{label} TXT \"{rpt}\"";
            if (label != NoHost)
            {
                yield return $"mta-sts.{label} A 127.0.0.1";
            }
        }
    }
}
