namespace MailTls.Core.Tls;

/// <summary>Parses a NewSessionTicket message of TLS 1.2 (RFC 5077 section 3.3) or TLS 1.3 (RFC 8446 section 4.6.1). Never throws on peer data.</summary>
public static class SessionTicketReader
{
    /// <summary>
    /// Reads a NewSessionTicket body.
    /// <code>
    /// struct {                                  struct {
    ///     uint32 ticket_lifetime_hint;              uint32 ticket_lifetime;
    ///     opaque ticket&lt;0..2^16-1&gt;;                uint32 ticket_age_add;
    /// } NewSessionTicket;  /* TLS 1.2 */            opaque ticket_nonce&lt;0..255&gt;;
    ///                                               opaque ticket&lt;1..2^16-1&gt;;
    ///                                               Extension extensions&lt;0..2^16-2&gt;;
    ///                                           } NewSessionTicket;  /* TLS 1.3 */
    /// </code>
    /// A TLS 1.2 server that changes its mind sends an empty ticket (RFC 5077 section 3.3); that is read as done with an empty ticket.
    /// </summary>
    /// <param name="message">The handshake message; its type must be new_session_ticket.</param>
    /// <param name="version">The negotiated version, which decides the layout.</param>
    /// <param name="ticket">The ticket when done.</param>
    /// <param name="errorOffset">Offset in the body of the first bad byte when invalid.</param>
    /// <param name="error">Why the message is invalid.</param>
    public static ParseStatus TryRead(TlsHandshakeMessage message, TlsProtocolVersion version, out SessionTicketInfo? ticket, out int errorOffset, out TlsParseError error)
    {
        ticket = null;
        errorOffset = 0;
        error = TlsParseError.None;
        if (message.Type != TlsHandshakeType.NewSessionTicket)
        {
            error = TlsParseError.UnexpectedHandshakeType;
            return ParseStatus.Invalid;
        }

        var reader = new TlsReader(message.Body);
        if (!TryReadUInt32(ref reader, out var lifetime))
        {
            return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
        }

        if (version < TlsProtocolVersion.Tls13)
        {
            if (!reader.TryReadVector16(out var opaque))
            {
                return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
            }

            if (!reader.End)
            {
                return Fail(reader.Consumed, TlsParseError.TrailingData, out errorOffset, out error);
            }

            ticket = new SessionTicketInfo(lifetime, 0, [], [.. opaque]);
            return ParseStatus.Done;
        }

        if (!TryReadUInt32(ref reader, out var ageAdd) || !reader.TryReadVector8(out var nonce))
        {
            return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
        }

        var ticketOffset = reader.Consumed;
        if (!reader.TryReadVector16(out var value))
        {
            return Fail(ticketOffset, TlsParseError.Truncated, out errorOffset, out error);
        }

        if (value.IsEmpty)
        {
            return Fail(ticketOffset, TlsParseError.BadVectorLength, out errorOffset, out error);
        }

        // The extensions (early_data) matter to no verdict here; only their framing is checked.
        var extensionsOffset = reader.Consumed;
        if (!reader.TryReadVector16(out _))
        {
            return Fail(extensionsOffset, TlsParseError.Truncated, out errorOffset, out error);
        }

        if (!reader.End)
        {
            return Fail(reader.Consumed, TlsParseError.TrailingData, out errorOffset, out error);
        }

        ticket = new SessionTicketInfo(lifetime, ageAdd, [.. nonce], [.. value]);
        return ParseStatus.Done;
    }

    private static bool TryReadUInt32(ref TlsReader reader, out uint value)
    {
        value = 0;
        if (!reader.TryReadUInt16(out var high) || !reader.TryReadUInt16(out var low))
        {
            return false;
        }

        value = ((uint)high << 16) | low;
        return true;
    }

    private static ParseStatus Fail(int offset, TlsParseError reason, out int errorOffset, out TlsParseError error)
    {
        errorOffset = offset;
        error = reason;
        return ParseStatus.Invalid;
    }
}
