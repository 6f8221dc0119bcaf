namespace MailTls.Core.Logs;

/// <summary>
/// A view over one log line split into its syslog header and message. Every span points into the
/// caller's buffer; copy out only what is kept.
/// </summary>
internal readonly ref struct LogLine
{
    /// <summary>Creates a view.</summary>
    public LogLine(
        LogPrefixFormat format,
        LogTimestamp? timestamp,
        ReadOnlySpan<char> container,
        ReadOnlySpan<char> host,
        ReadOnlySpan<char> program,
        int pid,
        ReadOnlySpan<char> message)
    {
        Format = format;
        Timestamp = timestamp;
        Container = container;
        Host = host;
        Program = program;
        Pid = pid;
        Message = message;
    }

    /// <summary>Which header shape was recognised.</summary>
    public LogPrefixFormat Format { get; }

    /// <summary>When the line was written, if the header says.</summary>
    public LogTimestamp? Timestamp { get; }

    /// <summary>The docker-compose service name before <c>|</c>, or empty.</summary>
    public ReadOnlySpan<char> Container { get; }

    /// <summary>The host that logged the line, or empty when the header has none.</summary>
    public ReadOnlySpan<char> Host { get; }

    /// <summary>The syslog tag without the pid: <c>postfix/smtpd</c>, <c>sm-mta</c>, <c>exim</c>.</summary>
    public ReadOnlySpan<char> Program { get; }

    /// <summary>The process id, or -1 when the tag has none.</summary>
    public int Pid { get; }

    /// <summary>The text after <c>prog[pid]: </c>.</summary>
    public ReadOnlySpan<char> Message { get; }
}
