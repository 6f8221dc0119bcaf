using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Smtp;

namespace MailTls.Collectors.Smtp;

/// <summary>What one SMTP session up to and through the TLS handshake showed.</summary>
public sealed record TlsSessionEvidence
{
    /// <summary>The server as <c>host[address]:port</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The SMTP exchange, one line per command or reply line (C: / S:).</summary>
    public required IReadOnlyList<string> Transcript { get; init; }

    /// <summary>The EHLO capabilities before STARTTLS; null for implicit TLS or when EHLO failed.</summary>
    public SmtpCapabilities? Capabilities { get; init; }

    /// <summary>The negotiated protocol.</summary>
    public SslProtocols Protocol { get; init; }

    /// <summary>The negotiated suite.</summary>
    public TlsCipherSuite CipherSuite { get; init; }

    /// <summary>The certificates the server sent, leaf first (not the chain a verifier built).</summary>
    public IReadOnlyList<X509Certificate2> ServedChain { get; init; } = [];
}
