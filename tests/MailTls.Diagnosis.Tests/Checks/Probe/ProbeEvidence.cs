using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Probe;
using MailTls.Core.Smtp;
using MailTls.Core.Tls;

namespace MailTls.Diagnosis.Tests.Checks.Probe;

/// Hand-built probe evidence for the probe checks.
internal static class ProbeEvidence
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TlsProbeResult Result(int port = 25, SmtpVerdict verdict = SmtpVerdict.TlsReady, string detail = "") => new()
    {
        Target = $"mx.example.com[192.0.2.1]:{port}",
        HostName = "mx.example.com",
        Domain = "example.com",
        Port = port,
        Smtp = new SmtpEvidence { Verdict = verdict, Detail = detail, Transcript = ["S: 220 mx.example.com ESMTP", "C: EHLO probe"] },
        Counts = new ProbeCounts(1, 1, 0, TimeSpan.FromSeconds(1)),
    };

    public static ProtocolSupport Accepts(TlsProtocolVersion version, SuiteOrder order, params string[] openSslNames) => new()
    {
        Version = version,
        Accepted = true,
        Order = order,
        Suites = [.. openSslNames.Select(n => CipherSuiteRegistry.TryGetByName(n, out var s) ? new AcceptedSuite(s) : throw new ArgumentException(n))],
    };

    public static ProtocolSupport Refuses(TlsProtocolVersion version) => new() { Version = version, Accepted = false, Detail = "refused: fatal protocol_version(70)" };

    public static SenderOutcome Sender(string id, HelloOutcomeKind outcome, params TlsProtocolVersion[] offered) =>
        new(id, id + " name", outcome, outcome == HelloOutcomeKind.ServerHello ? offered.Max() : null,
            outcome == HelloOutcomeKind.ServerHello ? CipherSuiteRegistry.Get(0xC02F) : null,
            outcome == HelloOutcomeKind.Alert ? "fatal handshake_failure(40)" : string.Empty, offered);

    public static SmtpCapabilities Capabilities(params string[] keywords) => new()
    {
        Domain = "mx.example.com",
        Keywords = keywords.ToDictionary(k => k, _ => System.Collections.Immutable.ImmutableArray<string>.Empty).ToImmutableDictionaryOrdinal(),
    };

    private static System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<string>> ToImmutableDictionaryOrdinal(
        this Dictionary<string, System.Collections.Immutable.ImmutableArray<string>> values) =>
        System.Collections.Immutable.ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, values);

    /// A root, an intermediate it signs, and a leaf the intermediate signs, valid as given.
    public static (X509Certificate2 Root, X509Certificate2 Intermediate, X509Certificate2 Leaf) Chain(
        string leafName, DateTimeOffset? leafNotAfter = null)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var root = rootRequest.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));
        var intermediateRequest = new CertificateRequest("CN=Test Intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var intermediate = intermediateRequest.Create(root, Now.AddYears(-1), Now.AddYears(4), [1, 2]);
        var leafRequest = new CertificateRequest($"CN={leafName}", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(leafName);
        leafRequest.CertificateExtensions.Add(san.Build());
        var leaf = leafRequest.Create(intermediate.SubjectName, X509SignatureGenerator.CreateForECDsa(intermediateKey), Now.AddDays(-10), leafNotAfter ?? Now.AddDays(300), [3, 4]);
        return (root, intermediate, leaf);
    }

    public static ServedChain Served(params X509Certificate2[] certificates) => new()
    {
        KeyType = "ECDSA",
        Source = "TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256 (raw hello)",
        Certificates = certificates,
        Trust = ChainTrust.Trusted,
    };
}
