using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Dns;

namespace MailTls.Core.Postfix.Outbound;

/// <summary>
/// smtp(8)'s decision at level dane or dane-only for one server (postfix-tls-semantics.md 4.5):
/// no DNSSEC-validated TLSA records makes dane fall back to may and dane-only defer; records that
/// exist but none usable make dane fall back to encrypt; usable records must match the chain.
/// </summary>
public static class DaneVerdicts
{
    /// <summary>Judges one server.</summary>
    /// <param name="level">Dane or DaneOnly.</param>
    /// <param name="host">The server name.</param>
    /// <param name="lookup">The TLSA lookup as a DANE sender does it; DaneApplies is false when the host's records are not secure.</param>
    /// <param name="chain">The chain the server presented, leaf first; null when no handshake was made.</param>
    /// <returns>The verdict, with the level it effectively ran at in <see cref="HostVerdict.RequiredNames"/>.</returns>
    public static HostVerdict Judge(OutboundLevel level, string host, DaneTlsaLookup lookup, IReadOnlyList<X509Certificate2>? chain)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var owner = TlsaRecord.OwnerName(lookup.BaseDomain ?? host, lookup.Port);
        var strict = level == OutboundLevel.DaneOnly;
        if (lookup.Tlsa is not { } tlsa || tlsa.Records.Count == 0)
        {
            var why = lookup.Tlsa is null ? "the host's address records are not DNSSEC-signed" : "no TLSA records";
            return strict
                ? Verdict(host, $"dane-only: {why} at {owner}", "Untrusted", "no TLSA records found", "4.7.5")
                : Verdict(host, $"dane falls back to may: {why} at {owner}", chain is null ? null : "Untrusted", null, null);
        }

        var usable = tlsa.Records.Where(r => r.IsUsableForSmtp).ToList();
        if (usable.Count == 0)
        {
            return strict
                ? Verdict(host, $"dane-only: TLSA records at {owner} exist but none is usable (only DANE-TA(2) and DANE-EE(3) count)", "Untrusted", "TLSA records unusable", "4.7.5")
                : Verdict(host, $"dane falls back to encrypt: TLSA records at {owner} exist but none is usable", chain is null ? null : "Untrusted", null, null);
        }

        if (chain is null)
        {
            return Verdict(host, $"{usable.Count} usable TLSA record(s) at {owner}", null, null, null);
        }

        var match = TlsaMatcher.Match(usable, chain);
        return match.Outcome == TlsaOutcome.Match
            ? Verdict(host, $"{usable.Count} usable TLSA record(s) at {owner}: one matches", "Verified", null, null)
            : Verdict(host, $"{usable.Count} usable TLSA record(s) at {owner}: none matches the presented chain", "Untrusted", "Server certificate not verified", "4.7.5");
    }

    private static HostVerdict Verdict(string host, string basis, string? label, string? deferral, string? dsn) => new()
    {
        Host = host,
        RequiredNames = [basis],
        Label = label,
        Deferral = deferral,
        Dsn = dsn,
        ChainTrusted = true,
    };
}
