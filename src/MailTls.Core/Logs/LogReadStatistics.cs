namespace MailTls.Core.Logs;

/// <summary>What a read of log lines saw, so that a report can say what it skipped.</summary>
public sealed record LogReadStatistics
{
    /// <summary>Lines offered.</summary>
    public long Lines { get; init; }

    /// <summary>Lines with a recognised syslog header.</summary>
    public long Parsed { get; init; }

    /// <summary>Lines from a mail program mailtls reads (Postfix, Sendmail, Exim, Dovecot).</summary>
    public long MailLines { get; init; }

    /// <summary>Lines skipped for exceeding <see cref="LogParseOptions.MaxLineLength"/>.</summary>
    public long SkippedTooLong { get; init; }

    /// <summary>Non-blank lines skipped for having no recognisable header (binary junk, foreign formats).</summary>
    public long SkippedUnrecognised { get; init; }
}
