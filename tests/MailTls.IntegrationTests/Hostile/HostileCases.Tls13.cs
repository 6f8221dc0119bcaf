using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// Servers that answer mailtls's own TLS 1.3 client (Tls13ChainExchange) with a real ServerHello and
/// real P-256 key agreement, then misbehave where only a client that decrypts can see it.
internal static partial class HostileCases
{
    /// <summary>Over RFC 8446 section 5.2's bound on a TLSCiphertext (2^14 + 256), yet under the 2^14 + 2048 a TLS 1.2 record may carry.</summary>
    private const int OverTls13Record = (1 << 14) + 300;

    public static IReadOnlyList<HostileCase> Tls13Flight(HostileMaterial material)
    {
        var leaf = material.Leaf.RawData;
        var chainOf500 = HostileTls13Handshake.Flight(Enumerable.Repeat(leaf, 500));
        var bigCertificate = HostileTls13Handshake.Flight([new byte[OverTls13Record]]);
        var noise = new byte[4096];
        new Random(13).NextBytes(noise);
        return
        [
            new("tls13-complete-flight", "answers in TLS 1.3 as a server should, up to CertificateVerify (the control case)", (c, ct) =>
                Tls13AfterServerHelloAsync(c, h => h.Protect(HostileTls13Handshake.Flight([leaf])), ct)),
            new("tls13-bad-key-share", "answers with a ServerHello whose P-256 share is not a point on the curve", static async (c, ct) =>
            {
                var hello = await Tls13HelloAsync(c, ct);
                using var handshake = new HostileTls13Handshake(hello);
                await c.SendAsync(handshake.ServerHello([0x04, .. Enumerable.Repeat((byte)0x01, 64)]), ct);
                await c.HoldAsync(ct);
            }),
            new("tls13-undecryptable-records", "follows its ServerHello with 4 KiB of noise as application_data", (c, ct) =>
                Tls13AfterServerHelloAsync(c, _ => HostileTls.Record(TlsContentType.ApplicationData, noise), ct)),
            new("tls13-record-over-2^14+256", "seals 2^14 + 300 bytes of its flight (a Certificate of one 16 KiB certificate) in one record", (c, ct) =>
                Tls13AfterServerHelloAsync(c, h => h.Seal(TlsContentType.Handshake, bigCertificate.AsSpan(0, OverTls13Record)), ct)),
            new("tls13-record-announcing-64k", "follows its ServerHello with a record announcing 65 535 bytes", static (c, ct) =>
                Tls13AfterServerHelloAsync(c, _ => HostileTls.Record(TlsContentType.ApplicationData, new byte[ushort.MaxValue]), ct)),
            new("tls13-500-certificate-chain", "encrypts a Certificate message of 500 certificates", (c, ct) =>
                Tls13AfterServerHelloAsync(c, h => h.Protect(chainOf500), ct)),
            new("tls13-huge-encrypted-message", "encrypts a Certificate message announcing 16 MiB, then sends its body for ever", static async (c, ct) =>
            {
                var hello = await Tls13HelloAsync(c, ct);
                using var handshake = new HostileTls13Handshake(hello);
                await c.SendAsync((byte[])[.. handshake.ServerHello(), .. handshake.Protect(HostileTls13Handshake.EncryptedExtensions()),
                    .. handshake.Seal(TlsContentType.Handshake, [(byte)TlsHandshakeType.Certificate, 0xFF, 0xFF, 0xFF])], ct);
                var filler = new byte[1 << 14];
                while (true)
                {
                    await c.SendAsync(handshake.Seal(TlsContentType.Handshake, filler), ct);
                }
            }),
            new("tls13-truncated-certificate-close", "encrypts half a Certificate message, then closes", (c, ct) =>
                Tls13TruncatedAsync(c, leaf, hold: false, ct)),
            new("tls13-truncated-certificate-hang", "encrypts half a Certificate message, then waits", (c, ct) =>
                Tls13TruncatedAsync(c, leaf, hold: true, ct)),
            new("tls13-endless-hello-retry", "answers every ClientHello with a HelloRetryRequest for secp384r1", static async (c, ct) =>
            {
                await c.SmtpUpToStartTlsAsync(ct);
                while (true)
                {
                    var hello = HostileClientHello.Read(await c.ReadClientHelloAsync(ct));
                    await c.SendAsync(HostileTls13Handshake.HelloRetryRequest(hello, TlsNamedGroup.Secp384r1), ct);
                }
            }),
            new("tls13-retry-for-offered-group", "answers with a HelloRetryRequest for secp256r1, the group the client already sent a share for", static async (c, ct) =>
            {
                var hello = await Tls13HelloAsync(c, ct);
                await c.SendAsync(HostileTls13Handshake.HelloRetryRequest(hello, TlsNamedGroup.Secp256r1), ct);
                await c.HoldAsync(ct);
            }),
            new("tls13-endless-change-cipher-spec", "follows its ServerHello with change_cipher_spec records for ever", static async (c, ct) =>
            {
                var hello = await Tls13HelloAsync(c, ct);
                using var handshake = new HostileTls13Handshake(hello);
                await c.SendAsync(handshake.ServerHello(), ct);
                var flood = Enumerable.Range(0, 1000).SelectMany(_ => HostileTls.Record(TlsContentType.ChangeCipherSpec, [1])).ToArray();
                while (true)
                {
                    await c.SendAsync(flood, ct);
                }
            }),
            new("tls13-alert-flood", "follows its ServerHello with warning alerts for ever", static async (c, ct) =>
            {
                var hello = await Tls13HelloAsync(c, ct);
                using var handshake = new HostileTls13Handshake(hello);
                await c.SendAsync(handshake.ServerHello(), ct);
                var alerts = HostileTls.WarningAlerts(1000);
                while (true)
                {
                    await c.SendAsync(alerts, ct);
                }
            }),
            new("tls13-reset-mid-flight", "sends its ServerHello and half its encrypted flight, then resets", (c, ct) =>
                Tls13PartAsync(c, leaf, async flight =>
                {
                    await c.SendAsync(flight.AsMemory(0, flight.Length / 2), ct);
                    await Task.Delay(50, ct);
                    c.Reset();
                }, ct)),
            new("tls13-drip-flight", "sends its ServerHello, then its encrypted flight one byte every 20 ms", (c, ct) =>
                Tls13PartAsync(c, leaf, async flight =>
                {
                    await c.DripAsync(flight, TimeSpan.FromMilliseconds(20), ct);
                    await c.HoldAsync(ct);
                }, ct)),
        ];
    }

