namespace MailTls.Core.Smtp;

/// <summary>Why an SMTP reply could not be read.</summary>
public enum SmtpParseError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A line is longer than <see cref="ParserLimits.MaxSmtpLineLength"/> (or has no end within it).</summary>
    LineTooLong,

    /// <summary>A multi-line reply has more lines than <see cref="ParserLimits.MaxSmtpReplyLines"/>: an endless reply or a tarpit.</summary>
    TooManyLines,

    /// <summary>A line does not start with a three-digit reply code (RFC 5321 section 4.2): the peer is not speaking SMTP.</summary>
    BadReplyCode,

    /// <summary>The code is followed by something other than space, hyphen or the line end.</summary>
    BadSeparator,

    /// <summary>The lines of one multi-line reply carry different codes (RFC 5321 section 4.2.1 forbids it).</summary>
    InconsistentCode,
}
