namespace MailTls.Core;

/// <summary>
/// Outcome of one call to a resumable parser. Parsers never throw on peer or file data:
/// they report <see cref="NeedMoreData"/> when the input ends early, so the I/O layer can read
/// more and call again, and <see cref="Invalid"/> when no further data could make the input valid.
/// </summary>
public enum ParseStatus
{
    /// <summary>A complete value was read; the consumed byte count is valid.</summary>
    Done,

    /// <summary>The input is a valid prefix so far; call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>The input is malformed or over a limit; the error offset and reason say where and why.</summary>
    Invalid,
}
