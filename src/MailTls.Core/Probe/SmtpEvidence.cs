using MailTls.Core.Smtp;

namespace MailTls.Core.Probe;

/// <summary>What the SMTP conversation before TLS showed on one connection.</summary>
public sealed record SmtpEvidence
{
    /// <summary>How far it got.</summary>
    public required SmtpVerdict Verdict { get; init; }

    /// <summary>Why it stopped there, in words a postmaster can act on; empty when TLS is ready.</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>The greeting, when one was read (null for implicit TLS).</summary>
    public SmtpReply? Banner { get; init; }

    /// <summary>Time from the TCP connection to the end of the greeting (greeting delays, postscreen's pregreet wait).</summary>
    public TimeSpan? GreetingDelay { get; init; }

    /// <summary>The EHLO capabilities, when EHLO was answered 250.</summary>
    public SmtpCapabilities? Capabilities { get; init; }

    /// <summary>The exchange, one line per command (C:) or reply line (S:), non-printable bytes replaced.</summary>
    public IReadOnlyList<string> Transcript { get; init; } = [];
}
