using System.Security.Cryptography;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>
/// The TLS 1.3 reader against a test server that protects its flight with independently built
/// records: the chain and signature scheme come out decrypted, a HelloRetryRequest is answered,
/// and damaged or hostile flights end in a parse error (never an exception, never a fake result).
/// </summary>
public sealed class Tls13FlightReaderTests
{
    private static ClientHelloOptions Hello(params TlsSignatureScheme[] schemes) =>
        ClientHelloOptions.For(TlsProtocolVersion.Tls13, Tls13FlightReader.DecryptableSuites) with { SignatureAlgorithms = schemes };

    /// <summary>Runs the exchange: first hello, an optional retry, the server's answers; the final status and flight.</summary>
    private static (ParseStatus Status, Tls13FlightInfo? Flight, TlsParseError Error) Exchange(Tls13TestServer server, Func<byte[], byte[]>? damage = null, ParserLimits? limits = null)
    {
        using var reader = new Tls13FlightReader(limits ?? ParserLimits.Default);
        var received = server.Answer(reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256)));
        if (server.RetryGroup is not null)
        {
            Assert.Equal(ParseStatus.Done, reader.TryRead(received, out var retryRequest, out _, out _));
            Assert.True(retryRequest!.ServerHello!.IsHelloRetryRequest);
            var retry = reader.BuildRetryHello();
            Assert.NotNull(retry);
            received = [.. received, .. server.Answer(retry)];
        }

        received = damage?.Invoke(received) ?? received;
        var status = reader.TryRead(received, out var flight, out var consumed, out var error);
        Assert.InRange(consumed, 0, received.Length);
        return (status, flight, error);
    }

    public static TheoryData<ushort> Suites() => [.. Tls13FlightReader.DecryptableSuites];

    [Theory]
    [MemberData(nameof(Suites))]
    public void TryRead_ProtectedFlight_ReturnsChainAndSignatureScheme(ushort suite)
    {
        // Given: a server with a two-certificate chain, its flight split over three records
        byte[][] chain = [RandomNumberGenerator.GetBytes(700), RandomNumberGenerator.GetBytes(500)];
        var server = new Tls13TestServer { Suite = suite, Certificates = chain, Scheme = TlsSignatureScheme.RsaPssRsaeSha256, Records = 3 };

        // When
        var (status, flight, error) = Exchange(server);

        // Then
        Assert.True(status == ParseStatus.Done, $"{status} {error}");
        Assert.Equal(suite, flight!.ServerHello!.CipherSuite);
        Assert.Equal(TlsNamedGroup.Secp256r1, flight.ServerHello.KeyShareGroup);
        Assert.Equal(chain, flight.Certificates.Select(c => c.ToArray()));
        Assert.Equal(TlsSignatureScheme.RsaPssRsaeSha256, flight.SignatureScheme);
        Assert.True(flight.Complete);
        Assert.False(flight.Retried);
    }

    [Theory]
    [InlineData(TlsNamedGroup.Secp384r1)]
    [InlineData(TlsNamedGroup.Secp521r1)]
    public void TryRead_HelloRetryRequestForAnotherNistGroup_AnswersAndDecrypts(TlsNamedGroup group)
    {
        // Given
        byte[][] chain = [RandomNumberGenerator.GetBytes(400)];
        var server = new Tls13TestServer { Suite = 0x1302, RetryGroup = group, Certificates = chain };

        // When
        var (status, flight, error) = Exchange(server);

        // Then
        Assert.True(status == ParseStatus.Done, $"{status} {error}");
        Assert.True(flight!.Retried);
        Assert.Equal(group, flight.ServerHello!.KeyShareGroup);
        Assert.Equal(chain, flight.Certificates.Select(c => c.ToArray()));
    }

    [Fact]
    public void BuildRetryHello_ServerWantsX25519_ReturnsNull()
    {
        // Given: a HelloRetryRequest for a group mailtls cannot compute (and did not offer)
        using var reader = new Tls13FlightReader(ParserLimits.Default);
        var server = new Tls13TestServer { RetryGroup = TlsNamedGroup.X25519 };
        var received = server.Answer(reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256)));

        // When
        var status = reader.TryRead(received, out var flight, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.True(flight!.ServerHello!.IsHelloRetryRequest);
        Assert.Null(reader.BuildRetryHello());
    }

    [Fact]
    public void TryRead_HelloRetryRequestForTheGroupAlreadyShared_IsInvalid()
    {
        // Given: a HelloRetryRequest asking for secp256r1, whose share the first hello already carries
        using var reader = new Tls13FlightReader(ParserLimits.Default);
        var server = new Tls13TestServer { RetryGroup = TlsNamedGroup.Secp256r1 };
        var received = server.Answer(reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256)));

        // When
        var status = reader.TryRead(received, out var flight, out _, out var error);

        // Then: RFC 8446 section 4.1.4, a retry that would change nothing is an illegal_parameter
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.BadValue, error);
        Assert.Null(flight);
    }

    [Theory]
    [InlineData(1, ParseStatus.Invalid)]
    [InlineData(2, ParseStatus.Done)]
    public void TryRead_ProtectedRecordOver2To14Plus256_IsRecordTooLong(int records, ParseStatus expected)
    {
        // Given: a 17 000-byte certificate, its flight sealed in one record (past 2^14 + 256) or in two (each under it)
        var server = new Tls13TestServer { Certificates = [RandomNumberGenerator.GetBytes(17_000)], Records = records };

        // When
        var (status, _, error) = Exchange(server);

        // Then: RFC 8446 section 5.2, record_overflow, although a TLS 1.2 record may be that long
        Assert.Equal(expected, status);
        Assert.Equal(expected == ParseStatus.Invalid ? TlsParseError.RecordTooLong : TlsParseError.None, error);
    }

    [Fact]
    public void TryRead_HandshakeFailureAlert_ReturnsAlert()
    {
        // Given: the answer of a server without a certificate for the offered signature algorithms
        using var reader = new Tls13FlightReader(ParserLimits.Default);
        reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256));

        // When
        var status = reader.TryRead(Tls13TestServer.Record(TlsContentType.Alert, [2, 40]), out var flight, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsAlertDescription.HandshakeFailure, flight!.Alert!.Value.Description);
        Assert.Empty(flight.Certificates);
    }

    [Fact]
    public void BuildClientHello_OffersOnlyTls13NistGroupsAndTheGivenSignatureAlgorithms()
    {
        // Given
        using var reader = new Tls13FlightReader(ParserLimits.Default);

        // When
        var record = reader.BuildClientHello(Hello(TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPkcs1Sha256));
        Assert.Equal(ParseStatus.Done, TlsRecord.TryRead(record, ParserLimits.Default, out var parsed, out _, out _));
        Assert.Equal(ParseStatus.Done, TlsHandshakeMessage.TryRead(parsed.Fragment, ParserLimits.Default, out var message, out _, out _));
        Assert.Equal(ParseStatus.Done, ClientHelloReader.TryRead(message, ParserLimits.Default, out var hello, out _, out _));

        // Then
        Assert.Equal([(ushort)TlsProtocolVersion.Tls13], hello!.SupportedVersions.ToArray());
        Assert.Equal([TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.Secp521r1], hello.SupportedGroups.ToArray());
        Assert.Equal([TlsNamedGroup.Secp256r1], hello.KeyShares.Select(k => k.Group));
        Assert.Equal([TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPkcs1Sha256], hello.SignatureAlgorithms.ToArray());
    }

    [Fact]
    public void TryRead_TruncatedAnywhere_NeedsMoreDataAndNeverInventsAResult()
    {
        // Given: a whole exchange, then every prefix of the server's bytes fed to a fresh reader with the same keys
        using var reader = new Tls13FlightReader(ParserLimits.Default);
        var server = new Tls13TestServer { Records = 2 };
        var received = server.Answer(reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256)));

        // When / Then: the same reader, fed one more byte at a time, waits until the last byte and is then done
        for (var length = 0; length < received.Length; length++)
        {
            Assert.Equal(ParseStatus.NeedMoreData, reader.TryRead(received.AsSpan(0, length), out var partial, out _, out _));
            Assert.Null(partial);
        }

        Assert.Equal(ParseStatus.Done, reader.TryRead(received, out var flight, out var consumed, out _));
        Assert.Equal(received.Length, consumed);
        Assert.True(flight!.Complete);
    }

    [Fact]
    public void TryRead_RetryExchangeTruncatedAnywhere_NeedsMoreDataUntilEachAnswerIsWhole()
    {
        // Given: a HelloRetryRequest, the second hello, and the flight, as one stream of server bytes
        using var reader = new Tls13FlightReader(ParserLimits.Default);
        var server = new Tls13TestServer { RetryGroup = TlsNamedGroup.Secp384r1, Records = 2 };
        var received = server.Answer(reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256)));

        // When / Then: fed one more byte at a time, the reader reports the HelloRetryRequest when its
        // record is whole, then nothing until the last byte of the flight
        var retried = false;
        for (var length = 0; length < received.Length || !retried; length++)
        {
            var status = reader.TryRead(received.AsSpan(0, length), out var partial, out _, out _);
            if (status == ParseStatus.Done && !retried)
            {
                Assert.True(partial!.ServerHello!.IsHelloRetryRequest);
                retried = true;
                received = [.. received, .. server.Answer(reader.BuildRetryHello()!)];
                continue;
            }

            Assert.Equal(ParseStatus.NeedMoreData, status);
            Assert.Null(partial);
        }

        Assert.Equal(ParseStatus.Done, reader.TryRead(received, out var flight, out var consumed, out _));
        Assert.Equal(received.Length, consumed);
        Assert.True(flight!.Complete && flight.Retried);
    }

    [Fact]
    public void TryRead_AnyByteFlipped_IsInvalidOrUnchanged()
    {
        // Given: the server's answer, each byte flipped in turn
        var certificate = RandomNumberGenerator.GetBytes(200);
        var failures = 0;
        for (var i = 0; ; i++)
        {
            var server = new Tls13TestServer { Certificates = [certificate], CompatibilityChangeCipherSpec = false };
            var length = 0;
            var (status, flight, error) = Exchange(server, received =>
            {
                length = received.Length;
                var damaged = (byte[])received.Clone();
                damaged[i] ^= 0x5A;
                return damaged;
            });

            // Then: a flip is caught (bad value, bad record, failed decryption), leaves a record waiting for bytes,
            // hides supported_versions (a TLS 1.2 answer, reported as such), or touches nothing the reader
            // relies on; a completed flight is never a different one.
            if (status == ParseStatus.Done && flight!.Complete)
            {
                Assert.Equal(certificate, Assert.Single(flight.Certificates).ToArray());
            }
            else
            {
                failures++;
                var otherVersion = flight?.ServerHello is { Version: not TlsProtocolVersion.Tls13 };
                Assert.True(status == ParseStatus.NeedMoreData || error != TlsParseError.None || otherVersion, $"byte {i}: {status}");
            }

            if (i == length - 1)
            {
                Assert.True(failures > length / 2, $"only {failures} of {length} flips noticed");
                break;
            }
        }
    }

    [Fact]
    public void TryRead_MoreCertificatesThanTheLimit_IsInvalid()
    {
        // Given
        var server = new Tls13TestServer { Certificates = [.. Enumerable.Range(0, 5).Select(_ => RandomNumberGenerator.GetBytes(50))] };

        // When
        var (status, _, error) = Exchange(server, limits: ParserLimits.Default with { MaxCertificates = 4 });

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.TooManyCertificates, error);
    }

    [Fact]
    public void TryRead_SuiteNotOffered_IsInvalid()
    {
        // Given: the server picks TLS_AES_128_CCM_SHA256, which mailtls neither offered nor can decrypt
        using var reader = new Tls13FlightReader(ParserLimits.Default);
        var server = new Tls13TestServer { Suite = 0x1304 };
        var hello = reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256));

        // When
        var status = reader.TryRead(server.AnswerHelloOnly(hello), out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.BadValue, error);
    }

    [Fact]
    public void TryRead_EndlessChangeCipherSpecRecords_IsInvalid()
    {
        // Given: a ServerHello followed by change_cipher_spec records that never end
        using var reader = new Tls13FlightReader(ParserLimits.Default);
        var server = new Tls13TestServer();
        var received = server.AnswerHelloOnly(reader.BuildClientHello(Hello(TlsSignatureScheme.EcdsaSecp256r1Sha256)));
        var flood = Enumerable.Range(0, 100).SelectMany(_ => Tls13TestServer.Record(TlsContentType.ChangeCipherSpec, [1]));

        // When
        var status = reader.TryRead([.. received, .. flood], out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedRecord, error);
    }
}
