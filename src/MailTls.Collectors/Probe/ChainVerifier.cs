using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Probe;

namespace MailTls.Collectors.Probe;

/// <summary>
/// Judges a served chain the way a verifying sender does: only the certificates the server sent
/// plus the trust anchors, no downloads of missing intermediates (AIA) and no revocation checks,
/// because an MTA does neither and mailtls must not reach beyond the server it probes.
/// </summary>
public static class ChainVerifier
{
    /// <summary>Builds and judges the chain.</summary>
    /// <param name="served">The certificates the server sent, leaf first.</param>
    /// <param name="anchors">Trust anchors; null uses the system trust store.</param>
    /// <param name="now">The verification time.</param>
    /// <returns>The verdict, the verifier's complaints, and whether an issuer is missing from what was sent.</returns>
    public static (ChainTrust Trust, IReadOnlyList<string> Detail, bool IssuerMissing) Verify(IReadOnlyList<X509Certificate2> served, IReadOnlyCollection<X509Certificate2>? anchors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(served);
        if (served.Count == 0)
        {
            return (ChainTrust.Unknown, ["no certificate was served"], false);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        foreach (var extra in served.Skip(1))
        {
            chain.ChainPolicy.ExtraStore.Add(extra);
        }

        if (anchors is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            foreach (var anchor in anchors)
            {
                chain.ChainPolicy.CustomTrustStore.Add(anchor);
            }
        }

        var ok = chain.Build(served[0]);
        if (ok)
        {
            return (ChainTrust.Trusted, [$"chain of {chain.ChainElements.Count} to {chain.ChainElements[^1].Certificate.Subject}"], false);
        }

        var problems = chain.ChainStatus
            .Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => $"{s.Status}: {s.StatusInformation.Trim()}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        // PartialChain: the last certificate's issuer is neither sent nor a trust anchor.
        var last = chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate : served[^1];
        var issuerMissing = chain.ChainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.PartialChain))
            && !last.SubjectName.RawData.AsSpan().SequenceEqual(last.IssuerName.RawData);
        return (ChainTrust.Untrusted, problems.Count == 0 ? ["no chain to a trusted root"] : problems, issuerMissing);
    }
}
