using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// Exclusion terms whose OpenSSL meaning differs from how they read: <c>RSA</c> is static-RSA key
/// exchange (kRSA), not "suites with an RSA certificate", so <c>!RSA+AES</c> removes AES128-GCM-SHA256
/// and keeps ECDHE-RSA-AES suites; <c>DH</c> is fixed-DH, not DHE; <c>ECDSA</c> is only ECDSA
/// authentication. Shows what each such term really removed.
/// </summary>
public sealed class CipherlistTermPitfallCheck : ICheck
{
    private static readonly Dictionary<string, string> Readings = new(StringComparer.Ordinal)
    {
        ["RSA"] = "RSA means static RSA key exchange (kRSA), not RSA certificates: ECDHE-RSA and DHE-RSA suites are untouched",
        ["DH"] = "DH means DH key exchange of any kind in some releases and fixed DH (kDH) in others, not only DHE",
        ["ECDH"] = "ECDH means any ECDH key exchange, ephemeral ECDHE included",
        ["SHA"] = "SHA means the SHA-1 MAC, which every CBC-SHA suite uses, not SHA-2",
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        var services = InboundTlsEvaluator.Evaluate(postfix)
            .Where(s => s.TlsOffered && s.Ciphers.CipherString is not null)
            .GroupBy(s => s.Ciphers.CipherString)
            .Select(g => g.First());
        foreach (var service in services)
        {
            var result = OpenSslCipherString.Evaluate(service.Ciphers.CipherString!, postfix.OpenSslBuild);
            foreach (var (token, parameter) in service.Ciphers.Exclusions.Distinct())
            {
                var word = token.Split('+').FirstOrDefault(w => Readings.ContainsKey(w));
                if (word is null)
                {
                    continue;
                }

                var effect = result.Terms.FirstOrDefault(t => t.Item == "!" + token);
                var removed = effect?.Excluded.Concat(effect.Removed).Select(s => s.Name).Distinct().ToList() ?? [];
                yield return FindingCatalogue.CipherlistTermPitfall.Raise(
                    $"In {parameter}, \"{token}\": {Readings[word]}; on OpenSSL {postfix.OpenSsl} it removes "
                        + (removed.Count == 0 ? "nothing" : string.Join(", ", removed.Take(12)) + (removed.Count > 12 ? $" and {removed.Count - 12} more" : string.Empty)) + ".",
                    [
                        ConfigCitations.Cite(postfix.Configuration.Resolve(parameter, service.Service), postfix.Version),
                        new SourceEvidence("openssl ciphers", $"'!{token}' on OpenSSL {postfix.OpenSsl} excludes {removed.Count} suite(s)"),
                    ],
                    new Remediation(
                        "Write the exclusion with explicit algorithm aliases (kRSA, aRSA, kEDH, kECDHE, SHA1) so it reads as what it does, and check that every sender still has a suite (mailtls config).",
                        [$"openssl ciphers -v '!{token}:ALL' | head"]),
                    affected: [ConfigCitations.Describe(service)]);
            }
        }
    }
}
