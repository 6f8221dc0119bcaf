namespace MailTls.IntegrationTests.Fixtures;

/// How a test wants its private Postfix instance configured. Anything not given here gets the
/// safe defaults in <see cref="PostfixInstance"/> (loopback only, no outbound mail, smtpd TLS
/// with the test leaf, smtpd_tls_loglevel = 1).
internal sealed class PostfixOptions
{
    /// myhostname; the banner and EHLO reply name this host.
    public string HostName { get; init; } = "mx.mailtls.test";

    /// Also listen on [::1] on the same port (and set inet_protocols = all).
    public bool ListenIPv6 { get; init; } = true;

    /// main.cf parameters that replace or extend the defaults, e.g. ["smtpd_tls_protocols"] = ">=TLSv1.2".
    public IDictionary<string, string> MainCf { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// "-o name=value" overrides put on the test smtpd listeners in master.cf.
    public IDictionary<string, string> SmtpdOverrides { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// Lines appended verbatim to master.cf (extra listeners on ports the test reserved itself,
    /// extra services). Continuation lines start with whitespace, as in master.cf.
    public IList<string> MasterCfLines { get; } = [];

    /// Read the 220 banner on each listener before reporting the instance started. When false
    /// (e.g. smtpd_tls_wrappermode = yes on the listener), a TCP connect is enough.
    public bool WaitForBanner { get; init; } = true;

    /// A resolv.conf for the instance's own DNS lookups (MX, A): when set, "postfix start" runs in a
    /// private mount namespace (unshare --mount) where this file is bind-mounted over /etc/resolv.conf,
    /// so master and every daemon it starts resolve through a test DNS server and the machine's file
    /// is untouched.
    public string? ResolvConf { get; init; }

    /// Deadline for "postfix start" plus the readiness probe.
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
