using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// TLS 1.3 chains per key type: the certificate is encrypted there, so mailtls's own TLS 1.3 client reads it.
public sealed partial class TlsProbeEngine
{
    // A dual-certificate server (Postfix smtpd_tls_cert_file + smtpd_tls_eccert_file) picks the certificate
    // whose key can make a signature the client offered (RFC 8446 section 4.4.2.2): one hello per key type.
    private static readonly (string KeyType, TlsSignatureScheme[] Schemes)[] Tls13KeyTypes =
    [
        ("ECDSA", [TlsSignatureScheme.EcdsaSecp256r1Sha256, TlsSignatureScheme.EcdsaSecp384r1Sha384, TlsSignatureScheme.EcdsaSecp521r1Sha512]),
        ("RSA",
        [
            TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPssRsaeSha384, TlsSignatureScheme.RsaPssRsaeSha512,
            TlsSignatureScheme.RsaPkcs1Sha256, TlsSignatureScheme.RsaPkcs1Sha384, TlsSignatureScheme.RsaPkcs1Sha512,
        ]),
    ];

    /// <summary>
    /// When TLS 1.3 is accepted: one connection per key type, offering only that key type's
    /// signature schemes and the accepted suites mailtls can decrypt; each chain read is kept in the run.
    /// </summary>
    private async Task Tls13ChainsAsync(ProbeRun run, IReadOnlyList<ProtocolSupport> protocols, CancellationToken cancellationToken)
    {
        if (protocols.FirstOrDefault(p => p.Version == TlsProtocolVersion.Tls13 && p.Accepted == true) is not { } tls13)
        {
            return;
        }

        var suites = tls13.Suites.Select(s => s.Code).Where(Tls13FlightReader.DecryptableSuites.Contains).ToList();
        if (suites.Count == 0)
        {
            run.Fail("TLS 1.3 chains not read: the server accepts only TLS 1.3 suites mailtls cannot decrypt (AES-GCM and ChaCha20-Poly1305 are supported)");
            return;
        }

        run.Report("TLS 1.3 certificates per key type");
        var attempts = await Task.WhenAll(Tls13KeyTypes.Select(async k => (k.KeyType, Result: await Tls13ChainExchange.RunAsync(
            run.Endpoint, Options, run.Gate, HelloFor(TlsProtocolVersion.Tls13, suites) with { SignatureAlgorithms = k.Schemes }, cancellationToken))));
        foreach (var (keyType, result) in attempts)
        {
            if (result.Failure is { } reason)
            {
                run.Fail($"TLS 1.3 {keyType} chain not read: {result.Detail}", reason);
            }
            else if (result.Flight is { Complete: true } flight)
            {
                run.ObserveTls13(flight);
            }
            else if (result.Flight?.Alert is null)
            {
                // A ServerHello of another version or a HelloRetryRequest mailtls cannot answer: say what was not seen.
                run.Fail($"TLS 1.3 {keyType} chain not read: {result.Detail}");
            }
        }

        if (attempts.All(a => a.Result.Flight?.Alert is not null))
        {
            // Both refused: a server that accepts only X25519 (not in .NET on Linux), or has neither an RSA nor an ECDSA key, refuses this way.
            run.Fail($"TLS 1.3 chains not read: the server refused both the ECDSA and the RSA hello ({attempts[0].Result.Detail}); it may accept only groups mailtls cannot compute (X25519, X448, FFDHE) or have neither an RSA nor an ECDSA certificate (Ed25519)");
        }
    }
}
