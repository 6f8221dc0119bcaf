using MailTls.Core.OpenSsl;
using MailTls.Core.Profiles;

namespace MailTls.Core.Postfix;

/// <summary>
/// Predicts what a sender negotiates with an smtpd service, as OpenSSL's server would: the highest
/// protocol both allow; for TLS 1.3 a default TLS 1.3 suite (Postfix cannot restrict them); below
/// that the first suite of the service's cipher list, in server order with tls_preempt_cipherlist
/// and client order otherwise, that the sender offers, the certificate can authenticate, the
/// protocol permits and ECDHE support allows. A failure names the cipher-string items responsible.
/// </summary>
public sealed class SenderSimulator
{
    private readonly InboundTlsSettings _service;
    private readonly OpenSslBuild _build;
    private readonly OpenSslAuthentication _serverAuthentication;
    private readonly bool _ecdhe;
    private readonly bool _serverPreference;
    private readonly CipherStringResult? _ciphers;

    /// <summary>Prepares a simulation for one service.</summary>
    /// <param name="service">The service's evaluated settings.</param>
    /// <param name="build">The OpenSSL build (its security level as Postfix sets it).</param>
    /// <param name="serverAuthentication">What the server's certificates can authenticate (RSA, ECDSA).</param>
    /// <param name="ecdhe">Whether ECDHE is enabled (smtpd_tls_eecdh_grade is not none).</param>
    /// <param name="serverPreference">tls_preempt_cipherlist.</param>
    public SenderSimulator(InboundTlsSettings service, OpenSslBuild build, OpenSslAuthentication serverAuthentication, bool ecdhe, bool serverPreference)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _build = build ?? throw new ArgumentNullException(nameof(build));
        _serverAuthentication = serverAuthentication;
        _ecdhe = ecdhe;
        _serverPreference = serverPreference;
        _ciphers = service.Ciphers.CipherString is { } text ? OpenSslCipherString.Evaluate(text, build) : null;
    }

    /// <summary>Whether ECDHE key exchange is on for the service.</summary>
    public bool EcdheEnabled => _ecdhe;

    /// <summary>What OpenSSL makes of the service's cipher string; null when Postfix cannot build one.</summary>
    public CipherStringResult? Ciphers => _ciphers;

    /// <summary>Simulates one sender.</summary>
    /// <param name="sender">The sender's profile.</param>
    /// <returns>The outcome.</returns>
    public SenderOutcome Simulate(SenderProfile sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (!_service.TlsOffered || !_service.Protocols.IsValid || _ciphers is null || _ciphers.Suites.IsEmpty)
        {
            return new SenderOutcome { Sender = sender, Kind = SenderOutcomeKind.TlsUnavailable };
        }

        if (sender.OfferedVersions.Count == 0)
        {
            return new SenderOutcome { Sender = sender, Kind = SenderOutcomeKind.Unknown };
        }

        var shared = sender.OfferedVersions.Where(_service.Protocols.ServerAccepts.Contains).ToList();
        if (shared.Count == 0)
        {
            return new SenderOutcome { Sender = sender, Kind = SenderOutcomeKind.ProtocolMismatch };
        }

        var protocol = shared.Max();
        if (protocol == PostfixProtocol.Tls13)
        {
            var tls13 = _ciphers.Tls13Suites;
            var chosen = sender.CipherSuites.Count == 0
                ? tls13.FirstOrDefault()
                : tls13.FirstOrDefault(s => sender.CipherSuites.Contains(s.Code));
            if (chosen is not null)
            {
                return new SenderOutcome { Sender = sender, Kind = SenderOutcomeKind.Negotiated, Protocol = protocol, Suite = chosen.StandardName ?? chosen.Name };
            }
        }

        if (sender.CipherSuites.Count == 0)
        {
            // The profile says which versions it offers but not which suites: nothing to judge below TLS 1.3.
            return new SenderOutcome { Sender = sender, Kind = SenderOutcomeKind.Unknown, Protocol = protocol };
        }

        var usable = _ciphers.Suites.Where(s => Blocker(s, protocol) is null).ToList();
        var candidates = usable.Where(s => sender.CipherSuites.Contains(s.Code)).ToList();
        if (candidates.Count > 0)
        {
            var pick = _serverPreference
                ? candidates[0]
                : candidates.OrderBy(s => IndexOf(sender.CipherSuites, s.Code)).First();
            return new SenderOutcome { Sender = sender, Kind = SenderOutcomeKind.Negotiated, Protocol = protocol, Suite = pick.Name };
        }

        return new SenderOutcome
        {
            Sender = sender,
            Kind = sender.SuitesComplete ? SenderOutcomeKind.NoSharedCipher : SenderOutcomeKind.NoKnownSharedCipher,
            Protocol = protocol,
            Blocked = [.. sender.CipherSuites.Where(c => !IsTls13Code(c)).Select(c => Explain(c, protocol))],
        };
    }

    private BlockedSuite Explain(ushort code, PostfixProtocol protocol)
    {
        if (!OpenSslCipherCatalog.TryFindByCode(_build.Era, code, out var suite) || suite is null)
        {
            return new BlockedSuite($"0x{code:X4}", $"not implemented by OpenSSL {_build.Era}", []);
        }

        if (!_ciphers!.Suites.Contains(suite))
        {
            // A suite the certificate, the protocol or the key exchange rules out is not brought back by
            // dropping a term, so the terms are not named as its cause.
            if (Blocker(suite, protocol) is { } structural)
            {
                return new BlockedSuite(suite.Name, structural, []);
            }

            var terms = _ciphers.TermsRemoving(suite.Name).Select(t => t.Item).Distinct().ToList();
            return new BlockedSuite(suite.Name, terms.Count > 0 ? "removed by the cipher list" : "never selected by the cipher list", terms);
        }

        return new BlockedSuite(suite.Name, Blocker(suite, protocol)!, []);
    }

    /// <summary>Why a listed suite cannot be used in this session, or null when it can.</summary>
    private string? Blocker(OpenSslCipherSuite suite, PostfixProtocol protocol)
    {
        if (suite.MinimumProtocol == OpenSslProtocol.TlsV12 && protocol < PostfixProtocol.Tls12)
        {
            return $"needs TLS 1.2, but the session is {protocol.Name()}";
        }

        if ((suite.Authentication & (OpenSslAuthentication.Rsa | OpenSslAuthentication.Ecdsa | OpenSslAuthentication.Dss)) is var needed and not 0
            && (needed & _serverAuthentication) == 0)
        {
            return $"needs a{(needed == OpenSslAuthentication.Ecdsa ? "n ECDSA" : needed == OpenSslAuthentication.Rsa ? "n RSA" : " DSA")} certificate, which the server does not have";
        }

        if ((suite.KeyExchange & OpenSslKeyExchange.Ecdhe) != 0 && !_ecdhe)
        {
            return "ECDHE is off (smtpd_tls_eecdh_grade = none)";
        }

        return _build.SecurityLevel > 0 && !OpenSslSecurityLevel.AllowsCipher(suite, _build.SecurityLevel)
            ? $"below OpenSSL security level {_build.SecurityLevel}"
            : null;
    }

    private static bool IsTls13Code(ushort code) => code is >= 0x1301 and <= 0x1305;

    private static int IndexOf(IReadOnlyList<ushort> list, ushort code)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == code)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
