using System.Net.Security;
using System.Text;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// The catalogue of misbehaving servers: the SMTP dialogue (silence, floods, refusals, garbage,
/// tarpits and drips) and the TLS answer after STARTTLS (plaintext, garbage, oversized records,
/// truncation, alert floods, resets, a 500-certificate chain, 10 000 names, undecodable DER).
/// Each client under test (StartTlsSession now, the probe engine when it lands) keeps its own table
/// of the verdict it must reach for each name. Servers that misbehave only after real key agreement,
/// for mailtls's own TLS clients, are in the partial files (<see cref="Tls13Flight"/>).
/// </summary>
internal static partial class HostileCases
{
    /// <summary>How long a "too slow" server waits; longer than any deadline the tests configure.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<HostileCase> All(HostileMaterial material)
    {
        // Built once, not per connection, so the server's own allocations stay out of the client's figure.
        var chainOf500 = FlightAfterServerHello(HostileTls.Certificate(Enumerable.Repeat(material.Leaf.RawData, 500)));
        var undecodable = FlightAfterServerHello(HostileTls.Certificate([[0x30, 0x82, 0xFF, 0xFF, 0x02, 0x01, 0x00]]));
        return Catalogue(material, chainOf500, undecodable);
    }

    private static byte[] FlightAfterServerHello(byte[] certificate) =>
        HostileTls.InRecords([.. HostileTls.ServerHello(), .. certificate, .. HostileTls.ServerHelloDone()]);

