using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailTls.IntegrationTests.Fixtures;

/// A throwaway PKI made at fixture start: root CA -> intermediate CA -> leaves, plus self-signed
/// leaves. Every certificate is also written as PEM under <see cref="DirectoryPath"/>, which is
/// removed on Dispose. Thread-safe: tests in parallel may issue leaves from one instance.
internal sealed class TestCa : IDisposable
{
    private static readonly TimeSpan CaLifetimeEachSide = TimeSpan.FromDays(3650);

    private readonly TempDirectory _directory;
    private readonly Lock _gate = new();
    private readonly List<TestLeaf> _leaves = [];
    private int _fileCounter;

    private TestCa(TempDirectory directory, X509Certificate2 root, X509Certificate2 intermediate)
    {
        _directory = directory;
        Root = root;
        Intermediate = intermediate;
        RootPemPath = directory.Combine("root-ca.pem");
        IntermediatePemPath = directory.Combine("intermediate-ca.pem");
        File.WriteAllText(RootPemPath, root.ExportCertificatePem() + "\n");
        File.WriteAllText(IntermediatePemPath, intermediate.ExportCertificatePem() + "\n");
    }

    public string DirectoryPath => _directory.Path;

    /// The root CA (with private key): the only trust anchor tests should use.
    public X509Certificate2 Root { get; }

    /// The intermediate CA (with private key) that issues the leaves.
    public X509Certificate2 Intermediate { get; }

    public string RootPemPath { get; }

    public string IntermediatePemPath { get; }

    public static TestCa Create(string name = "MailTls Test", KeyAlgorithm caKey = KeyAlgorithm.EcdsaP256)
    {
        var directory = TempDirectory.Create("ca");
        var now = DateTimeOffset.UtcNow;
        var notBefore = now - CaLifetimeEachSide;
        var notAfter = now + CaLifetimeEachSide;

        using var rootKey = CreateKey(caKey);
        var rootRequest = CreateRequest(new X500DistinguishedName($"CN={name} Root CA, O=mailtls tests"), rootKey);
        AddCaExtensions(rootRequest, pathLength: 1);
        rootRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(
            rootRequest.CertificateExtensions.OfType<X509SubjectKeyIdentifierExtension>().Single()));
        var root = rootRequest.CreateSelfSigned(notBefore, notAfter);

        using var intermediateKey = CreateKey(caKey);
        var intermediateRequest = CreateRequest(new X500DistinguishedName($"CN={name} Intermediate CA, O=mailtls tests"), intermediateKey);
        AddCaExtensions(intermediateRequest, pathLength: 0);
        intermediateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var intermediatePublic = SignWith(root, intermediateRequest, notBefore.AddMinutes(1), notAfter.AddMinutes(-1));
        var intermediate = CopyWithKey(intermediatePublic, intermediateKey);

