using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/*
 * NAME
 *   SenderOutcomePredictor - what a server answers to a sender's ClientHello, from the probe's facts.
 *
 * SUMMARY
 *   Once a probe has enumerated a server (each version's verdict and accepted suites, whose order
 *   decides, the groups, the certificate key types), the answer to most senders' hellos follows
 *   from OpenSSL's server rules without sending them: the highest version both offer; below TLS
 *   1.3 the first suite, in the server's order or the client's, that the server accepts and whose
 *   key exchange (a shared ECDHE group) and certificate (its key type in the client's signature
 *   algorithms, an ECDSA curve the client lists) the client can use; in TLS 1.3 the first shared
 *   suite, then the first client key share in a group the server accepts (a HelloRetryRequest when
 *   only supported_groups overlaps).
 *
 * DIAGNOSTICS
 *   Any input the facts do not settle gives null, and the caller sends the hello instead: a
 *   version without a verdict, an unknown suite code, an order not determined, a group or
 *   certificate condition the facts cannot decide, ChaCha20 first in the client's list on a
 *   server-order server (OpenSSL may prioritise it). An SSLv2-format hello does not parse as a
 *   ClientHelloInfo, so it is always sent.
 */

/// <summary>
/// Predicts the server's answer to a ClientHello from enumerated facts under OpenSSL server rules,
/// or declines (null) when any input is uncertain.
/// </summary>
public static class SenderOutcomePredictor
{
    private static readonly TlsSignatureScheme[] Tls12Rsa =
    [
        TlsSignatureScheme.RsaPkcs1Sha256, TlsSignatureScheme.RsaPkcs1Sha384, TlsSignatureScheme.RsaPkcs1Sha512,
        TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPssRsaeSha384, TlsSignatureScheme.RsaPssRsaeSha512,
    ];

    private static readonly TlsSignatureScheme[] Tls13Rsa =
        [TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPssRsaeSha384, TlsSignatureScheme.RsaPssRsaeSha512];

    /// <summary>The answer to <paramref name="hello"/>, or null when the facts do not settle it.</summary>
    /// <param name="facts">What the enumeration established (no failures, no SNI).</param>
    /// <param name="hello">The sender's hello as it would be sent.</param>
    /// <returns>The prediction, or null to send the hello instead.</returns>
    public static SenderPrediction? Predict(EnumeratedServerFacts facts, ClientHelloInfo hello)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(hello);
        // RFC 8446 section 4.2.1 / RFC 5246 appendix E.1: the server takes the highest version both
        // support; unknown or draft values in supported_versions are ignored by servers.
        var offered = hello.OfferedVersions.Where(v => v is >= TlsProtocolVersion.Ssl3 and <= TlsProtocolVersion.Tls13).ToList();
        var accepted = new List<TlsProtocolVersion>();
        foreach (var version in offered)
        {
            var support = facts.Protocols.FirstOrDefault(p => p.Version == version);
            if (!facts.TestedVersions.Contains(version) || support?.Accepted is not { } verdict)
            {
                return null;
            }

            if (verdict)
            {
                accepted.Add(version);
            }
        }

        if (accepted.Count == 0)
        {
            return new SenderPrediction(HelloOutcomeKind.Alert, null, null, "no protocol version in common (protocol_version)");
        }

        var chosen = accepted.Max();
        var protocol = facts.Protocols.First(p => p.Version == chosen);
        var order = Order(protocol, hello);
        if (order is null)
        {
            return null;
        }

