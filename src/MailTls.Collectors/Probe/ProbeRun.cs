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
/// (compression, renegotiation, session resumption, the first certificate of each key type, and
/// the TLS 1.3 chains read per key type)
/// and the failures met. Thread-safe.
/// </summary>
internal sealed class ProbeRun(ProbeEndpoint endpoint, ConnectionGate gate, IProgress<string>? progress)
{
    private readonly Lock _lock = new();
    private readonly List<ProbeFailure> _failures = [];
    private readonly Dictionary<AuthenticationAlgorithm, Sighting> _certificates = [];
    private readonly List<Sighting> _tls13Certificates = [];

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
                _certificates[suite.Authentication] = new(outcome.Flight.Certificates, $"{TlsProtocolNames.Of(hello.Version)} {suite.DisplayName} (raw hello)", hello.Version);
            }
        }
    }

    /// <summary>
    /// The leaf certificate first served with a suite of this authentication (RSA, ECDSA) in a TLS
    /// 1.2-or-older raw hello; null when none was, or it cannot be decoded.
    /// </summary>
    public X509Certificate2? Leaf(AuthenticationAlgorithm authentication)
    {
        ImmutableArray<byte> der;
        lock (_lock)
        {
            if (!_certificates.TryGetValue(authentication, out var sighting))
            {
                return null;
            }

            der = sighting.Der[0];
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(der.AsSpan());
        }
        catch (CryptographicException)
        {
            // Chains() reports the undecodable certificate; here it only means no fact.
            return null;
        }
    }

    /// <summary>Keeps a chain decrypted from a TLS 1.3 flight (one per signature-algorithm attempt).</summary>
    public void ObserveTls13(Tls13FlightInfo flight)
    {
        var scheme = flight.SignatureScheme is { } s && Enum.IsDefined(s) ? RawHelloExchange.SnakeCase(s.ToString()) : $"0x{(ushort?)flight.SignatureScheme:X4}";
        var source = $"TLSv1.3 {flight.ServerHello!.Suite.DisplayName}, signed {scheme} (raw hello, decrypted)";
        lock (_lock)
        {
            _tls13Certificates.Add(new(flight.Certificates, source, TlsProtocolVersion.Tls13));
        }
    }

    /// <summary>
    /// The chains seen, one per key type and distinct chain: a chain served both in TLS 1.2 and in
    /// TLS 1.3 is one entry naming both, so it is judged (and reported) once. The full handshake's
    /// chain is added where it shows a key type nothing else did. Each is judged for trust.
    /// </summary>
    public IReadOnlyList<ServedChain> Chains(FullHandshakeExchange.Result? full, IReadOnlyCollection<X509Certificate2>? anchors, DateTimeOffset now)
    {
        List<Sighting> seen;
        lock (_lock)
        {
            seen = [.. _certificates.Values, .. _tls13Certificates];
        }

        var chains = new List<ServedChain>();
        var distinct = new List<(Sighting First, List<Sighting> All)>();
        foreach (var sighting in seen)
        {
            var same = distinct.FindIndex(d => d.First.Der.SequenceEqual(sighting.Der, (a, b) => a.AsSpan().SequenceEqual(b.AsSpan())));
            if (same < 0)
            {
                distinct.Add((sighting, [sighting]));
            }
            else
            {
                distinct[same].All.Add(sighting);
            }
        }

        foreach (var (first, all) in distinct)
        {
            var certificates = new List<X509Certificate2>();
            foreach (var blob in first.Der)
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
                chains.Add(Judge(certificates, string.Join("; ", all.Select(a => a.Source)), [.. all.Select(a => a.Version).Distinct().Order()], anchors, now));
            }
        }

        if (full is { Served.Count: > 0 } && !chains.Any(c => c.KeyType == CertificateKey.Type(full.Served[0])))
        {
            chains.Add(Judge(full.Served, $"{full.Negotiated ?? "failed"} handshake (OpenSSL)", [], anchors, now));
        }

        return [.. chains.OrderBy(c => c.KeyType, StringComparer.Ordinal).ThenBy(c => c.Versions.Count > 0 ? c.Versions[0] : TlsProtocolVersion.Tls13)];
    }

    private static ServedChain Judge(IReadOnlyList<X509Certificate2> certificates, string source, IReadOnlyList<TlsProtocolVersion> versions, IReadOnlyCollection<X509Certificate2>? anchors, DateTimeOffset now)
    {
        var (trust, detail, issuerMissing) = ChainVerifier.Verify(certificates, anchors, now);
        return new ServedChain
        {
            KeyType = CertificateKey.Type(certificates[0]),
            Source = source,
            Versions = versions,
            Certificates = certificates,
            Trust = trust,
            TrustDetail = detail,
            IssuerMissing = issuerMissing,
            TrustAnchorCount = anchors?.Count ?? -1,
        };
    }

    /// <summary>A chain as read from one answer: the DER blobs, how it was read, and in which version.</summary>
    private sealed record Sighting(ImmutableArray<ImmutableArray<byte>> Der, string Source, TlsProtocolVersion Version);
}
