using MailTls.Core.Evidence;
using MailTls.Core.Postfix;

namespace MailTls.Core.Certificates;

/// <summary>
/// One certificate/key pair a Postfix server loads (smtpd_tls_cert_file + smtpd_tls_key_file,
/// the ECDSA pair, or one group of smtpd_tls_chain_files), with what was found in it.
/// </summary>
public sealed record CertificateSlot
{
    /// <summary>The smtpd services that load this pair.</summary>
    public required IReadOnlyList<string> Services { get; init; }

    /// <summary>The parameter naming the certificate file(s).</summary>
    public required ResolvedParameter CertificateParameter { get; init; }

    /// <summary>The parameter naming the key file, when separate from the certificate.</summary>
    public ResolvedParameter? KeyParameter { get; init; }

    /// <summary>The host name senders reach the server by (myhostname for the service).</summary>
    public required string HostName { get; init; }

    /// <summary>Whether any of the services is port 25, where other MTAs deliver.</summary>
    public required bool ReceivesFromMtas { get; init; }

    /// <summary>What the files hold; null when they could not be read.</summary>
    public CertificateFileReport? Report { get; init; }

    /// <summary>Why the files could not be read.</summary>
    public ProbeFailure? ReadFailure { get; init; }
}