    /// <summary>SMTP to STARTTLS, then the client's TLS 1.3 ClientHello.</summary>
    private static async Task<HostileClientHello> Tls13HelloAsync(HostileConnection c, CancellationToken ct)
    {
        await c.SmtpUpToStartTlsAsync(ct);
        return HostileClientHello.Read(await c.ReadClientHelloAsync(ct));
    }

    /// <summary>A real ServerHello and compatibility change_cipher_spec, then what <paramref name="after"/> makes; then waits.</summary>
    private static async Task Tls13AfterServerHelloAsync(HostileConnection c, Func<HostileTls13Handshake, byte[]> after, CancellationToken ct)
    {
        var hello = await Tls13HelloAsync(c, ct);
        using var handshake = new HostileTls13Handshake(hello);
        await c.SendAsync((byte[])[.. handshake.ServerHello(), .. HostileTls.Record(TlsContentType.ChangeCipherSpec, [1]), .. after(handshake)], ct);
        await c.HoldAsync(ct);
    }

    /// <summary>A real ServerHello, then <paramref name="send"/> with the whole encrypted flight (EncryptedExtensions to CertificateVerify).</summary>
    private static async Task Tls13PartAsync(HostileConnection c, byte[] leaf, Func<byte[], Task> send, CancellationToken ct)
    {
        var hello = await Tls13HelloAsync(c, ct);
        using var handshake = new HostileTls13Handshake(hello);
        await c.SendAsync(handshake.ServerHello(), ct);
        await send(handshake.Protect(HostileTls13Handshake.Flight([leaf])));
    }

    /// <summary>EncryptedExtensions and the first half of a Certificate message, sealed; then a close or a wait.</summary>
    private static async Task Tls13TruncatedAsync(HostileConnection c, byte[] leaf, bool hold, CancellationToken ct)
    {
        var hello = await Tls13HelloAsync(c, ct);
        using var handshake = new HostileTls13Handshake(hello);
        var certificate = HostileTls13Handshake.Certificate([leaf]);
        await c.SendAsync((byte[])[.. handshake.ServerHello(), .. handshake.Protect([.. HostileTls13Handshake.EncryptedExtensions(), .. certificate.AsSpan(0, certificate.Length / 2)])], ct);
        if (hold)
        {
            await c.HoldAsync(ct);
        }
    }
}
