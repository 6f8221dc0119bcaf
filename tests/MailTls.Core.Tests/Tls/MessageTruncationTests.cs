using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>
/// Every typed message reader over every prefix of real messages (the handshake messages of the
/// golden OpenSSL flights and recorded ClientHellos, and a TLS 1.3 Certificate as decrypted). A handshake message arrives whole, so a short
/// body is malformed: the readers must answer Invalid with <see cref="TlsParseError.Truncated"/> and
/// an offset inside the body, never throw and never report a value that is not there.
/// </summary>
public sealed class MessageTruncationTests
{
    public static TheoryData<string, TlsHandshakeType> GoldenMessages() => new()
    {
        { "tls12-ecdhe-rsa.hex", TlsHandshakeType.ServerHello },
        { "tls12-ecdhe-rsa.hex", TlsHandshakeType.Certificate },
        { "tls12-ecdhe-rsa.hex", TlsHandshakeType.ServerKeyExchange },
        { "tls12-dhe-rsa.hex", TlsHandshakeType.ServerHello },
        { "tls12-dhe-rsa.hex", TlsHandshakeType.ServerKeyExchange },
        { "tls13.hex", TlsHandshakeType.ServerHello },
        { "tls13-hrr.hex", TlsHandshakeType.ServerHello },
    };

    public static TheoryData<string> RecordedClientHellos() => new(
        "postfix_3.7.11_debian12_default",
        "exim_4.96_gnutls_debian12_default",
        "sendmail_8.17.1.9_debian12_default",
        "openssl3_s_client_tls1");

    /// <summary>The handshake messages of a golden flight, as (type, body) copies.</summary>
    private static List<(TlsHandshakeType Type, byte[] Body)> Messages(byte[] records)
    {
        var messages = new List<(TlsHandshakeType, byte[])>();
        var buffer = new TlsHandshakeBuffer(ParserLimits.Default);
        var offset = 0;
        while (TlsRecord.TryRead(records.AsSpan(offset), ParserLimits.Default, out var record, out var used, out _) == ParseStatus.Done)
        {
            offset += used;
            if (record.ContentType != TlsContentType.Handshake)
            {
                continue;
            }

            Assert.Equal(ParseStatus.Done, buffer.Append(record.Fragment, out _));
            while (buffer.TryReadMessage(out var message, out _) == ParseStatus.Done)
            {
                messages.Add((message.Type, message.Body.ToArray()));
            }
        }

        return messages;
    }

    private static ParseStatus ReadAs(TlsHandshakeType type, ReadOnlySpan<byte> body, KeyExchangeAlgorithm keyExchange, out bool hasValue, out int errorOffset, out TlsParseError error)
    {
        var message = new TlsHandshakeMessage(type, body);
        ParseStatus status;
        switch (type)
        {
            case TlsHandshakeType.ServerHello:
                status = ServerHelloReader.TryRead(message, ParserLimits.Default, out var hello, out errorOffset, out error);
                hasValue = hello is not null;
                return status;
            case TlsHandshakeType.Certificate:
                status = CertificateMessageReader.TryRead(message, ParserLimits.Default, out var chain, out errorOffset, out error);
                hasValue = !chain.IsEmpty;
                return status;
            case TlsHandshakeType.ServerKeyExchange:
                status = ServerKeyExchangeReader.TryRead(message, keyExchange, anonymous: false, TlsProtocolVersion.Tls12, out var info, out errorOffset, out error);
                hasValue = info is not null;
                return status;
            default:
                status = ClientHelloReader.TryRead(message, ParserLimits.Default, out var client, out errorOffset, out error);
                hasValue = client is not null;
                return status;
        }
    }

    [Theory]
    [MemberData(nameof(GoldenMessages))]
    public void TryRead_GoldenBodyTruncatedAnywhere_ReturnsTruncated(string flight, TlsHandshakeType type)
    {
        // Given
        var messages = Messages(TlsTestData.ReadHex("ServerFlights/" + flight));
        var body = messages.First(m => m.Type == type).Body;
        var keyExchange = flight.Contains("dhe-rsa", StringComparison.Ordinal) && !flight.Contains("ecdhe", StringComparison.Ordinal)
            ? KeyExchangeAlgorithm.Dhe
            : KeyExchangeAlgorithm.Ecdhe;
        Assert.Equal(ParseStatus.Done, ReadAs(type, body, keyExchange, out _, out _, out _));

        // A ServerHello may end after its compression method: extensions are optional before TLS 1.3.
        var extensionsStart = type == TlsHandshakeType.ServerHello ? 2 + 32 + 1 + body[34] + 2 + 1 : -1;

        for (var length = 0; length < body.Length; length++)
        {
            // When
            var status = ReadAs(type, body.AsSpan(0, length), keyExchange, out var hasValue, out var errorOffset, out var error);

            // Then
            if (length == extensionsStart)
            {
                Assert.Equal(ParseStatus.Done, status);
                continue;
            }

            Assert.True(status == ParseStatus.Invalid, $"prefix {length}: {status}");
            Assert.Equal(TlsParseError.Truncated, error);
            Assert.False(hasValue);
            Assert.InRange(errorOffset, 0, length);
        }
    }

