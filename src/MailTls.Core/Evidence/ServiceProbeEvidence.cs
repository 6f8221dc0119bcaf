namespace MailTls.Core.Evidence;

/// <summary>
/// What a probe of one of this server's own SMTP services over loopback saw: the session it
/// negotiated, and which protocol versions it accepted or refused where those were tried.
/// </summary>
public sealed record ServiceProbeEvidence
{
    /// <summary>The master.cf service (<c>smtp</c>, <c>submission</c>, ...) or "--port" for one given on the command line.</summary>
    public required string Service { get; init; }

    /// <summary>The address connected to.</summary>
    public required string Address { get; init; }

    /// <summary>The TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>TLS on connect instead of STARTTLS.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>The protocol a default client negotiated, e.g. <c>TLSv1.3</c>; null when no handshake completed.</summary>
    public string? Protocol { get; init; }

    /// <summary>The cipher suite negotiated, in IANA form.</summary>
    public string? Cipher { get; init; }

    /// <summary>The subject of the certificate the service presented.</summary>
    public string? Certificate { get; init; }

    /// <summary>Protocol versions the service accepted when offered alone (e.g. <c>TLSv1.2</c>); empty when not tried.</summary>
    public IReadOnlyList<string> AcceptedVersions { get; init; } = [];

    /// <summary>Protocol versions the service refused when offered alone; empty when not tried.</summary>
    public IReadOnlyList<string> RefusedVersions { get; init; } = [];

    /// <summary>Why the probe did not complete, when it did not.</summary>
    public string? Failure { get; init; }

    /// <summary>The service as <c>address:port</c>.</summary>
    public string Target => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
