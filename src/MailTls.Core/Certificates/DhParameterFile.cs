using MailTls.Core.Postfix;

namespace MailTls.Core.Certificates;

/// <summary>The DH parameter file smtpd services load (smtpd_tls_dh1024_param_file), with what it holds.</summary>
public sealed record DhParameterFile
{
    /// <summary>The parameter naming the file.</summary>
    public required ResolvedParameter Parameter { get; init; }

    /// <summary>The smtpd services that load it.</summary>
    public required IReadOnlyList<string> Services { get; init; }

    /// <summary>Whether any of the services is port 25, where other MTAs deliver.</summary>
    public required bool ReceivesFromMtas { get; init; }

    /// <summary>The group, when the file could be read.</summary>
    public DhParameters? Parameters { get; init; }

    /// <summary>Why the file could not be read or parsed.</summary>
    public string? Problem { get; init; }
}
