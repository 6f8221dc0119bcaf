using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Evidence;
using MailTls.Core.Postfix;

namespace MailTls.Core.Certificates;

/// <summary>
/// Reads a server's certificate and key PEM blocks the way OpenSSL's
/// SSL_CTX_use_certificate_chain_file() does (the first certificate is the server's, the rest are
/// sent as its chain) and checks what senders will object to: order, completeness, an included
/// root, and whether the key belongs to the certificate. Key bytes are used for the comparison
/// only and never appear in the report.
/// </summary>
public static class CertificateFileAnalyzer
{
    /// <summary>Analyzes certificates and an optional key.</summary>
    /// <param name="blocks">The PEM blocks of the certificate file(s), in order; key blocks may be among them (smtpd_tls_chain_files).</param>
    /// <param name="keyBlocks">The PEM blocks of a separate key file, if any.</param>
    /// <param name="trustedRoots">Roots a sender trusts (the system store), to tell an incomplete chain from a complete one.</param>
    /// <param name="autoChain">
    /// Certificates OpenSSL may append on its own (smtpd_tls_CAfile): without SSL_MODE_NO_AUTO_CHAIN,
    /// a server whose file lacks issuers completes its chain from its verify store, root included.
    /// </param>
    /// <returns>The report.</returns>
    public static CertificateFileReport Analyze(
        IReadOnlyList<PemBlock> blocks,
        IReadOnlyList<PemBlock> keyBlocks,
        IReadOnlyCollection<X509Certificate2> trustedRoots,
        IReadOnlyList<PemBlock>? autoChain = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(keyBlocks);
        ArgumentNullException.ThrowIfNull(trustedRoots);
        var problems = new List<ConfigProblem>();
        var chain = new List<ChainCertificate>();
        PemBlock? key = null;
        foreach (var block in blocks.Concat(keyBlocks))
        {
            if (block.IsPrivateKey)
            {
                key ??= block;
                continue;
            }

            if (block.Label is not ("CERTIFICATE" or "TRUSTED CERTIFICATE"))
            {
                problems.Add(new ConfigProblem(block.Location, $"a {block.Label} block where a certificate or key is expected"));
                continue;
            }

            try
            {
                chain.Add(new ChainCertificate(X509CertificateLoader.LoadCertificate(block.Der.Span), block.Location));
            }
            catch (CryptographicException e)
            {
                problems.Add(new ConfigProblem(block.Location, $"the certificate cannot be decoded: {e.Message}"));
            }
        }

        if (chain.Count == 0 && blocks.Count > 0)
        {
            problems.Add(new ConfigProblem(blocks[0].Location, "no certificate in the file"));
        }

        if (chain.Count == 1 && autoChain is not null)
        {
            Complete(chain, autoChain);
        }

        var (keyMatches, keyProblem) = chain.Count > 0 && key is not null ? CompareKey(chain[0].Certificate, key) : (null, null);
        if (keyProblem is not null)
        {
            problems.Add(new ConfigProblem(key!.Location, keyProblem));
        }

        var root = chain.Count > 1 && chain[^1].IsSelfIssued ? chain[^1] : null;
        return new CertificateFileReport
        {
            Chain = chain,
            Problems = problems,
            OrderProblem = OrderProblem(chain),
            IncludedRoot = root,
            MissingIssuer = chain.Count == 0 || root is not null || chain[^1].IsSelfIssued ? null : MissingIssuer(chain[^1], trustedRoots),
            KeyMatches = keyMatches,
            KeyLocation = key?.Location,
        };
    }

    /// <summary>
    /// Whether a verifier holding <paramref name="trustedRoots"/> can link the file's chain to a
    /// root by names: in order, and ending at a trusted root or a certificate a trusted root issued.
    /// Signatures are not checked here; a live handshake's verifier does that.
    /// </summary>
    /// <param name="report">The analyzed file.</param>
    /// <param name="trustedRoots">The verifier's roots.</param>
    /// <returns>True when the chain links to a trusted root.</returns>
    public static bool LinksToTrustedRoot(CertificateFileReport report, IReadOnlyCollection<X509Certificate2> trustedRoots)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(trustedRoots);
        if (report.Chain.Count == 0 || report.OrderProblem is not null)
        {
            return false;
        }

