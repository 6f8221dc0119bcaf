using System.Collections.Immutable;

namespace MailTls.Core.Smtp;

/// <summary>One SMTP reply, single- or multi-line (RFC 5321 section 4.2).</summary>
/// <param name="Code">The three-digit reply code.</param>
/// <param name="Lines">The text of each line after the code and separator, with unprintable characters replaced by '?'.</param>
public sealed record SmtpReply(int Code, ImmutableArray<string> Lines)
{
    /// <summary>True for 2yz replies.</summary>
    public bool IsPositive => Code is >= 200 and < 300;

    /// <summary>True for 4yz replies (try again later).</summary>
    public bool IsTransientFailure => Code is >= 400 and < 500;

    /// <summary>True for 5yz replies.</summary>
    public bool IsPermanentFailure => Code is >= 500 and < 600;

    /// <summary>The lines joined with a space, for messages.</summary>
    public string Text => string.Join(' ', Lines);
}
