using System.Security.Cryptography;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>The key schedule and record protection against RFC 8448 section 3, "Simple 1-RTT Handshake".</summary>
public sealed class Tls13KeyScheduleTests
{
    private static readonly Dictionary<string, byte[]> Trace = TlsTestData.ReadText("Tls13/rfc8448-simple-1rtt.txt")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(l => !l.StartsWith('#'))
        .Select(l => l.Split(':', 2))
        .ToDictionary(p => p[0], p => Convert.FromHexString(p[1].Replace(" ", string.Empty, StringComparison.Ordinal)), StringComparer.Ordinal);

    [Fact]
    public void KeySchedule_Rfc8448Simple1Rtt_GivesPublishedSecretsKeyAndIv()
    {
        // Given: the (EC)DHE secret and the ClientHello and ServerHello of the trace (TLS_AES_128_GCM_SHA256)
        var hash = HashAlgorithmName.SHA256;

        // When
        var transcript = Tls13KeySchedule.TranscriptHash(hash, [Trace["client_hello"], Trace["server_hello"]]);
        var early = Tls13KeySchedule.EarlySecret(hash);
        var handshake = Tls13KeySchedule.HandshakeSecret(hash, Trace["ecdhe"]);
        var traffic = Tls13KeySchedule.ServerHandshakeTrafficSecret(hash, handshake, transcript);
        var (key, iv) = Tls13KeySchedule.TrafficKey(hash, traffic, 16);

        // Then
        Assert.Equal(Trace["transcript_ch_sh"], transcript);
        Assert.Equal(Trace["early_secret"], early);
        Assert.Equal(Trace["handshake_secret"], handshake);
        Assert.Equal(Trace["s_hs_traffic"], traffic);
        Assert.Equal(Trace["s_hs_key"], key);
        Assert.Equal(Trace["s_hs_iv"], iv);
    }

    [Fact]
    public void TryDecrypt_Rfc8448ServerFlightRecord_GivesPublishedPlaintextAsHandshake()
    {
        // Given
        var record = Trace["encrypted_record"];
        using var protection = Tls13RecordProtection.Create(Tls13Suite.Find(0x1301)!, Trace["s_hs_key"], Trace["s_hs_iv"]);

        // When
        var ok = protection.TryDecrypt(record.AsSpan(0, TlsRecord.HeaderLength), record.AsSpan(TlsRecord.HeaderLength), out var type, out var content);

        // Then: EncryptedExtensions, Certificate, CertificateVerify and Finished, inner type handshake
        Assert.True(ok);
        Assert.Equal(TlsContentType.Handshake, type);
        Assert.Equal(Trace["server_flight"], content);
    }

    [Fact]
    public void TryDecrypt_Rfc8448RecordWithOneBitFlipped_Fails()
    {
        // Given: each byte of the record (header = additional data, ciphertext, tag) flipped in turn
        var record = Trace["encrypted_record"];
        for (var i = 0; i < record.Length; i++)
        {
            var damaged = (byte[])record.Clone();
            damaged[i] ^= 0x01;
            using var protection = Tls13RecordProtection.Create(Tls13Suite.Find(0x1301)!, Trace["s_hs_key"], Trace["s_hs_iv"]);

            // When / Then
            Assert.False(protection.TryDecrypt(damaged.AsSpan(0, TlsRecord.HeaderLength), damaged.AsSpan(TlsRecord.HeaderLength), out _, out _), $"byte {i}");
        }
    }
}