    [Theory]
    [MemberData(nameof(RecordedClientHellos))]
    public void ClientHelloTryRead_BodyTruncatedAnywhere_ReturnsTruncated(string profile)
    {
        // Given
        var records = TlsTestData.ReadHex($"ClientProfiles/raw/{profile}.conn1.clienthello.hex");
        var body = Assert.Single(Messages(records)).Body;

        for (var length = 0; length < body.Length; length++)
        {
            // When
            var status = ReadAs(TlsHandshakeType.ClientHello, body.AsSpan(0, length), KeyExchangeAlgorithm.Any, out var hasValue, out var errorOffset, out var error);

            // Then: a ClientHello may also end after its compression methods (no extensions)
            if (status == ParseStatus.Done)
            {
                Assert.Equal(2 + 32 + 1 + body[34] + 2 + ((body[35 + body[34]] << 8) | body[36 + body[34]]) + 1 + body[37 + body[34] + ((body[35 + body[34]] << 8) | body[36 + body[34]])], length);
                continue;
            }

            Assert.Equal(ParseStatus.Invalid, status);
            Assert.Equal(TlsParseError.Truncated, error);
            Assert.False(hasValue);
            Assert.InRange(errorOffset, 0, length);
        }
    }

    [Fact]
    public void CertificateTryReadTls13_BodyOrListCutAnywhere_IsTruncatedOrEndsAtAnEntry()
    {
        // Given: a TLS 1.3 Certificate (as decrypted from the server's flight) of two entries, the
        // second with one extension (RFC 8446 section 4.4.2: each entry carries its own extensions)
        byte[] first = [.. Entry(Enumerable.Repeat((byte)0x30, 40).ToArray(), [])];
        byte[] second = [.. Entry(Enumerable.Repeat((byte)0x31, 30).ToArray(), [0x00, 0x05, 0x00, 0x01, 0x00])];
        byte[] entries = [.. first, .. second];
        int[] boundaries = [0, first.Length, entries.Length];
        byte[] whole = [0x00, .. Length24(entries.Length), .. entries];

        for (var cut = 0; cut < whole.Length; cut++)
        {
            // When: the body ends early, its list length still announcing every entry
            var status = CertificateMessageReader.TryReadTls13(new TlsHandshakeMessage(TlsHandshakeType.Certificate, whole.AsSpan(0, cut)), ParserLimits.Default, out var chain, out var offset, out var error);

            // Then
            Assert.True(status == ParseStatus.Invalid, $"body cut at {cut}: {status}");
            Assert.Equal(TlsParseError.Truncated, error);
            Assert.True(chain.IsDefaultOrEmpty);
            Assert.InRange(offset, 0, cut);
        }

        for (var cut = 0; cut <= entries.Length; cut++)
        {
            // When: the list itself ends early, its length saying so, so the cut falls inside an entry or between two
            byte[] body = [0x00, .. Length24(cut), .. entries.AsSpan(0, cut)];
            var status = CertificateMessageReader.TryReadTls13(new TlsHandshakeMessage(TlsHandshakeType.Certificate, body), ParserLimits.Default, out var chain, out var offset, out var error);

            // Then: whole entries are read, a partial one is Truncated at its start, never a shorter certificate
            var entriesRead = Array.IndexOf(boundaries, cut);
            if (entriesRead >= 0)
            {
                Assert.True(status == ParseStatus.Done, $"list cut at {cut}: {status} {error}");
                Assert.Equal(entriesRead, chain.Length);
            }
            else
            {
                Assert.True(status == ParseStatus.Invalid, $"list cut at {cut}: {status}");
                Assert.Equal(TlsParseError.Truncated, error);
                Assert.True(chain.IsDefaultOrEmpty);
                Assert.Equal(cut < first.Length ? 4 : 4 + first.Length, offset);
            }
        }

        static byte[] Entry(byte[] der, byte[] extensions) =>
            [.. Length24(der.Length), .. der, (byte)(extensions.Length >> 8), (byte)extensions.Length, .. extensions];

        static byte[] Length24(int length) => [(byte)(length >> 16), (byte)(length >> 8), (byte)length];
    }

    [Fact]
    public void AlertTryRead_TruncatedAnywhere_ReturnsNeedMoreData()
    {
        // Given: fatal handshake_failure; an alert may continue in the next record (RFC 5246 section 6.2.1)
        byte[] alert = [0x02, 0x28];

        for (var length = 0; length < alert.Length; length++)
        {
            // When
            var status = TlsAlert.TryRead(alert.AsSpan(0, length), out _, out var consumed, out var error);

            // Then
            Assert.Equal(ParseStatus.NeedMoreData, status);
            Assert.Equal(TlsParseError.None, error);
            Assert.Equal(0, consumed);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenMessages))]
    public void TryRead_GoldenBodyWithEveryByteFlipped_NeverThrows(string flight, TlsHandshakeType type)
    {
        // Given
        var body = Messages(TlsTestData.ReadHex("ServerFlights/" + flight)).First(m => m.Type == type).Body;
        var outcomes = new HashSet<(ParseStatus, TlsParseError)>();

        for (var at = 0; at < body.Length; at++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, (byte)(body[at] ^ 0x80) })
            {
                var mutant = body.ToArray();
                mutant[at] = value;

                // When
                var status = ReadAs(type, mutant, KeyExchangeAlgorithm.Dhe, out var hasValue, out var errorOffset, out var error);

                // Then: a verdict with a consistent offset, for every kind of key exchange read
                outcomes.Add((status, error));
                Assert.NotEqual(ParseStatus.NeedMoreData, status);
                Assert.True(status == ParseStatus.Done ? hasValue || type == TlsHandshakeType.Certificate : !hasValue);
                Assert.InRange(errorOffset, 0, mutant.Length);
                ReadAs(type, mutant, KeyExchangeAlgorithm.Ecdhe, out _, out _, out _);
                ReadAs(type, mutant, KeyExchangeAlgorithm.Rsa, out _, out _, out _);
            }
        }

        Assert.Contains(outcomes, o => o.Item1 == ParseStatus.Invalid);
    }
}