    private static List<HostileCase> Catalogue(HostileMaterial material, byte[] chainOf500, byte[] undecodable) =>
    [
        // SMTP greeting
        new("no-banner", "accepts and never says anything", static (c, ct) => c.HoldAsync(ct)),
        new("close-at-once", "accepts and closes (FIN) before the banner", static (_, _) => Task.CompletedTask),
        new("reset-at-once", "accepts and resets the connection", static (c, _) => { c.Reset(); return Task.CompletedTask; }),
        new("greeting-tarpit", "waits longer than any deadline before the banner", static async (c, ct) =>
        {
            await Task.Delay(Forever, ct);
            await c.SendAsync("220 late\r\n", ct);
        }),
        new("drip-banner", "sends an endless multi-line banner one byte every 20 ms", static (c, ct) =>
            c.DripAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("220-slow\r\n", 10_000))), TimeSpan.FromMilliseconds(20), ct)),
        new("endless-multiline-banner", "sends 220- continuation lines for ever, as fast as it can", static async (c, ct) =>
        {
            var lines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("220-tarpit.mailtls.invalid\r\n", 1000)));
            while (true)
            {
                await c.SendAsync(lines, ct);
            }
        }),
        new("megabyte-line", "sends a banner line of 1 MiB", static async (c, ct) =>
        {
            await c.SendAsync(Encoding.ASCII.GetBytes("220 " + new string('x', 1 << 20) + "\r\n"), ct);
            await c.HoldAsync(ct);
        }),
        new("421-then-close", "refuses with 421 (rate limit) and closes", static (c, ct) => c.SendAsync("421 4.7.0 hostile.mailtls.invalid Too many connections, try later\r\n", ct)),
        new("554-banner", "refuses with 554 and keeps the connection open", static async (c, ct) =>
        {
            await c.SendAsync("554 5.7.1 No SMTP service here\r\n", ct);
            await c.HoldAsync(ct);
        }),
        new("binary-banner", "answers with binary noise", static async (c, ct) =>
        {
            await c.SendAsync(new byte[] { 0x00, 0xFF, 0x1B, 0x5B, 0x32, 0x4A, 0x0D, 0x0A }, ct);
            await c.HoldAsync(ct);
        }),
        new("http-server", "is a web server", static async (c, ct) =>
        {
            await c.SendAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", ct);
            await c.HoldAsync(ct);
        }),

        // EHLO and STARTTLS
        new("ehlo-silence", "greets, then never answers EHLO", static async (c, ct) =>
        {
            await c.SendAsync("220 hostile.mailtls.invalid ESMTP\r\n", ct);
            await c.HoldAsync(ct);
        }),
        new("endless-ehlo", "answers EHLO with 250- lines for ever", static async (c, ct) =>
        {
            await c.SendAsync("220 hostile.mailtls.invalid ESMTP\r\n", ct);
            await c.ReadLineAsync(ct);
            var lines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("250-X-HOSTILE\r\n", 1000)));
            while (true)
            {
                await c.SendAsync(lines, ct);
            }
        }),
        new("inconsistent-codes", "answers EHLO with lines of different codes", static async (c, ct) =>
        {
            await c.SendAsync("220 hostile.mailtls.invalid ESMTP\r\n", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("250-hostile.mailtls.invalid\r\n220 STARTTLS\r\n", ct);
            await c.HoldAsync(ct);
        }),
        new("no-starttls-ignores-quit", "offers no STARTTLS and never answers QUIT", static async (c, ct) =>
        {
            await c.SendAsync("220 hostile.mailtls.invalid ESMTP\r\n", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("250-hostile.mailtls.invalid\r\n250 PIPELINING\r\n", ct);
            await c.HoldAsync(ct);
        }),
        new("starttls-454", "offers STARTTLS but answers it 454", static async (c, ct) =>
        {
            await c.SendAsync("220 hostile.mailtls.invalid ESMTP\r\n", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("250-hostile.mailtls.invalid\r\n250 STARTTLS\r\n", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("454 4.7.0 TLS not available due to local problem\r\n", ct);
            await c.HoldAsync(ct);
        }),

        // The answer to the ClientHello
        new("starttls-then-plaintext", "accepts STARTTLS, then keeps talking SMTP in plaintext", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            await c.SendAsync("250 2.0.0 hostile.mailtls.invalid says hello in plaintext\r\n", ct);
            await c.HoldAsync(ct);
        }),
        new("garbage-serverhello", "answers the ClientHello with 4 KiB of noise", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            var noise = new byte[4096];
            new Random(4096).NextBytes(noise);
            noise[0] = 0x7F; // never a record type
            await c.SendAsync(noise, ct);
            await c.HoldAsync(ct);
        }),
        new("record-over-16k", "sends a handshake record announcing 65 535 bytes", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            await c.SendAsync(HostileTls.Record(TlsContentType.Handshake, new byte[ushort.MaxValue]), ct);
            await c.HoldAsync(ct);
        }),
        new("truncated-handshake-close", "sends a third of a ServerHello, then closes", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            var record = HostileTls.Record(TlsContentType.Handshake, HostileTls.ServerHello());
            await c.SendAsync(record.AsMemory(0, record.Length / 3), ct);
        }),
        new("truncated-handshake-hang", "sends a ServerHello record whose message announces more than it holds, then waits", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            var hello = HostileTls.ServerHello();
            hello[3] += 40; // the handshake length now runs past the record
            await c.SendAsync(HostileTls.Record(TlsContentType.Handshake, hello), ct);
            await c.HoldAsync(ct);
        }),
        new("alert-flood", "answers with warning alerts for ever", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            var alerts = HostileTls.WarningAlerts(1000);
            while (true)
            {
                await c.SendAsync(alerts, ct);
            }
        }),
        new("reset-mid-handshake", "sends half a ServerHello and resets", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            var record = HostileTls.Record(TlsContentType.Handshake, HostileTls.ServerHello());
            await c.SendAsync(record.AsMemory(0, record.Length / 2), ct);
            await Task.Delay(50, ct);
            c.Reset();
        }),
        new("drip-handshake", "sends a valid ServerHello one byte every 50 ms", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            await c.DripAsync(HostileTls.Record(TlsContentType.Handshake, HostileTls.ServerHello()), TimeSpan.FromMilliseconds(50), ct);
            await c.HoldAsync(ct);
        }),
        new("sslv2-answer", "answers with an SSL 2.0 SERVER-HELLO", static async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            await c.ReadClientHelloAsync(ct);
            // msg_type 4, no session hit, X.509, version 2, 2-byte certificate, two cipher kinds, 16-byte connection id
            var body = Convert.FromHexString("0400010002000200060010" + "3082" + "0100800700C0" + "00112233445566778899AABBCCDDEEFF");
            await c.SendAsync((byte[])[(byte)(0x80 | (body.Length >> 8)), (byte)body.Length, .. body], ct);
            await c.HoldAsync(ct);
        }),
        new("500-certificate-chain", "sends a ServerHello and a Certificate message of 500 certificates", (c, ct) =>
            SendFlightAsync(c, chainOf500, ct)),
        new("undecodable-der", "sends a Certificate whose only certificate is not DER", (c, ct) =>
            SendFlightAsync(c, undecodable, ct)),
        new("10000-names", "completes a real TLS handshake with a certificate carrying 10 000 DNS names", (c, ct) =>
            ServeRealTlsAsync(c, material.ManyNamesLeaf, TimeSpan.Zero, ct)),

        // Slow but within the deadlines: must not be mistaken for failure
        new("greeting-delay-within-deadline", "greets after a short delay, then behaves", (c, ct) =>
            ServeRealTlsAsync(c, material.Leaf, TimeSpan.FromMilliseconds(200), ct)),
    ];

    /// <summary>SMTP to STARTTLS, then <paramref name="flight"/> (ServerHello, Certificate, ServerHelloDone); then waits.</summary>
    private static async Task SendFlightAsync(HostileConnection c, byte[] flight, CancellationToken ct)
    {
        await c.SmtpUpToStartTlsAsync(ct);
        await c.ReadClientHelloAsync(ct);
        await c.SendAsync(flight, ct);
        await c.HoldAsync(ct);
    }

    /// <summary>A well-behaved SMTP server with real TLS (SslStream), after <paramref name="greetingDelay"/>.</summary>
    private static async Task ServeRealTlsAsync(HostileConnection c, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, TimeSpan greetingDelay, CancellationToken ct)
    {
        await Task.Delay(greetingDelay, ct);
        await c.SmtpUpToStartTlsAsync(ct);
        using var tls = new SslStream(c.Stream, leaveInnerStreamOpen: true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
        var line = new byte[512];
        if (await tls.ReadAsync(line, ct) > 0)
        {
            await tls.WriteAsync("221 2.0.0 Bye\r\n"u8.ToArray(), ct);
        }
    }
}
