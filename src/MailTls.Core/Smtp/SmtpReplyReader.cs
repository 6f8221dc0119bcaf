using System.Buffers;
using System.Collections.Immutable;
using System.Text;

namespace MailTls.Core.Smtp;

/// <summary>
/// Reads SMTP replies from the bytes received so far. Stateless and resumable: on
/// <see cref="ParseStatus.NeedMoreData"/> the caller appends what it reads and calls again; the
/// line-length and line-count limits are enforced on incomplete input too, so a peer that sends an
/// endless line or an endless multi-line reply is stopped at the limit rather than buffered.
/// </summary>
public static class SmtpReplyReader
{
    private const int CodeLength = 3;
    private const byte Continuation = (byte)'-';
    private const byte FinalSeparator = (byte)' ';
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    // Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 section 4.2).
    private static ReadOnlySpan<byte> CodeDigitMin => "200"u8;

    private static ReadOnlySpan<byte> CodeDigitMax => "559"u8;

    /// <summary>
    /// Reads one reply from a pipe's buffer. At most one maximal reply (line length times line count)
    /// is copied from a multi-segment sequence, so an endless peer cannot make this allocate more.
    /// </summary>
    public static ParseStatus TryRead(in ReadOnlySequence<byte> source, ParserLimits limits, out SmtpReply? reply, out int consumed, out SmtpParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (source.IsSingleSegment)
        {
            return TryRead(source.FirstSpan, limits, out reply, out consumed, out error);
        }

        var bound = Math.Min(source.Length, ((long)limits.MaxSmtpLineLength * limits.MaxSmtpReplyLines) + 1);
        return TryRead(source.Slice(0, bound).ToArray(), limits, out reply, out consumed, out error);
    }

    /// <summary>
    /// Reads one reply.
    /// <code>
    /// Reply-line = *( Reply-code "-" [ textstring ] CRLF )
    ///              Reply-code [ SP textstring ] CRLF
    /// Reply-code = %x32-35 %x30-35 %x30-39
    /// </code>
    /// A bare LF is accepted as a line end (some servers send it); CR before LF is dropped.
    /// </summary>
    /// <param name="source">Bytes received so far.</param>
    /// <param name="limits">Limits: <see cref="ParserLimits.MaxSmtpLineLength"/> and <see cref="ParserLimits.MaxSmtpReplyLines"/>.</param>
    /// <param name="reply">The reply when done.</param>
    /// <param name="consumed">Bytes used when done; the offset of the bad line when invalid.</param>
    /// <param name="error">Why the input is invalid.</param>
    public static ParseStatus TryRead(ReadOnlySpan<byte> source, ParserLimits limits, out SmtpReply? reply, out int consumed, out SmtpParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        reply = null;
        consumed = 0;
        error = SmtpParseError.None;
        var lines = ImmutableArray.CreateBuilder<string>();
        var code = -1;
        var offset = 0;
        while (true)
        {
            var rest = source[offset..];
            var end = rest.IndexOf(LineFeed);
            var available = end < 0 ? rest : rest[..end];

            // Check what is already visible even when the line is not complete yet.
            var prefixStatus = CheckPrefix(available, code, out var lineCode, out error);
            if (prefixStatus == ParseStatus.Invalid)
            {
                consumed = offset;
                return prefixStatus;
            }

            if ((end < 0 ? rest.Length : end + 1) > limits.MaxSmtpLineLength)
            {
                consumed = offset;
                error = SmtpParseError.LineTooLong;
                return ParseStatus.Invalid;
            }

            if (end < 0)
            {
                return ParseStatus.NeedMoreData;
            }

            if (prefixStatus == ParseStatus.NeedMoreData)
            {
                // A complete line shorter than its three-digit code, such as "25" LF.
                consumed = offset;
                error = SmtpParseError.BadReplyCode;
                return ParseStatus.Invalid;
            }

            if (lines.Count == limits.MaxSmtpReplyLines)
            {
                consumed = offset;
                error = SmtpParseError.TooManyLines;
                return ParseStatus.Invalid;
            }

            var line = available.EndsWith([CarriageReturn]) ? available[..^1] : available;
            if (line.Length == CodeLength)
            {
                // "250" CRLF: a final line without text.
                lines.Add(string.Empty);
                return Done(lineCode, lines, offset + end + 1, out reply, out consumed);
            }

            lines.Add(ToPrintable(line[(CodeLength + 1)..]));
            offset += end + 1;
            code = lineCode;
            if (line[CodeLength] == FinalSeparator)
            {
                return Done(lineCode, lines, offset, out reply, out consumed);
            }
        }
    }

    private static ParseStatus CheckPrefix(ReadOnlySpan<byte> line, int expectedCode, out int code, out SmtpParseError error)
    {
        code = 0;
        error = SmtpParseError.None;
        var digits = line.Length < CodeLength ? line : line[..CodeLength];
        for (var i = 0; i < digits.Length; i++)
        {
            if (digits[i] < CodeDigitMin[i] || digits[i] > CodeDigitMax[i])
            {
                error = SmtpParseError.BadReplyCode;
                return ParseStatus.Invalid;
            }

            code = (code * 10) + (digits[i] - '0');
        }

        if (line.Length < CodeLength)
        {
            return ParseStatus.NeedMoreData;
        }

        if (expectedCode >= 0 && code != expectedCode)
        {
            error = SmtpParseError.InconsistentCode;
            return ParseStatus.Invalid;
        }

        if (line.Length > CodeLength && line[CodeLength] is not (Continuation or FinalSeparator)
            && !(line.Length == CodeLength + 1 && line[CodeLength] == CarriageReturn))
        {
            error = SmtpParseError.BadSeparator;
            return ParseStatus.Invalid;
        }

        return ParseStatus.Done;
    }

    private static ParseStatus Done(int code, ImmutableArray<string>.Builder lines, int used, out SmtpReply? reply, out int consumed)
    {
        reply = new SmtpReply(code, lines.ToImmutable());
        consumed = used;
        return ParseStatus.Done;
    }

    private static string ToPrintable(ReadOnlySpan<byte> text)
    {
        // Replace control and non-ASCII bytes so that a hostile banner cannot inject terminal escapes.
        var builder = new StringBuilder(text.Length);
        foreach (var b in text)
        {
            builder.Append(b is (>= 0x20 and < 0x7F) or (byte)'\t' ? (char)b : '?');
        }

        return builder.ToString();
    }
}
