using MailTls.Core.OpenSsl;

namespace MailTls.Core.Postfix;

/// <summary>
/// A Postfix configuration as collected, with the versions that give it meaning and where each
/// piece came from, so a report can say "Postfix 3.7.11 (postconf -h mail_version)".
/// </summary>
public sealed record PostfixEvidence
{
    /// <summary>The configuration directory read.</summary>
    public required string ConfigDirectory { get; init; }

    /// <summary>How the directory was chosen.</summary>
    public required string ConfigDirectoryOrigin { get; init; }

    /// <summary>main.cf, master.cf and the defaults, layered.</summary>
    public required PostfixConfiguration Configuration { get; init; }

    /// <summary>The Postfix release whose rules apply.</summary>
    public required PostfixVersion Version { get; init; }

    /// <summary>How the release was chosen.</summary>
    public required string VersionOrigin { get; init; }

    /// <summary>The OpenSSL release whose rules apply.</summary>
    public required Version OpenSsl { get; init; }

    /// <summary>
    /// The OpenSSL build whose cipher tables apply to Postfix's sessions: the release's preset, at
    /// security level 0 from Postfix 3.1 on (Postfix lowers it for every context it makes).
    /// </summary>
    public required OpenSslBuild OpenSslBuild { get; init; }

    /// <summary>How the OpenSSL release was chosen.</summary>
    public required string OpenSslOrigin { get; init; }

    /// <summary>Where the default values came from (postconf -d, or the built-in table).</summary>
    public required string DefaultsOrigin { get; init; }

    /// <summary>
    /// True when the defaults list every parameter the release knows (they came from postconf -d),
    /// so a name missing from them is unknown to Postfix; false for mailtls's TLS-only table.
    /// </summary>
    public bool DefaultsComplete { get; init; }

    /// <summary>
    /// The port other mail servers deliver to (25 unless the operator says otherwise): the smtpd
    /// services on it are judged by what senders offer.
    /// </summary>
    public int MxPort { get; init; } = 25;
}
