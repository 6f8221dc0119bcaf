using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Certificates;
using MailTls.Core.Evidence;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// <summary>
/// The state of one probe shared by its concurrent steps: facts read from every answer
/// (compression, renegotiation, session resumption, the first certificate of each key type)
/// and the failures met. Thread-safe.
/// </summary>
internal sealed class ProbeRun(ProbeEndpoint endpoint, ConnectionGate gate, IProgress<string>? progress)
{
    private readonly Lock _lock = new();
    private readonly List<ProbeFailure> _failures = [];
    private readonly Dictionary<AuthenticationAlgorithm, (ImmutableArray<ImmutableArray<byte>> Der, string Source)> _certificates = [];

    public ProbeEndpoint Endpoint => endpoint;

    public ConnectionGate Gate => gate;

    public bool? CompressionAccepted { get; private set; }

    public bool? SecureRenegotiation { get; private set; }

    public bool? SessionIds { get; private set; }

    public bool? SessionTickets { get; private set; }

    public IReadOnlyList<ProbeFailure> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures];
            }
        }
    }

    public void Report(string step) => progress?.Report($"{endpoint.Target}: {step}");

    public void Fail(string message, FailureReason reason = FailureReason.InvalidData, string? transcript = null)
    {
        lock (_lock)
        {
            _failures.Add(new ProbeFailure(endpoint.Target, reason, message, transcript));
        }
    }

    /// <summary>Collects what every answer shows beyond the suite: compression, renegotiation_info, session ids and tickets, the chain.</summary>
    public void Observe(HelloOutcome outcome)
    {
        if (outcome.Kind is HelloOutcomeKind.Timeout or HelloOutcomeKind.Invalid)
        {
            Fail(outcome.Detail, outcome.Kind == HelloOutcomeKind.Timeout ? FailureReason.Timeout : FailureReason.InvalidData);
        }

        if (outcome.ServerHello is not { IsHelloRetryRequest: false } hello || hello.Version >= TlsProtocolVersion.Tls13)
        {
            return;
        }

        lock (_lock)
        {
            CompressionAccepted = CompressionAccepted == true || hello.CompressionMethod != 0;
            SecureRenegotiation = (SecureRenegotiation ?? true) && hello.SupportsSecureRenegotiation;
            SessionIds = SessionIds == true || hello.SessionIdLength > 0;
            SessionTickets = SessionTickets == true || hello.HasExtension(TlsExtensionType.SessionTicket);
            var suite = hello.Suite;
            if (outcome.Flight!.Certificates.Length > 0 && !_certificates.ContainsKey(suite.Authentication))
            {
                _certificates[suite.Authentication] = (outcome.Flight.Certificates, $"{TlsProtocolNames.Of(hello.Version)} {suite.DisplayName} (raw hello)");
            }
        }
    }

    /// <summary>The chains seen, one per key type, with the full handshake's chain where it adds a key type; each judged for trust.</summary>
    public IReadOnlyList<ServedChain> Chains(FullHandshakeExchange.Result? full, IReadOnlyCollection<X509Certificate2>? anchors, DateTimeOffset now)
    {
        var chains = new List<ServedChain>();
        List<(ImmutableArray<ImmutableArray<byte>> Der, string Source)> seen;
        lock (_lock)
        {
            seen = [.. _certificates.Values];
        }

        foreach (var (der, source) in seen)
        {
            var certificates = new List<X509Certificate2>();
            foreach (var blob in der)
            {
                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(blob.AsSpan()));
                }
                catch (CryptographicException e)
                {
                    Fail($"a certificate the server sent cannot be decoded: {e.Message}");
                    break;
                }
            }

            if (certificates.Count > 0)
            {
                chains.Add(Judge(certificates, source, anchors, now));
            }
        }

        if (full is { Served.Count: > 0 } && !chains.Any(c => c.KeyType == CertificateKey.Type(full.Served[0])))
        {
            chains.Add(Judge(full.Served, $"{full.Negotiated ?? "failed"} handshake (OpenSSL)", anchors, now));
        }

        return [.. chains.OrderBy(c => c.KeyType, StringComparer.Ordinal)];
    }

    private static ServedChain Judge(IReadOnlyList<X509Certificate2> certificates, string source, IReadOnlyCollection<X509Certificate2>? anchors, DateTimeOffset now)
    {
        var (trust, detail, issuerMissing) = ChainVerifier.Verify(certificates, anchors, now);
        return new ServedChain
        {
            KeyType = CertificateKey.Type(certificates[0]),
            Source = source,
            Certificates = certificates,
            Trust = trust,
            TrustDetail = detail,
            IssuerMissing = issuerMissing,
            TrustAnchorCount = anchors?.Count ?? -1,
        };
    }
}
