using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Certificates;
using MailTls.Core.Evidence;

namespace MailTls.Collectors.Certificates;

/// <summary>Loads trusted CA certificates from a PEM bundle or a CApath-style directory.</summary>
public static class TrustStore
{
    /// <summary>The largest file read as a certificate bundle.</summary>
    public const long MaxBundleBytes = 16 << 20;

    /// <summary>The most certificates read from one bundle; Debian's system bundle holds about 150.</summary>
    public const int MaxBundleCertificates = 16384;

    /// <summary>The most files read from a CA directory.</summary>
    public const int MaxDirectoryFiles = 4096;

    /// <summary>Reads every certificate of a PEM bundle; damaged entries are skipped.</summary>
    /// <param name="path">The bundle.</param>
    /// <param name="failures">Where a missing or unreadable bundle is recorded.</param>
    /// <returns>The certificates.</returns>
    public static List<X509Certificate2> LoadBundle(string path, List<ProbeFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var roots = new List<X509Certificate2>();
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                failures.Add(new ProbeFailure(path, FailureReason.NotFound, "no such file"));
                return roots;
            }

            if (info.Length > MaxBundleBytes)
            {
                failures.Add(new ProbeFailure(path, FailureReason.InvalidData, $"{info.Length} bytes is too large for a CA bundle"));
                return roots;
            }

            AddCertificates(File.ReadAllText(path), path, roots);
        }
        catch (UnauthorizedAccessException e)
        {
            failures.Add(new ProbeFailure(path, FailureReason.PermissionDenied, e.Message));
        }
        catch (IOException e)
        {
            failures.Add(new ProbeFailure(path, FailureReason.InvalidData, e.Message));
        }

        return roots;
    }

    /// <summary>Reads the certificates of every file in a CApath directory (OpenSSL reads its hash links; reading all files finds the same certificates).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="failures">Where an unreadable directory is recorded.</param>
    /// <returns>The certificates, without duplicates.</returns>
    public static List<X509Certificate2> LoadDirectory(string directory, List<ProbeFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var roots = new List<X509Certificate2>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory).Take(MaxDirectoryFiles))
            {
                roots.AddRange(LoadBundle(file, []).Where(c => seen.Add(c.Thumbprint)));
                if (roots.Count >= MaxBundleCertificates)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures.Add(new ProbeFailure(directory, e is UnauthorizedAccessException ? FailureReason.PermissionDenied : FailureReason.NotFound, e.Message));
        }

        return roots;
    }

    private static void AddCertificates(string text, string path, List<X509Certificate2> roots)
    {
        foreach (var block in PemFile.Parse(text, path, MaxBundleCertificates).Blocks.Where(b => b.Label is "CERTIFICATE" or "TRUSTED CERTIFICATE"))
        {
            try
            {
                roots.Add(X509CertificateLoader.LoadCertificate(block.Der.Span));
            }
            catch (CryptographicException)
            {
                // One damaged entry in a bundle should not hide the others.
            }
        }
    }
}
