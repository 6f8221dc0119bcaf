using System.Runtime.CompilerServices;

namespace MailTls.Core.Logs;

/// <summary>Tells which MTA (and which Postfix service) wrote a line, from its syslog tag.</summary>
internal static class MtaProgram
{
    /// <summary>
    /// Identifies the program family. Postfix tags are <c>SYSLOG_NAME/SERVICE</c>, where the name is
    /// <c>postfix</c> unless <c>syslog_name</c> is set per service (<c>postfix-out/smtp</c>), so the
    /// service after the last slash decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MailTransferAgent? Identify(ReadOnlySpan<char> program, out ReadOnlySpan<char> service)
    {
        var slash = program.LastIndexOf('/');
        service = slash >= 0 ? program[(slash + 1)..] : program;
        if (slash > 0 && IsPostfixService(service))
        {
            return MailTransferAgent.Postfix;
        }

        if (program.SequenceEqual("sm-mta") || program.SequenceEqual("sendmail") || program.SequenceEqual("sm-msp-queue"))
        {
            return MailTransferAgent.Sendmail;
        }

        if (program.StartsWith("exim", StringComparison.Ordinal))
        {
            return MailTransferAgent.Exim;
        }

        if (program.StartsWith("dovecot", StringComparison.Ordinal) || program.EndsWith("-login", StringComparison.Ordinal))
        {
            return MailTransferAgent.Dovecot;
        }

        return null;
    }

    /// <summary>The Postfix services that log TLS sessions or TLS set-up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsPostfixService(ReadOnlySpan<char> service) =>
        service is "smtpd" or "smtp" or "lmtp" or "postscreen" or "tlsproxy" or "tlsmgr";

    /// <summary>The direction a Postfix service implies when a line does not say.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TlsDirection? PostfixDirection(ReadOnlySpan<char> service) => service switch
    {
        "smtpd" or "postscreen" => TlsDirection.Inbound,
        "smtp" or "lmtp" => TlsDirection.Outbound,
        _ => null,
    };
}