        return chosen == TlsProtocolVersion.Tls13 ? Tls13(facts, hello, order) : Tls12(facts, hello, chosen, order);
    }

    /// <summary>
    /// The suites the server would consider, in the order that decides: the server's when it
    /// enforces one, else the client's; only suites the server accepts with this version and the
    /// client offers. Null when the order is not known or a client code has an unknown verdict.
    /// </summary>
    private static List<CipherSuiteInfo>? Order(ProtocolSupport protocol, ClientHelloInfo hello)
    {
        var candidates = SuiteCandidates.For(protocol.Version).Select(s => s.Code).ToHashSet();
        var client = new List<ushort>();
        foreach (var code in hello.CipherSuites)
        {
            if (CipherSuiteRegistry.IsGrease(code) || code is ClientHelloBuilder.EmptyRenegotiationInfoScsv or ClientHelloBuilder.FallbackScsv)
            {
                continue;
            }

            if (!CipherSuiteRegistry.TryGet(code, out _))
            {
                // A code the registry does not know was never enumerated: the server may accept it.
                return null;
            }

            // Suites of other versions are skipped by the server, as they were by the enumeration.
            if (candidates.Contains(code))
            {
                client.Add(code);
            }
        }

        var serverAccepts = protocol.Suites.Select(s => s.Code).ToHashSet();
        switch (protocol.Order)
        {
            case SuiteOrder.Server:
                // OpenSSL's SSL_OP_PRIORITIZE_CHACHA lets a client leading with ChaCha20 override the
                // server's order; the enumeration cannot tell whether it is set.
                if (client.Count > 0 && CipherSuiteRegistry.Get(client[0]).Encryption == BulkCipher.ChaCha20
                    && protocol.Suites.Any(s => s.Suite.Encryption == BulkCipher.ChaCha20))
                {
                    return null;
                }

                var offered = client.ToHashSet();
                return [.. protocol.Suites.Where(s => offered.Contains(s.Code)).Select(s => s.Suite)];
            case SuiteOrder.Client:
                return [.. client.Where(serverAccepts.Contains).Select(CipherSuiteRegistry.Get)];
            default:
                // With one accepted suite the order does not matter; with more it must be known.
                return protocol.Suites.Count > 1 ? null : [.. client.Where(serverAccepts.Contains).Select(CipherSuiteRegistry.Get)];
        }
    }

    private static SenderPrediction? Tls12(EnumeratedServerFacts facts, ClientHelloInfo hello, TlsProtocolVersion version, List<CipherSuiteInfo> order)
    {
        foreach (var suite in order)
        {
            switch (Usable(facts, hello, version, suite))
            {
                case true:
                    return new SenderPrediction(HelloOutcomeKind.ServerHello, version, suite, $"ServerHello {TlsProtocolNames.Of(version)} {suite.DisplayName}");
                case null:
                    return null;
            }
        }

        return new SenderPrediction(HelloOutcomeKind.Alert, version, null, $"no {TlsProtocolNames.Of(version)} suite in common (handshake_failure)");
    }

    /// <summary>Whether the client can use <paramref name="suite"/> with this server: true, false, or null when the facts do not say.</summary>
    private static bool? Usable(EnumeratedServerFacts facts, ClientHelloInfo hello, TlsProtocolVersion version, CipherSuiteInfo suite)
    {
        var exchange = suite.KeyExchange switch
        {
            KeyExchangeAlgorithm.Rsa or KeyExchangeAlgorithm.Dhe => true,
            KeyExchangeAlgorithm.Ecdhe => SharedEcdheGroup(facts, hello),
            _ => null,
        };
        if (exchange != true)
        {
            return exchange;
        }

        var signs = suite.KeyExchange != KeyExchangeAlgorithm.Rsa && version >= TlsProtocolVersion.Tls12;
        return suite.Authentication switch
        {
            AuthenticationAlgorithm.Anonymous => true,
            // RFC 5246 section 7.4.1.4.1: the ServerKeyExchange signature must use one of the client's
            // algorithms; OpenSSL 3 then fails the handshake rather than pick another suite, and
            // refuses SHA-1 at its default security level, so only SHA-2 schemes count as certain.
            AuthenticationAlgorithm.Rsa when facts.RsaCertificate => !signs || hello.SignatureAlgorithms.Any(Tls12Rsa.Contains) ? true : null,
            AuthenticationAlgorithm.Ecdsa when facts.EcdsaCurve is { } curve =>
                hello.SupportedGroups.Contains(curve) && (!signs || Lists(hello, EcdsaScheme(curve))) ? true : null,
            _ => null,
        };
    }

    /// <summary>RFC 8422 section 5.1: ECDHE needs a curve both list. Null when the client's list holds only groups never tested.</summary>
    private static bool? SharedEcdheGroup(EnumeratedServerFacts facts, ClientHelloInfo hello)
    {
        if (facts.GroupsTestedWith is null || hello.SupportedGroups.IsEmpty
            || (!hello.EcPointFormats.IsEmpty && !hello.EcPointFormats.Contains(0)))
        {
            return null;
        }

        var ecGroups = hello.SupportedGroups.Where(g => !IsFiniteField(g)).ToList();
        return ecGroups.Any(facts.Groups.Contains) ? true
            : ecGroups.All(facts.GroupCandidates.Contains) ? false
            : null;
    }

    private static SenderPrediction? Tls13(EnumeratedServerFacts facts, ClientHelloInfo hello, List<CipherSuiteInfo> order)
    {
        // RFC 8446 section 4.4.2.2: the certificate must be signed with a client scheme; a server with
        // no fitting certificate fails, which the facts cannot tell apart from other policies.
        var signs = (facts.RsaCertificate && hello.SignatureAlgorithms.Any(Tls13Rsa.Contains))
            || (facts.EcdsaCurve is { } curve && Lists(hello, EcdsaScheme(curve)));
        if (!signs || facts.GroupsTestedWith != TlsProtocolVersion.Tls13)
        {
            return null;
        }

        if (order.Count == 0)
        {
            return new SenderPrediction(HelloOutcomeKind.Alert, TlsProtocolVersion.Tls13, null, "no TLSv1.3 suite in common (handshake_failure)");
        }

        var suite = order[0];

        // RFC 8446 section 4.2.8: OpenSSL 3 takes the first client key share in a group it supports,
        // and asks for another share (HelloRetryRequest) when only supported_groups overlaps.
        foreach (var share in hello.KeyShares)
        {
            if (facts.Groups.Contains(share.Group))
            {
                return new SenderPrediction(HelloOutcomeKind.ServerHello, TlsProtocolVersion.Tls13, suite, $"ServerHello TLSv1.3 {suite.DisplayName}, key share {share.Group}");
            }

            if (!facts.GroupCandidates.Contains(share.Group))
            {
                return null;
            }
        }

        return hello.SupportedGroups.Any(facts.Groups.Contains)
            ? new SenderPrediction(HelloOutcomeKind.HelloRetryRequest, TlsProtocolVersion.Tls13, suite, $"HelloRetryRequest TLSv1.3 {suite.DisplayName}")
            : hello.SupportedGroups.All(facts.GroupCandidates.Contains)
                ? new SenderPrediction(HelloOutcomeKind.Alert, TlsProtocolVersion.Tls13, null, "no key exchange group in common (handshake_failure)")
                : null;
    }

    private static bool IsFiniteField(TlsNamedGroup group) => group is >= TlsNamedGroup.Ffdhe2048 and <= TlsNamedGroup.Ffdhe8192;

    /// <summary>The ECDSA scheme bound to a curve (RFC 8446 section 4.2.3), used here for TLS 1.2 too.</summary>
    private static TlsSignatureScheme? EcdsaScheme(TlsNamedGroup curve) => curve switch
    {
        TlsNamedGroup.Secp256r1 => TlsSignatureScheme.EcdsaSecp256r1Sha256,
        TlsNamedGroup.Secp384r1 => TlsSignatureScheme.EcdsaSecp384r1Sha384,
        TlsNamedGroup.Secp521r1 => TlsSignatureScheme.EcdsaSecp521r1Sha512,
        _ => null,
    };

    private static bool Lists(ClientHelloInfo hello, TlsSignatureScheme? scheme) => scheme is { } s && hello.SignatureAlgorithms.Contains(s);
}
