namespace MailTls.Core.Postfix;

/// <summary>The TLS an smtpd service offers, worked out from its configuration layers.</summary>
public sealed record InboundTlsSettings
{
    /// <summary>The master.cf service, or null when only main.cf was read (the default port 25 service).</summary>
    public MasterService? Service { get; init; }

    /// <summary>The service name to show: <c>smtp</c>, <c>submission</c>, <c>127.0.0.1:2525</c>.</summary>
    public required string ServiceName { get; init; }

    /// <summary>Whether this service is where other MTAs deliver (port 25).</summary>
    public required bool ReceivesFromMtas { get; init; }

    /// <summary>The effective level.</summary>
    public required SmtpdTlsLevel Level { get; init; }

    /// <summary>The parameter that decided the level (smtpd_tls_security_level, or the obsolete smtpd_use_tls/smtpd_enforce_tls).</summary>
    public required ResolvedParameter LevelParameter { get; init; }

    /// <summary>Whether TLS is on from the first byte (smtps, port 465).</summary>
    public required bool WrapperMode { get; init; }

    /// <summary>Whether the mandatory settings apply: level encrypt or wrapper mode.</summary>
    public bool Enforced => Level == SmtpdTlsLevel.Encrypt || WrapperMode;

    /// <summary>Whether TLS is offered at all.</summary>
    public bool TlsOffered => WrapperMode || Level is SmtpdTlsLevel.May or SmtpdTlsLevel.Encrypt;

    /// <summary>The protocol list in force: the mandatory one when enforced, else the opportunistic one.</summary>
    public required ResolvedParameter ProtocolsParameter { get; init; }

    /// <summary>What that list means for this Postfix and OpenSSL.</summary>
    public required ProtocolListResult Protocols { get; init; }

    /// <summary>The cipher string smtpd gives OpenSSL for TLS 1.2 and earlier.</summary>
    public required CipherListResult Ciphers { get; init; }
}
