using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Dns;

namespace MailTls.Cli.Rendering;

/// <summary>
/// Shows what <c>mailtls dane --cert</c> computed: the TLSA records to publish for the given files,
/// in zone-file syntax that can be pasted as is, and the records published now with how each
/// fares against the files. It renders; the verdicts come from Core. Plain text on standard output,
/// never wrapped, so that the zone lines can be copied as they are.
/// </summary>
internal static class DaneRecordsRenderer
{
    public static void Render(string host, int port, IReadOnlyList<X509Certificate2> chain, DnsAnswer<TlsaRecord>? published, TextWriter output)
    {
        var owner = TlsaRecord.OwnerName(host, port);
        output.WriteLine($"TLSA records to publish for {host} port {port.ToString(CultureInfo.InvariantCulture)}:");
        output.WriteLine($"  leaf:   {chain[0].Subject} (expires {chain[0].NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");
        if (chain.Count > 1)
        {
            output.WriteLine($"  issuer: {chain[1].Subject}");
        }

        var ttl = published is { Succeeded: true, Ttl.TotalSeconds: > 0 } p ? (uint?)p.Ttl.TotalSeconds : null;
        foreach (var record in TlsaCalculator.RecordsToPublish(chain))
        {
            output.WriteLine(record.ToZoneLine(owner, ttl));
        }

        if (chain.Count == 1)
        {
            output.WriteLine("  (no issuer certificate given: pass --chain to also get the 2 1 1 record for the issuing CA)");
        }

        output.WriteLine("Rollover: publish new records beside the old ones, wait at least twice the TTL, deploy the certificate, then remove the old records.");
        if (published is null)
        {
            return;
        }

        output.WriteLine();
        if (!published.Succeeded)
        {
            output.WriteLine($"Published at {owner}: lookup failed ({published.Failure?.Message ?? "unknown"})");
            return;
        }

        var status = published.Dnssec.ToString().ToLowerInvariant();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Published at {owner} via {published.Server} (DNSSEC: {status}, TTL {(long)published.Ttl.TotalSeconds} s):"));
        if (published.Records.Count == 0)
        {
            output.WriteLine("  none");
            return;
        }

        var result = TlsaMatcher.Match(published.Records, chain);
        foreach (var match in result.Records)
        {
            var verdict = match.Verdict switch
            {
                TlsaRecordVerdict.Matched => $"matches {(match.MatchedIndex == 0 ? "the leaf" : "chain certificate " + match.MatchedIndex)}",
                TlsaRecordVerdict.NotMatched => "matches none of these files",
                _ => $"unusable for SMTP ({match.Record.Usability})",
            };
            output.WriteLine($"  {match.Record.ToPresentation()}  {verdict}");
        }
    }
}
