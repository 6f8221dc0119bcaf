using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

public sealed class SessionTicketReaderTests
{
    // TLS 1.2 (RFC 5077 section 3.3): lifetime hint 7200, a 4-byte ticket.
    private static readonly byte[] Tls12Body = Convert.FromHexString("00001C20" + "0004" + "DEADBEEF");

    // TLS 1.3 (RFC 8446 section 4.6.1): lifetime 7200, age_add 0x01020304, 2-byte nonce, 3-byte ticket, no extensions.
    private static readonly byte[] Tls13Body = Convert.FromHexString("00001C20" + "01020304" + "02" + "0A0B" + "0003" + "AABBCC" + "0000");

    [Fact]
    public void TryRead_Tls12Ticket_ReturnsLifetimeAndTicket()
    {
        // When
        var status = SessionTicketReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.NewSessionTicket, Tls12Body), TlsProtocolVersion.Tls12, out var ticket, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsParseError.None, error);
        Assert.Equal(7200u, ticket!.Lifetime);
        Assert.Equal(Convert.FromHexString("DEADBEEF"), ticket.Ticket);
        Assert.Empty(ticket.Nonce);
    }

    [Fact]
    public void TryRead_Tls13Ticket_ReturnsAgeAddNonceAndTicket()
    {
        // When
        var status = SessionTicketReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.NewSessionTicket, Tls13Body), TlsProtocolVersion.Tls13, out var ticket, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(0x01020304u, ticket!.AgeAdd);
        Assert.Equal(Convert.FromHexString("0A0B"), ticket.Nonce);
        Assert.Equal(Convert.FromHexString("AABBCC"), ticket.Ticket);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryRead_TruncatedAnywhere_ReturnsInvalidTruncatedInsideTheBody(bool tls13)
    {
        var body = tls13 ? Tls13Body : Tls12Body;
        for (var length = 0; length < body.Length; length++)
        {
            // When
            var status = SessionTicketReader.TryRead(
                new TlsHandshakeMessage(TlsHandshakeType.NewSessionTicket, body.AsSpan(0, length)), tls13 ? TlsProtocolVersion.Tls13 : TlsProtocolVersion.Tls12, out var ticket, out var offset, out var error);

            // Then
            Assert.Equal(ParseStatus.Invalid, status);
            Assert.Equal(TlsParseError.Truncated, error);
            Assert.InRange(offset, 0, length);
            Assert.Null(ticket);
        }
    }

    [Fact]
    public void TryRead_Tls13EmptyTicket_ReturnsInvalidBadVectorLength()
    {
        // Given: ticket<1..2^16-1> empty
        var body = Convert.FromHexString("00001C20" + "01020304" + "00" + "0000" + "0000");

        // When
        var status = SessionTicketReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.NewSessionTicket, body), TlsProtocolVersion.Tls13, out _, out var offset, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.BadVectorLength, error);
        Assert.Equal(9, offset);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryRead_TrailingByte_ReturnsInvalidTrailingData(bool tls13)
    {
        // Given
        byte[] body = [.. tls13 ? Tls13Body : Tls12Body, 0];

        // When
        var status = SessionTicketReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.NewSessionTicket, body), tls13 ? TlsProtocolVersion.Tls13 : TlsProtocolVersion.Tls12, out _, out var offset, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.TrailingData, error);
        Assert.Equal(body.Length - 1, offset);
    }

    [Fact]
    public void TryRead_OtherMessageType_ReturnsInvalidUnexpectedType()
    {
        // When
        var status = SessionTicketReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.Finished, Tls12Body), TlsProtocolVersion.Tls12, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }
}