        return new TestCa(directory, root, intermediate);
    }

    /// Issues a leaf from the intermediate CA and writes its PEM files.
    public TestLeaf IssueLeaf(LeafSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var key = CreateKey(spec.Key);
        var request = CreateLeafRequest(spec, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var (notBefore, notAfter) = Validity(spec);
        using var issued = SignWith(Intermediate, request, notBefore, notAfter);
        var leaf = CopyWithKey(issued, key);
        return Save(spec, leaf, key, [X509CertificateLoader.LoadCertificate(Intermediate.RawData)], RootPemPath);
    }

    /// Makes a self-signed leaf (no CA involved); its own certificate is its trust anchor.
    public TestLeaf CreateSelfSigned(LeafSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var key = CreateKey(spec.Key);
        var request = CreateLeafRequest(spec, key);
        var (notBefore, notAfter) = Validity(spec);
        var leaf = request.CreateSelfSigned(notBefore, notAfter);
        return Save(spec, leaf, key, [], rootPemPath: null);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var leaf in _leaves)
            {
                leaf.Dispose();
            }

            _leaves.Clear();
        }

        Root.Dispose();
        Intermediate.Dispose();
        _directory.Dispose();
    }

    private TestLeaf Save(LeafSpec spec, X509Certificate2 leaf, AsymmetricAlgorithm key, IReadOnlyList<X509Certificate2> intermediates, string? rootPemPath)
    {
        var stem = $"{Interlocked.Increment(ref _fileCounter):D3}-{Sanitize(spec.CommonName)}";
        var leafPem = leaf.ExportCertificatePem() + "\n";
        var intermediatesPem = string.Concat(intermediates.Select(c => c.ExportCertificatePem() + "\n"));
        var paths = new
        {
            Cert = _directory.Combine(stem + ".cert.pem"),
            Key = _directory.Combine(stem + ".key.pem"),
            Intermediates = _directory.Combine(stem + ".intermediates.pem"),
            Chain = _directory.Combine(stem + ".chain.pem"),
            FullChain = _directory.Combine(stem + ".fullchain.pem"),
        };
        File.WriteAllText(paths.Cert, leafPem);
        File.WriteAllText(paths.Key, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(paths.Key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(paths.Intermediates, intermediatesPem);
        File.WriteAllText(paths.Chain, leafPem + intermediatesPem);
        var root = rootPemPath ?? paths.Cert;
        File.WriteAllText(paths.FullChain, leafPem + intermediatesPem + (rootPemPath is null ? string.Empty : File.ReadAllText(rootPemPath)));

        var result = new TestLeaf(leaf, intermediates, paths.Cert, paths.Key, paths.Intermediates, paths.Chain, paths.FullChain, root);
        lock (_gate)
        {
            _leaves.Add(result);
        }

        return result;
    }

    /// Signs <paramref name="request"/> with the issuer's key, whatever the two key types are
    /// (CertificateRequest.Create(X509Certificate2, ...) refuses an RSA leaf under an ECDSA CA).
    private static X509Certificate2 SignWith(X509Certificate2 issuer, CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        if (notBefore < issuer.NotBefore || notAfter > issuer.NotAfter)
        {
            throw new ArgumentOutOfRangeException(
                nameof(notBefore),
                $"Validity {notBefore:u} .. {notAfter:u} must lie inside the issuer's {issuer.NotBefore:u} .. {issuer.NotAfter:u}.");
        }

        using var rsa = issuer.GetRSAPrivateKey();
        using var ecdsa = rsa is null ? issuer.GetECDsaPrivateKey() : null;
        var generator = rsa is not null
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : ecdsa is not null
                ? X509SignatureGenerator.CreateForECDsa(ecdsa)
                : throw new ArgumentException("Issuer has no usable private key.", nameof(issuer));
        return request.Create(issuer.SubjectName, generator, notBefore, notAfter, NewSerial());
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(LeafSpec spec)
    {
        var now = DateTimeOffset.UtcNow;
        return (spec.NotBefore ?? now.AddDays(-1), spec.NotAfter ?? now.AddDays(30));
    }

    private static CertificateRequest CreateLeafRequest(LeafSpec spec, AsymmetricAlgorithm key)
    {
        var request = CreateRequest(new X500DistinguishedName($"CN={spec.CommonName}"), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        var usage = key is RSA
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "serverAuth"), new Oid("1.3.6.1.5.5.7.3.2", "clientAuth")],
            critical: false));
        if (spec.DnsNames.Count > 0 || spec.IpAddresses.Count > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var dns in spec.DnsNames)
            {
                names.AddDnsName(dns);
            }

            foreach (var ip in spec.IpAddresses)
            {
                names.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }

    private static void AddCaExtensions(CertificateRequest request, int pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: pathLength, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }

    private static CertificateRequest CreateRequest(X500DistinguishedName subject, AsymmetricAlgorithm key)
    {
        return key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.GetType().Name, "Unsupported key type."),
        };
    }

    private static AsymmetricAlgorithm CreateKey(KeyAlgorithm algorithm)
    {
        return algorithm switch
        {
            KeyAlgorithm.Rsa2048 => RSA.Create(2048),
            KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported key algorithm."),
        };
    }

    private static X509Certificate2 CopyWithKey(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        return key switch
        {
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.GetType().Name, "Unsupported key type."),
        };
    }

    /// A positive 128-bit serial number (RFC 5280 section 4.1.2.2: at most 20 octets, positive).
    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