        var last = report.Chain[^1];
        return last.IsSelfIssued
            ? trustedRoots.Any(r => r.RawDataMemory.Span.SequenceEqual(last.Certificate.RawDataMemory.Span))
            : MissingIssuer(last, trustedRoots) is null;
    }

    /// <summary>Appends issuers from the verify store until a self-issued root or a gap, as OpenSSL's auto-chain does.</summary>
    private static void Complete(List<ChainCertificate> chain, IReadOnlyList<PemBlock> store)
    {
        var candidates = new List<ChainCertificate>();
        foreach (var block in store.Where(b => b.Label == "CERTIFICATE"))
        {
            try
            {
                candidates.Add(new ChainCertificate(X509CertificateLoader.LoadCertificate(block.Der.Span), block.Location));
            }
            catch (CryptographicException)
            {
                // A damaged CA file entry cannot complete anything.
            }
        }

        while (!chain[^1].IsSelfIssued && candidates.FirstOrDefault(c => chain[^1].IsIssuedBy(c) && !chain.Contains(c)) is { } issuer)
        {
            chain.Add(issuer);
        }
    }

    private static string? OrderProblem(List<ChainCertificate> chain)
    {
        if (chain.Count == 0)
        {
            return null;
        }

        if (chain[0].Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority) && chain.Count > 1)
        {
            return $"the first certificate ({chain[0].Location}) is a CA certificate, but OpenSSL serves the first certificate as the server's own";
        }

        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (!chain[i].IsIssuedBy(chain[i + 1]))
            {
                return $"the certificate at {chain[i + 1].Location} (\"{chain[i + 1].Certificate.Subject}\") does not issue the one before it (issuer \"{chain[i].Certificate.Issuer}\"); each certificate must be followed by its issuer";
            }
        }

        return null;
    }

    private static string? MissingIssuer(ChainCertificate last, IReadOnlyCollection<X509Certificate2> trustedRoots) =>
        trustedRoots.Any(r => last.Certificate.IssuerName.RawData.AsSpan().SequenceEqual(r.SubjectName.RawData))
            ? null
            : last.Certificate.Issuer;

    private static (bool?, string?) CompareKey(X509Certificate2 leaf, PemBlock key)
    {
        if (key.Label == "ENCRYPTED PRIVATE KEY")
        {
            return (null, "the private key is passphrase-protected; Postfix cannot load it (it has no way to ask for a passphrase)");
        }

        byte[] keyInfo;
        try
        {
            keyInfo = key.Label switch
            {
                "RSA PRIVATE KEY" => ExportRsa(k => k.ImportRSAPrivateKey(key.Der.Span, out _)),
                "EC PRIVATE KEY" => ExportEc(k => k.ImportECPrivateKey(key.Der.Span, out _)),
                _ => TryPkcs8(key.Der.Span),
            };
        }
        catch (CryptographicException)
        {
            return (null, $"the {key.Label} cannot be read as an RSA or ECDSA key");
        }

        return (keyInfo.AsSpan().SequenceEqual(leaf.PublicKey.ExportSubjectPublicKeyInfo()), null);
    }

    private static byte[] TryPkcs8(ReadOnlySpan<byte> der)
    {
        var copy = der.ToArray();
        try
        {
            return ExportRsa(k => k.ImportPkcs8PrivateKey(copy, out _));
        }
        catch (CryptographicException)
        {
            return ExportEc(k => k.ImportPkcs8PrivateKey(copy, out _));
        }
    }

    private static byte[] ExportRsa(Action<RSA> import)
    {
        using var rsa = RSA.Create();
        import(rsa);
        return rsa.ExportSubjectPublicKeyInfo();
    }

    private static byte[] ExportEc(Action<ECDsa> import)
    {
        using var ec = ECDsa.Create();
        import(ec);
        return ec.ExportSubjectPublicKeyInfo();
    }
}
