namespace MailTls.Core.Logs;

/// <summary>Why a line has no usable syslog header.</summary>
public enum LogLineError
{
    /// <summary>The line was understood.</summary>
    None,

    /// <summary>Blank line.</summary>
    Empty,

    /// <summary>Longer than <see cref="LogParseOptions.MaxLineLength"/>.</summary>
    TooLong,

    /// <summary>No <c>program[pid]:</c> tag where one was expected.</summary>
    NoTag,

    /// <summary>The RFC 5424 header is incomplete or malformed.</summary>
    BadRfc5424Header,
}
