using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Evidence;

namespace MailTls.Collectors.Dns;

/// <summary>
/// Reads the certificate files a DANE check is asked about (<c>mailtls dane --cert FILE [--chain FILE]</c>):
/// PEM with one or more certificates (a Postfix <c>smtpd_tls_chain_files</c> or certbot
/// <c>fullchain.pem</c>), or a single DER certificate. The first certificate of <c>--cert</c> is the
/// leaf; the rest of it and then <c>--chain</c> follow in file order, as the server would send them.
/// </summary>
public static class DaneChainFiles
{
    /// <summary>The most certificates read from one file; real chains have two to four.</summary>
    public const int MaxCertificates = 16;

    /// <summary>Reads the leaf file and the optional chain file.</summary>
    /// <param name="certificatePath">The server certificate, possibly followed by its chain.</param>
    /// <param name="chainPath">Further chain certificates, or null.</param>
    /// <param name="chain">The certificates, leaf first, when both files were read.</param>
    /// <param name="failure">Why a file could not be used, when one could not.</param>
    /// <returns>Whether a chain was read.</returns>
    public static bool TryRead(string certificatePath, string? chainPath, out IReadOnlyList<X509Certificate2> chain, out ProbeFailure? failure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        var all = new List<X509Certificate2>();
        chain = all;
        foreach (var path in chainPath is null ? [certificatePath] : new[] { certificatePath, chainPath })
        {
            if (!TryReadOne(path, all, out failure))
            {
                foreach (var certificate in all)
                {
                    certificate.Dispose();
                }

                all.Clear();
                return false;
            }
        }

        failure = null;
        return true;
    }

    private static bool TryReadOne(string path, List<X509Certificate2> into, out ProbeFailure? failure)
    {
        try
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPem(text);
                if (collection.Count == 0)
                {
                    failure = new ProbeFailure(path, FailureReason.InvalidData, "has a BEGIN CERTIFICATE line but no readable PEM certificate (each -----END----- line must end with a newline)");
                    return false;
                }

                if (collection.Count > MaxCertificates)
                {
                    failure = new ProbeFailure(path, FailureReason.InvalidData, $"has {collection.Count} certificates; at most {MaxCertificates} are read");
                    return false;
                }

                into.AddRange(collection);
            }
            else
            {
                into.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }

            failure = null;
            return true;
        }
        catch (FileNotFoundException e)
        {
            failure = new ProbeFailure(path, FailureReason.NotFound, e.Message);
        }
        catch (DirectoryNotFoundException e)
        {
            failure = new ProbeFailure(path, FailureReason.NotFound, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            failure = new ProbeFailure(path, FailureReason.PermissionDenied, e.Message);
        }
        catch (IOException e)
        {
            failure = new ProbeFailure(path, FailureReason.InvalidData, e.Message);
        }
        catch (CryptographicException e)
        {
            failure = new ProbeFailure(path, FailureReason.InvalidData, $"is not a PEM or DER certificate: {e.Message}");
        }

        return false;
    }
}
